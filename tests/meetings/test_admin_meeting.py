from delegates.enums import RegistrationStatus
from delegates.models import RegistrationLogEntry
from tests.factories import MeetingFactory, RegistrationFactory, UserFactory, member


def _change_form_data(meeting, **changes):
    data = {
        "series": meeting.series_id, "number": meeting.number, "title_en": meeting.title,
        "slug": meeting.slug, "status": meeting.status, "host_member": meeting.host_member_id,
        "host_organisations": "", "city": meeting.city, "venue": "", "year": meeting.year,
        "start_date": meeting.start_date.isoformat(), "end_date": meeting.end_date.isoformat(),
        "time_zone": "UTC",
        "registration_opens_at_0": meeting.registration_opens_at.strftime("%Y-%m-%d"),
        "registration_opens_at_1": meeting.registration_opens_at.strftime("%H:%M:%S"),
        "registration_closes_at_0": meeting.registration_closes_at.strftime("%Y-%m-%d"),
        "registration_closes_at_1": meeting.registration_closes_at.strftime("%H:%M:%S"),
        "capacity": meeting.capacity, "delegation_cap": meeting.delegation_cap,
        "online_capacity": meeting.online_capacity,
        "summary_en": "", "list_host_first": "on", "photos": "off",
        "agenda_items-TOTAL_FORMS": "0", "agenda_items-INITIAL_FORMS": "0",
        "agenda_items-MIN_NUM_FORMS": "0", "agenda_items-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def test_raising_the_delegation_cap_in_the_admin_seats_the_waiting_list(client, db):
    meeting = MeetingFactory(capacity=10, delegation_cap=1)
    RegistrationFactory(meeting=meeting, member=member("FR"), status=RegistrationStatus.PENDING)
    waiting = RegistrationFactory(meeting=meeting, member=member("FR"),
                                  status=RegistrationStatus.WAITLISTED)
    editor = UserFactory(username="editor", is_staff=True, is_superuser=True)
    client.force_login(editor)

    response = client.post(f"/admin/meetings/meeting/{meeting.pk}/change/",
                           _change_form_data(meeting, delegation_cap=2), follow=True)

    assert response.status_code == 200
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.PENDING
    assert "1 registration moved from the waiting list to a seat." in response.text
    entry = RegistrationLogEntry.objects.filter(registration=waiting).latest("pk")
    assert entry.actor == editor


def test_action_point_status_is_not_editable_in_the_admin(client, db):
    from tests.factories import ActionPointFactory

    point = ActionPointFactory()
    client.force_login(UserFactory(username="chief", is_staff=True, is_superuser=True))

    response = client.get(f"/admin/action_plans/actionpoint/{point.pk}/change/")

    assert response.status_code == 200
    assert 'name="status"' not in response.text
