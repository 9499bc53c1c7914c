"""Staff type and read a meeting's times in the meeting's own time zone, named on the form."""

import datetime as dt
from zoneinfo import ZoneInfo

from tests.factories import AgendaItemFactory, MeetingFactory, UserFactory

BANGKOK = ZoneInfo("Asia/Bangkok")


def _chief(client):
    client.force_login(UserFactory(username="chief", is_staff=True, is_superuser=True))


def _agenda_item_data(item, **changes):
    data = {"meeting": item.meeting_id, "position": item.position, "kind": item.kind,
            "title_en": item.title, "description_en": "", "outcome_en": "",
            "speakers-TOTAL_FORMS": "0", "speakers-INITIAL_FORMS": "0",
            "speakers-MIN_NUM_FORMS": "0", "speakers-MAX_NUM_FORMS": "1000"}
    data.update(changes)
    return data


def test_agenda_item_change_form_shows_the_time_in_the_meetings_zone(client, db):
    meeting = MeetingFactory(time_zone="Asia/Bangkok", start_date=dt.date(2027, 3, 10),
                             end_date=dt.date(2027, 3, 11))
    item = AgendaItemFactory(meeting=meeting,
                             starts_at=dt.datetime(2027, 3, 10, 9, 30, tzinfo=BANGKOK))
    _chief(client)

    response = client.get(f"/admin/meetings/agendaitem/{item.pk}/change/")

    assert response.status_code == 200
    assert 'name="starts_at_1" value="09:30:00"' in response.text
    assert "Times in Asia/Bangkok (UTC+07:00)." in response.text


def test_agenda_item_saved_in_the_admin_keeps_the_typed_meeting_time(client, db):
    meeting = MeetingFactory(time_zone="Asia/Bangkok")
    item = AgendaItemFactory(meeting=meeting)
    _chief(client)

    response = client.post(f"/admin/meetings/agendaitem/{item.pk}/change/", _agenda_item_data(
        item, starts_at_0="2027-03-10", starts_at_1="09:30", ends_at_0="2027-03-10",
        ends_at_1="10:15"))

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.starts_at == dt.datetime(2027, 3, 10, 9, 30, tzinfo=BANGKOK)
    assert item.ends_at == dt.datetime(2027, 3, 10, 10, 15, tzinfo=BANGKOK)
    listing = client.get("/admin/meetings/agendaitem/")
    assert "2027-03-10 09:30 Asia/Bangkok" in listing.text


def test_meeting_form_shows_registration_closing_and_agenda_in_the_meetings_zone(client, db):
    meeting = MeetingFactory(
        time_zone="Asia/Bangkok", start_date=dt.date(2027, 3, 10), end_date=dt.date(2027, 3, 11),
        registration_opens_at=dt.datetime(2027, 1, 4, 9, 0, tzinfo=BANGKOK),
        registration_closes_at=dt.datetime(2027, 2, 26, 17, 0, tzinfo=BANGKOK))
    AgendaItemFactory(meeting=meeting, starts_at=dt.datetime(2027, 3, 10, 9, 30, tzinfo=BANGKOK))
    _chief(client)

    response = client.get(f"/admin/meetings/meeting/{meeting.pk}/change/")

    assert response.status_code == 200
    assert 'name="registration_closes_at_1" value="17:00:00"' in response.text
    assert 'name="agenda_items-0-starts_at_1" value="09:30:00"' in response.text
    assert response.text.count("Times in Asia/Bangkok (UTC+07:00).") >= 4


def test_meeting_saved_in_the_admin_reads_times_in_the_zone_typed_on_the_form(client, db):
    from tests.meetings.test_admin_meeting import _change_form_data

    meeting = MeetingFactory()
    _chief(client)

    response = client.post(f"/admin/meetings/meeting/{meeting.pk}/change/", _change_form_data(
        meeting, time_zone="Asia/Bangkok", registration_closes_at_0="2030-02-26",
        registration_closes_at_1="17:00"))

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.registration_closes_at == dt.datetime(2030, 2, 26, 17, 0, tzinfo=BANGKOK)
