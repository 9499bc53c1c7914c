"""Registrations through the API, for every kind of caller: the same services, seat rules
and audit as the web pages; another member's registrations are not found; passport details
only for holders of the passport permission."""

import datetime as dt

import pytest
from django.utils import timezone

from delegates.enums import RegistrationStatus, Role
from delegates.models import RegistrationLogEntry
from tests.api.conftest import client_with, token_for
from tests.factories import RegistrationFactory, member

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"
LIST = "/api/v1/registrations/"


def _new(meeting, **extra):
    return {"meeting": meeting.slug, "given_name": "Lena", "family_name": "Vogel",
            "email": "lena.vogel@example.org", "role": "delegate",
            "privacy_consent_at": timezone.now().isoformat(), **extra}


# --- reading ------------------------------------------------------------------------------


def test_anonymous_callers_see_no_registration(anonymous, de_registration):
    for path in (LIST, f"{LIST}{de_registration.pk}/"):
        response = anonymous.get(path)
        assert response.status_code == 401
        assert response["Content-Type"] == PROBLEM
    assert anonymous.post(f"{LIST}{de_registration.pk}/cancel/").status_code == 401


def test_a_token_of_someone_without_a_role_reads_nothing(db, de_registration):
    from tests.factories import UserFactory

    response = client_with(token_for(UserFactory())).get(LIST)
    assert response.status_code == 403


def test_focal_point_reads_its_own_members_registrations_only(callers, de_registration,
                                                              fr_registration):
    response = callers["focal_de"].get(LIST)
    assert [r["id"] for r in response.json()["results"]] == [de_registration.pk]
    assert response["Cache-Control"] == "no-store, private"
    assert callers["focal_de"].get(f"{LIST}{fr_registration.pk}/").status_code == 404
    assert callers["focal_fr"].get(f"{LIST}{de_registration.pk}/").status_code == 404


def test_focal_point_never_sees_passport_details(callers, de_registration):
    body = callers["focal_de"].get(f"{LIST}{de_registration.pk}/").json()
    assert body["email"] == de_registration.email
    assert "passport_number" not in body and "date_of_birth" not in body


def test_viewer_reads_every_registration_without_passports(callers, de_registration,
                                                           fr_registration):
    results = callers["viewer"].get(LIST).json()["results"]
    assert {r["id"] for r in results} == {de_registration.pk, fr_registration.pk}
    assert all("passport_number" not in r for r in results)


def test_editor_sees_passport_details(callers, de_registration):
    body = callers["editor"].get(f"{LIST}{de_registration.pk}/").json()
    assert body["passport_number"] == "C01X00T47"


def test_staff_filter_registrations(callers, meeting, de_registration, fr_registration):
    RegistrationFactory(meeting=meeting, member=member("FR"),
                        status=RegistrationStatus.CONFIRMED, attended_at=timezone.now())
    viewer = callers["viewer"]

    def ids(**query):
        return sorted(r["id"] for r in viewer.get(LIST, query).json()["results"])

    assert ids(member="fr") == sorted([fr_registration.pk, fr_registration.pk + 1])
    assert ids(member="FR", status="pending") == [fr_registration.pk]
    assert ids(checked_in="true") == [fr_registration.pk + 1]
    assert ids(meeting=meeting.slug, role="delegate") == sorted(
        [de_registration.pk, fr_registration.pk, fr_registration.pk + 1])
    assert ids(meeting="another") == []
    bad = viewer.get(LIST, {"status": "nonsense"})
    assert bad.status_code == 400
    assert bad["Content-Type"] == PROBLEM
    assert "status" in bad.json()["errors"]


@pytest.mark.parametrize("count", [1, 3])
def test_registration_list_queries_do_not_grow(callers, meeting, count,
                                               django_assert_num_queries):
    RegistrationFactory.create_batch(count, meeting=meeting)
    client = callers["viewer"]
    client.get(LIST)  # the token's last use is recorded once
    # token, user's tokens, permissions (groups, user), focal point, count, page, answers,
    # side events
    with django_assert_num_queries(8):
        assert client.get(LIST).status_code == 200


# --- focal points' changes ----------------------------------------------------------------


def test_focal_point_registers_a_delegate_through_the_seat_rules(callers, meeting, focal_de):
    response = callers["focal_de"].post(LIST, _new(meeting), format="json")
    assert response.status_code == 201
    body = response.json()
    assert (body["member"], body["status"], body["meeting"]) == ("DE", "pending", meeting.slug)
    entry = RegistrationLogEntry.objects.get(registration_id=body["id"])
    assert (entry.action, entry.actor) == ("delegates.registration.submitted", focal_de)


def test_a_full_delegation_puts_the_delegate_on_the_waiting_list(callers, meeting):
    meeting.delegation_cap = 1
    meeting.save()
    RegistrationFactory(meeting=meeting, member=member("DE"))
    response = callers["focal_de"].post(LIST, _new(meeting), format="json")
    assert response.json()["status"] == "waitlisted"


def test_focal_point_cannot_register_for_another_member(callers, meeting):
    response = callers["focal_de"].post(LIST, _new(meeting, member="FR"), format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["member"] == [
        "A focal point can only register for its own member's delegation."]


def test_a_read_only_token_cannot_write(callers, meeting, de_registration):
    client = callers["focal_de_read"]
    assert client.get(LIST).status_code == 200
    response = client.post(LIST, _new(meeting), format="json")
    assert response.status_code == 403
    assert response.json()["detail"] == (
        "This token may only read: make a token with the write scope.")
    assert client.post(f"{LIST}{de_registration.pk}/cancel/").status_code == 403


def test_closed_registration_is_a_clear_problem(callers, meeting):
    meeting.registration_closes_at = timezone.now() - dt.timedelta(minutes=1)
    meeting.registration_opens_at = timezone.now() - dt.timedelta(days=2)
    meeting.save()
    response = callers["focal_de"].post(LIST, _new(meeting), format="json")
    assert response.status_code == 409
    assert response["Content-Type"] == PROBLEM
    assert response.json() == {
        "type": "urn:asem-customs:problem:registration_closed",
        "title": "The registration rules do not allow this", "status": 409,
        "detail": "Registration for this meeting is not open.", "code": "registration_closed"}


def test_missing_consent_and_duplicate_email_are_problems(callers, meeting, de_registration):
    no_consent = callers["focal_de"].post(LIST, _new(meeting, privacy_consent_at=None),
                                          format="json")
    assert (no_consent.status_code, no_consent.json()["code"]) == (422, "consent_required")
    twice = callers["focal_de"].post(LIST, _new(meeting, email=de_registration.email),
                                     format="json")
    assert (twice.status_code, twice.json()["code"]) == (409, "duplicate_email")


def test_focal_point_changes_its_own_registration(callers, de_registration, fr_registration):
    client = callers["focal_de"]
    response = client.patch(f"{LIST}{de_registration.pk}/", {"position": "Director"},
                            format="json")
    assert response.status_code == 200
    assert response.json()["position"] == "Director"
    assert client.patch(f"{LIST}{fr_registration.pk}/", {"position": "x"},
                        format="json").status_code == 404
    assert client.put(f"{LIST}{de_registration.pk}/", {}, format="json").status_code == 405


def test_focal_point_cannot_move_a_registration_to_another_member(callers, de_registration):
    response = callers["focal_de"].patch(f"{LIST}{de_registration.pk}/", {"member": "FR"},
                                         format="json")
    assert response.status_code == 400
    de_registration.refresh_from_db()
    assert de_registration.member.code == "DE"


def test_focal_point_names_the_head_and_a_second_head_is_refused(callers, meeting,
                                                                 de_registration):
    other = RegistrationFactory(meeting=meeting, member=member("DE"))
    client = callers["focal_de"]
    response = client.post(f"{LIST}{de_registration.pk}/make-head/")
    assert (response.status_code, response.json()["role"]) == (200, "head")
    client.post(f"{LIST}{other.pk}/make-head/")
    de_registration.refresh_from_db()
    assert de_registration.role == Role.DELEGATE
    again = client.post(f"{LIST}{other.pk}/make-head/")
    assert (again.status_code, again.json()["code"]) == (409, "already_head")


def test_focal_point_cancels_its_own_registration(callers, de_registration, focal_de):
    response = callers["focal_de"].post(f"{LIST}{de_registration.pk}/cancel/")
    assert (response.status_code, response.json()["status"]) == (200, "cancelled")
    entry = RegistrationLogEntry.objects.get(registration=de_registration)
    assert (entry.action, entry.actor) == ("delegates.registration.cancelled", focal_de)
    again = callers["focal_de"].post(f"{LIST}{de_registration.pk}/cancel/")
    assert (again.status_code, again.json()["code"]) == (409, "inactive")


def test_focal_point_of_another_member_cannot_touch_it(callers, de_registration):
    client = callers["focal_fr"]
    for action in ("cancel", "make-head", "confirm", "check-in"):
        assert client.post(f"{LIST}{de_registration.pk}/{action}/").status_code in (403, 404)
    de_registration.refresh_from_db()
    assert de_registration.status == RegistrationStatus.PENDING


def test_focal_point_never_changes_its_own_status(callers, de_registration):
    for action in ("confirm", "check-in"):
        response = callers["focal_de"].post(f"{LIST}{de_registration.pk}/{action}/")
        assert response.status_code == 403
    de_registration.refresh_from_db()
    assert (de_registration.status, de_registration.attended_at) == ("pending", None)


# --- the secretariat ----------------------------------------------------------------------


def test_viewer_reads_but_does_not_change(callers, meeting, de_registration):
    client = callers["viewer"]
    assert client.post(LIST, _new(meeting, member="DE"), format="json").status_code == 403
    for action in ("confirm", "check-in", "cancel", "make-head"):
        assert client.post(f"{LIST}{de_registration.pk}/{action}/").status_code == 403
    assert client.patch(f"{LIST}{de_registration.pk}/", {"position": "x"},
                        format="json").status_code == 403
    de_registration.refresh_from_db()
    assert (de_registration.status, de_registration.position) == ("pending", "")


def test_editor_confirms_and_a_second_confirmation_is_a_problem(callers, de_registration):
    client = callers["editor"]
    response = client.post(f"{LIST}{de_registration.pk}/confirm/")
    assert (response.status_code, response.json()["status"]) == (200, "confirmed")
    entry = RegistrationLogEntry.objects.get(registration=de_registration)
    assert entry.actor == callers["users"]["editor"]
    again = client.post(f"{LIST}{de_registration.pk}/confirm/")
    assert again.status_code == 409
    assert again.json()["detail"] == "This registration is already confirmed."


def test_editor_checks_a_delegate_in_once(callers, de_registration):
    client = callers["editor"]
    first = client.post(f"{LIST}{de_registration.pk}/check-in/").json()
    assert (first["changed"], first["registration"]["status"]) == (True, "confirmed")
    assert first["registration"]["attended_at"] is not None
    assert client.post(f"{LIST}{de_registration.pk}/check-in/").json()["changed"] is False


def test_a_waitlisted_registration_cannot_be_checked_in(callers, meeting):
    waiting = RegistrationFactory(meeting=meeting, status=RegistrationStatus.WAITLISTED)
    response = callers["editor"].post(f"{LIST}{waiting.pk}/check-in/")
    assert (response.status_code, response.json()["code"]) == (409, "not_holding_seat")


def test_editor_registers_for_any_member_even_when_closed(callers, meeting):
    meeting.registration_closes_at = timezone.now() - dt.timedelta(minutes=1)
    meeting.registration_opens_at = timezone.now() - dt.timedelta(days=2)
    meeting.save()
    response = callers["editor"].post(LIST, _new(meeting, member="FR"), format="json")
    assert (response.status_code, response.json()["member"]) == (201, "FR")


def test_editor_must_name_the_member(callers, meeting):
    response = callers["editor"].post(LIST, _new(meeting), format="json")
    assert (response.status_code, response.json()["code"]) == (422, "member_required")


def test_invalid_json_is_a_problem(callers):
    response = callers["editor"].generic("POST", LIST, "{not json",
                                         content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM


def test_focal_point_enters_passport_details_that_are_never_shown_back(callers, meeting):
    response = callers["focal_de"].post(LIST, _new(
        meeting, needs_visa_letter=True, passport_number="X1234567",
        passport_nationality="German", date_of_birth="1980-02-03"), format="json")
    assert response.status_code == 201
    assert "passport_number" not in response.json()
    registration_id = response.json()["id"]
    shown = callers["editor"].get(f"{LIST}{registration_id}/").json()
    assert (shown["passport_number"], shown["date_of_birth"]) == ("X1234567", "1980-02-03")


def test_a_registration_carries_its_side_events(callers, de_registration):
    from side_events.services import signup_create
    from tests.side_events.helpers import side_event

    dinner = side_event(de_registration.meeting, capacity=1, name="Official dinner")
    visit = side_event(de_registration.meeting, capacity=0, name="Site visit")
    signup_create(event=dinner, registration=de_registration)
    signup_create(event=visit, registration=de_registration)

    found = callers["focal_de"].get(f"{LIST}{de_registration.pk}/").json()["side_events"]
    assert [(s["event"], s["event_name"], s["status"]) for s in found] == [
        (dinner.pk, "Official dinner", "signed_up"), (visit.pk, "Site visit", "waitlisted")]
