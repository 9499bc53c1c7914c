import datetime as dt
from zoneinfo import ZoneInfo

from django.urls import reverse
from icalendar import Calendar

from public.calendar import agenda_item_uid, meeting_uid
from tests.factories import AgendaItemFactory, MeetingFactory


def fetch_calendar(client, meeting):
    response = client.get(reverse("public:meeting_ical", args=[meeting.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response, Calendar.from_ical(response.content)


def test_calendar_holds_the_meeting_and_its_timed_agenda_items(client, demo):
    twelfth = demo["twelfth"]

    response, calendar = fetch_calendar(client, twelfth)

    events = calendar.walk("VEVENT")
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"] == "-//ASEM Customs Meetings//Public calendar//EN"
    assert len(events) == 1 + 9
    meeting_event = events[0]
    assert str(meeting_event["SUMMARY"]) == twelfth.title
    assert meeting_event.decoded("DTSTART") == dt.date(2017, 10, 16)
    assert meeting_event.decoded("DTEND") == dt.date(2017, 10, 18)
    opening = events[1]
    assert opening.decoded("DTSTART") == dt.datetime(2017, 10, 16, 9, 30,
                                                      tzinfo=ZoneInfo("Europe/Berlin"))
    assert opening["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert response["Content-Disposition"] == (
        'attachment; filename="12th-asem-customs-dg-c-meeting.ics"'
    )


def test_calendar_lines_follow_rfc_5545(client, demo):
    response, calendar = fetch_calendar(client, demo["twelfth"])

    lines = response.content.split(b"\r\n")
    assert lines[0] == b"BEGIN:VCALENDAR"
    assert lines[-2:] == [b"END:VCALENDAR", b""]
    assert all(len(line) <= 75 for line in lines)
    for event in calendar.walk("VEVENT"):
        assert {"UID", "DTSTAMP", "DTSTART"} <= set(event.keys())


def test_calendar_uids_are_stable_across_requests_and_edits(client, db):
    meeting = MeetingFactory()
    item = AgendaItemFactory(meeting=meeting, position=1, starts_at=meeting_start(meeting))

    _, first = fetch_calendar(client, meeting)
    item.title = "Renamed"
    item.save()
    _, second = fetch_calendar(client, meeting)

    uids = [str(event["UID"]) for event in second.walk("VEVENT")]
    assert uids == [str(event["UID"]) for event in first.walk("VEVENT")]
    assert uids == [meeting_uid(meeting), agenda_item_uid(item)]
    assert uids == [f"meeting-{meeting.pk}@127.0.0.1", f"agenda-item-{item.pk}@127.0.0.1"]


def meeting_start(meeting):
    return dt.datetime.combine(meeting.start_date, dt.time(9), tzinfo=dt.UTC)


def test_untimed_agenda_items_stay_out_of_the_calendar(client, db):
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting, position=1, starts_at=None)

    _, calendar = fetch_calendar(client, meeting)

    assert len(calendar.walk("VEVENT")) == 1


def test_meeting_without_dates_has_no_calendar(client, demo):
    response = client.get(reverse("public:meeting_ical", args=[demo["thirteenth"].slug]))

    assert response.status_code == 404


def test_meeting_page_links_its_calendar(client, demo):
    text = client.get(demo["twelfth"].get_absolute_url()).text

    url = reverse("public:meeting_ical", args=[demo["twelfth"].slug])
    assert f'<link rel="alternate" type="text/calendar" href="{url}"' in text
    assert f'href="{url}" type="text/calendar" download>Add to calendar</a>' in text
