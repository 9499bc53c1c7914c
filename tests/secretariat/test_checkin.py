import pytest

from delegates.enums import RegistrationStatus as Status
from tests.delegates.staff_helpers import editor
from tests.factories import MeetingFactory, RegistrationFactory, member

pytestmark = pytest.mark.django_db
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def meeting(client):
    client.force_login(editor())
    return MeetingFactory()


def scan(client, meeting, code, **headers):
    return client.post(f"/staff/{meeting.slug}/check-in/scan/", {"code": code}, **headers)


def test_scanning_a_badge_checks_in_once(client, meeting):
    registration = RegistrationFactory(meeting=meeting, status=Status.CONFIRMED,
                                       given_name="Hương", family_name="Nguyễn Thị",
                                       family_name_first=True, name_latin="Nguyen Thi Huong",
                                       member=member("VN"))

    first = scan(client, meeting, registration.badge_code, **JSON).json()
    second = scan(client, meeting, registration.badge_code, **JSON).json()

    assert first == {"ok": True, "already": False, "name": "Nguyễn Thị Hương (Nguyen Thi Huong)",
                     "member": "Viet Nam", "role": "Delegate",
                     "message": "Nguyễn Thị Hương (Nguyen Thi Huong) checked in."}
    assert second["already"] is True
    assert second["message"] == "Nguyễn Thị Hương (Nguyen Thi Huong) was already checked in."
    entries = registration.log_entries.filter(action="delegates.registration.attended")
    assert [entry.actor.username for entry in entries] == ["editor"]


def test_unknown_or_other_meeting_code_is_refused(client, meeting):
    other = RegistrationFactory(status=Status.CONFIRMED)

    unknown = scan(client, meeting, "nope", **JSON)
    elsewhere = scan(client, meeting, other.badge_code, **JSON)

    assert unknown.status_code == 404
    assert unknown.json()["message"] == "No badge of this meeting has this code."
    assert elsewhere.status_code == 404
    other.refresh_from_db()
    assert other.attended_at is None


def test_waitlisted_registration_cannot_be_checked_in(client, meeting):
    waiting = RegistrationFactory(meeting=meeting, status=Status.WAITLISTED)

    response = scan(client, meeting, waiting.badge_code, **JSON)

    assert response.status_code == 409
    assert response.json()["ok"] is False
    waiting.refresh_from_db()
    assert waiting.attended_at is None


def test_form_post_without_script_redirects_with_a_message(client, meeting):
    registration = RegistrationFactory(meeting=meeting, status=Status.CONFIRMED)

    response = scan(client, meeting, registration.badge_code, follow=True)

    assert response.redirect_chain == [(f"/staff/{meeting.slug}/check-in/", 302)]
    assert f"{registration.full_name} checked in." in response.text


def test_room_counts_checked_in_people_by_member(client, meeting):
    for code in ("DE", "DE", "FR"):
        registration = RegistrationFactory(meeting=meeting, member=member(code),
                                           status=Status.CONFIRMED)
        scan(client, meeting, registration.badge_code, **JSON)
    RegistrationFactory(meeting=meeting, member=member("AT"), status=Status.CONFIRMED)

    room = client.get(f"/staff/{meeting.slug}/check-in/room.json").json()

    assert room == {"total": 3, "members": [{"member": "Germany", "count": 2},
                                            {"member": "France", "count": 1}]}


def test_checkin_page_loads_scripts_from_the_site_only(client, meeting):
    page = client.get(f"/staff/{meeting.slug}/check-in/")

    assert page.status_code == 200
    assert "/static/vendor/jsqr/jsQR.js" in page.text
    assert "/static/js/checkin.js" in page.text
    assert "<script>" not in page.text
    assert "style=" not in page.text
