"""A registration's status in the admin: cancelling asks first, with a reason; one
registration's page has buttons for its status changes; the history and the outbox speak
in words."""

import re

import pytest
from django.core import mail

from delegates.enums import RegistrationStatus as Status
from delegates.models import RegistrationLogEntry
from delegates.services import registration_waitlist
from mail.models import OutgoingEmail
from tests.delegates.staff_helpers import editor, viewer
from tests.delegates.test_admin_actions import act
from tests.factories import MeetingFactory, RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = "/admin/delegates/registration/"


@pytest.fixture
def editor_client(client):
    client.force_login(editor())
    return client


def test_cancel_action_asks_for_confirmation_and_a_reason_before_acting(editor_client):
    registration = RegistrationFactory(status=Status.CONFIRMED, email="ana@example.org")

    page = act(editor_client, "cancel", [registration])

    registration.refresh_from_db()
    assert page.status_code == 200
    assert "You are cancelling 1 registration." in page.text
    assert "Reason (sent to the person)" in page.text
    assert registration.status == Status.CONFIRMED
    assert OutgoingEmail.objects.count() == 0


def test_cancel_action_without_a_reason_says_so_and_changes_nothing(editor_client):
    registration = RegistrationFactory(status=Status.CONFIRMED)

    page = act(editor_client, "cancel", [registration], apply="1", reason="  ")

    registration.refresh_from_db()
    assert page.status_code == 200
    assert "This field is required." in page.text
    assert registration.status == Status.CONFIRMED


def test_cancel_action_once_confirmed_keeps_the_reason_and_mails_it(
        editor_client, django_capture_on_commit_callbacks):
    registration = RegistrationFactory(status=Status.CONFIRMED, email="ana@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        response = act(editor_client, "cancel", [registration], apply="1",
                       reason="Registered twice.")

    registration.refresh_from_db()
    assert response.status_code == 302
    assert registration.status == Status.CANCELLED
    entry = RegistrationLogEntry.objects.filter(registration=registration).latest("pk")
    assert (entry.action, entry.note) == ("delegates.registration.cancelled",
                                          "Registered twice.")
    assert [m.to for m in mail.outbox] == [["ana@example.org"]]
    assert "Reason: Registered twice." in mail.outbox[0].body


def _buttons(page):
    return re.findall(r'class="status-button status-button-(\w+)"', page.text)


def test_registration_page_offers_the_status_changes_that_fit(editor_client):
    pending = RegistrationFactory(status=Status.PENDING)
    cancelled = RegistrationFactory(status=Status.CANCELLED)

    assert _buttons(editor_client.get(f"{URL}{pending.pk}/change/")) == [
        "confirm", "waitlist", "mark_attended", "reject", "cancel"]
    assert _buttons(editor_client.get(f"{URL}{cancelled.pk}/change/")) == []


def test_status_buttons_confirm_waitlist_and_check_in(
        editor_client, django_capture_on_commit_callbacks):
    registration = RegistrationFactory(status=Status.PENDING, email="ana@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        confirmed = editor_client.post(f"{URL}{registration.pk}/status/confirm/", follow=True)
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
    assert f"{registration.full_name}: now Confirmed." in confirmed.text
    assert [m.subject for m in mail.outbox] != []

    editor_client.post(f"{URL}{registration.pk}/status/mark_attended/")
    registration.refresh_from_db()
    assert registration.attended_at is not None

    editor_client.post(f"{URL}{registration.pk}/status/waitlist/")
    registration.refresh_from_db()
    assert registration.status == Status.WAITLISTED


def test_status_button_that_breaks_a_rule_says_why(editor_client):
    meeting = MeetingFactory(capacity=1)
    RegistrationFactory(meeting=meeting, status=Status.CONFIRMED)
    waiting = RegistrationFactory(meeting=meeting, status=Status.WAITLISTED)

    page = editor_client.post(f"{URL}{waiting.pk}/status/confirm/", follow=True)

    waiting.refresh_from_db()
    assert page.status_code == 200
    assert waiting.status == Status.WAITLISTED
    assert "No seat is free for this registration; it stays on the waiting list." in page.text


def test_reject_and_cancel_buttons_ask_for_the_reason_first(
        editor_client, django_capture_on_commit_callbacks):
    registration = RegistrationFactory(status=Status.PENDING, email="ana@example.org")

    form = editor_client.get(f"{URL}{registration.pk}/status/reject/")
    assert form.status_code == 200
    assert "You are rejecting the registration of" in form.text
    registration.refresh_from_db()
    assert registration.status == Status.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(f"{URL}{registration.pk}/status/reject/",
                           {"reason": "Not a customs official."})

    registration.refresh_from_db()
    assert registration.status == Status.REJECTED
    assert "Not a customs official." in mail.outbox[0].body
    assert editor_client.get(f"{URL}{registration.pk}/status/confirm/").status_code == 405
    assert editor_client.post(f"{URL}{registration.pk}/status/delete/").status_code == 404


def test_viewer_sees_no_status_buttons_and_cannot_post_them(client):
    registration = RegistrationFactory(status=Status.PENDING)
    client.force_login(viewer())

    page = client.get(f"{URL}{registration.pk}/change/")
    refused = client.post(f"{URL}{registration.pk}/status/confirm/")

    registration.refresh_from_db()
    assert page.status_code == 200
    assert _buttons(page) == []
    assert refused.status_code == 403
    assert registration.status == Status.PENDING


def test_history_on_the_registration_page_speaks_in_words(editor_client):
    registration = RegistrationFactory(status=Status.CONFIRMED)
    registration_waitlist(registration=registration, actor=None)

    page = editor_client.get(f"{URL}{registration.pk}/change/")
    log = editor_client.get("/admin/delegates/registrationlogentry/")

    assert "Moved to the waiting list" in page.text
    assert "delegates.registration.waitlisted" not in page.text
    assert re.search(r'class="field-to_words">\s*<p>Waiting list</p>', page.text)
    assert '<td class="field-from_words">Confirmed</td>' in log.text
    assert '<td class="field-what">Moved to the waiting list</td>' in log.text
    assert ">delegates.registration.waitlisted<" not in log.text


def test_outbox_shows_the_kind_of_each_mail_in_words(client, django_capture_on_commit_callbacks):
    registration = RegistrationFactory(status=Status.CONFIRMED)
    with django_capture_on_commit_callbacks(execute=True):
        registration_waitlist(registration=registration, actor=None)
    client.force_login(UserFactory(username="chief", is_staff=True, is_superuser=True))

    listing = client.get("/admin/mail/outgoingemail/")
    email = OutgoingEmail.objects.get(kind="registration_waitlisted")
    detail = client.get(f"/admin/mail/outgoingemail/{email.pk}/change/")

    assert '<td class="field-kind_words">Placed on the waiting list</td>' in listing.text
    assert ">registration_waitlisted<" not in listing.text
    assert "Placed on the waiting list" in detail.text
    assert ">registration_waitlisted<" not in detail.text
