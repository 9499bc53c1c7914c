"""Admin actions on registrations go through the seat rules of delegates.services."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import mail

from delegates.enums import RegistrationStatus as Status
from delegates.enums import Role
from delegates.models import Registration
from tests.delegates.staff_helpers import editor, viewer
from tests.factories import MeetingFactory, RegistrationFactory, member

pytestmark = pytest.mark.django_db
URL = "/admin/delegates/registration/"


def act(client, action, registrations, **extra):
    return client.post(URL, {"action": action,
                             ACTION_CHECKBOX_NAME: [r.pk for r in registrations], **extra})


@pytest.fixture
def editor_client(client):
    client.force_login(editor())
    return client


def test_confirm_action_confirms_pending_registrations(editor_client):
    meeting = MeetingFactory()
    pending = [RegistrationFactory(meeting=meeting) for _ in range(2)]

    response = act(editor_client, "confirm", pending)

    assert response.status_code == 302
    assert list(Registration.objects.values_list("status", flat=True)) == [Status.CONFIRMED] * 2


def test_confirm_action_cannot_exceed_the_delegation_cap(editor_client):
    meeting = MeetingFactory(delegation_cap=2, capacity=10)
    for _ in range(2):
        RegistrationFactory(meeting=meeting, status=Status.CONFIRMED)
    waiting = RegistrationFactory(meeting=meeting, status=Status.WAITLISTED)

    response = act(editor_client, "confirm", [waiting])
    waiting.refresh_from_db()

    assert waiting.status == Status.WAITLISTED
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == [f"{waiting.full_name}: No seat is free for this registration; "
                        "it stays on the waiting list."]


def test_confirm_action_cannot_exceed_the_capacity(editor_client):
    meeting = MeetingFactory(delegation_cap=5, capacity=2)
    RegistrationFactory(meeting=meeting, member=member("FR"), status=Status.CONFIRMED)
    RegistrationFactory(meeting=meeting, member=member("AT"), status=Status.PENDING)
    waiting = RegistrationFactory(meeting=meeting, status=Status.WAITLISTED)

    act(editor_client, "confirm", [waiting])

    waiting.refresh_from_db()
    assert waiting.status == Status.WAITLISTED
    assert meeting.registrations.filter(status__in=[Status.PENDING, Status.CONFIRMED]
                                        ).count() == 2


def test_waitlist_action_frees_the_seat_for_the_oldest_waiting(
        editor_client, django_capture_on_commit_callbacks):
    meeting = MeetingFactory(delegation_cap=1, capacity=10)
    holder = RegistrationFactory(meeting=meeting, status=Status.CONFIRMED)
    waiting = RegistrationFactory(meeting=meeting, status=Status.WAITLISTED)

    with django_capture_on_commit_callbacks(execute=True):
        act(editor_client, "waitlist", [holder])

    holder.refresh_from_db()
    waiting.refresh_from_db()
    assert (holder.status, waiting.status) == (Status.WAITLISTED, Status.PENDING)


def test_reject_action_asks_for_a_reason_then_tells_the_person(
        editor_client, django_capture_on_commit_callbacks):
    registration = RegistrationFactory(email="rejected@example.org")

    first = act(editor_client, "reject", [registration])
    assert first.status_code == 200
    assert "Reason (sent to the person)" in first.text
    with django_capture_on_commit_callbacks(execute=True):
        second = act(editor_client, "reject", [registration], apply="1",
                     reason="Not a customs official.")

    registration.refresh_from_db()
    assert second.status_code == 302
    assert registration.status == Status.REJECTED
    assert registration.rejection_reason == "Not a customs official."
    assert [m.to for m in mail.outbox] == [["rejected@example.org"]]
    assert "Not a customs official." in mail.outbox[0].body


def test_mark_attended_action_is_idempotent(editor_client):
    registration = RegistrationFactory(status=Status.CONFIRMED)

    act(editor_client, "mark_attended", [registration])
    registration.refresh_from_db()
    first_time = registration.attended_at
    act(editor_client, "mark_attended", [registration])
    registration.refresh_from_db()

    assert first_time is not None
    assert registration.attended_at == first_time
    assert registration.log_entries.filter(action="delegates.registration.attended").count() == 1


def test_viewer_has_no_change_actions(client):
    client.force_login(viewer())
    registration = RegistrationFactory()

    response = client.get(URL)
    act(client, "confirm", [registration])

    actions = [value for value, _label in response.context["action_form"].fields[
        "action"].choices]
    assert actions == ["", "print_badges"]  # no delete: registrations are cancelled
    registration.refresh_from_db()
    assert registration.status == Status.PENDING


def test_print_badges_action_returns_a_pdf(editor_client):
    meeting = MeetingFactory()
    registrations = [RegistrationFactory(meeting=meeting) for _ in range(3)]

    response = act(editor_client, "print_badges", registrations)

    assert response["Content-Type"] == "application/pdf"
    assert response.content[:5] == b"%PDF-"


def test_adding_in_the_admin_goes_through_the_seat_rules(editor_client):
    meeting = MeetingFactory(delegation_cap=1)
    RegistrationFactory(meeting=meeting, status=Status.CONFIRMED)

    response = editor_client.post(f"{URL}add/", {
        "meeting": meeting.pk, "member": member("DE").pk, "role": Role.DELEGATE,
        "given_name": "Lena", "family_name": "Vogel", "email": "lena@example.org",
        "privacy_consent_at_0": "2026-01-01", "privacy_consent_at_1": "10:00:00",
        "log_entries-TOTAL_FORMS": "0", "log_entries-INITIAL_FORMS": "0",
    })

    assert response.status_code == 302, response.context["adminform"].form.errors
    added = Registration.objects.get(email="lena@example.org")
    assert added.status == Status.WAITLISTED
    assert added.log_entries.get().actor.username == "editor"


def test_admin_shows_a_rule_broken_on_save_as_a_message(editor_client):
    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting, email="taken@example.org")

    response = editor_client.post(f"{URL}add/", {
        "meeting": meeting.pk, "member": member("DE").pk, "role": Role.DELEGATE,
        "given_name": "Lena", "family_name": "Vogel", "email": "TAKEN@example.org",
        "privacy_consent_at_0": "2026-01-01", "privacy_consent_at_1": "10:00:00",
        "log_entries-TOTAL_FORMS": "0", "log_entries-INITIAL_FORMS": "0",
    }, follow=True)

    assert "This email address is already registered for this meeting." in response.text
    assert Registration.objects.count() == 1


def test_change_page_links_to_the_badge_and_visa_letter(editor_client):
    registration = RegistrationFactory(needs_visa_letter=True)

    page = editor_client.get(f"{URL}{registration.pk}/change/")

    slug = registration.meeting.slug
    assert f'href="/staff/{slug}/badges/{registration.pk}.pdf"' in page.text
    assert f'href="/staff/{slug}/visa-letters/{registration.pk}.pdf"' in page.text


def test_cancel_action_frees_the_seat_and_nobody_can_delete(
        editor_client, django_capture_on_commit_callbacks):
    meeting = MeetingFactory(delegation_cap=1)
    holder = RegistrationFactory(meeting=meeting, status=Status.CONFIRMED)
    waiting = RegistrationFactory(meeting=meeting, status=Status.WAITLISTED)

    with django_capture_on_commit_callbacks(execute=True):
        act(editor_client, "cancel", [holder], apply="1", reason="Registered twice.")
    delete = editor_client.post(f"{URL}{holder.pk}/delete/", {"post": "yes"})

    holder.refresh_from_db()
    waiting.refresh_from_db()
    assert (holder.status, waiting.status) == (Status.CANCELLED, Status.PENDING)
    assert delete.status_code == 403
