"""The outbox hands out no live link, belongs to the people who run the mail, and no request
waits on a mail server that accepts and never answers."""

import importlib
import re
import smtplib
import socket
import time

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse
from django.utils import timezone

from asem_customs.celery import app as celery_app
from delegates import links, services
from delegates.enums import RegistrationStatus as Status
from delegates.enums import Role
from delegates.models import Registration
from mail import outbox, tasks
from mail.models import OutgoingEmail
from mail.outbox import LINK_PLACEHOLDER, send_queued
from tests.delegates.staff_helpers import editor, viewer
from tests.delegates.test_admin_actions import act
from tests.delegates.test_register import confirmation_path, form_data
from tests.factories import MeetingFactory, RegistrationFactory, UserFactory, member

pytestmark = pytest.mark.django_db

REGISTRATION_LINK = re.compile(r"http://\S+/registrations/\S+/")
PASSWORD_LINK = re.compile(r"http://\S+/accounts/reset/\S+/")
OUTBOX = "/admin/mail/outgoingemail/"


def path_of(url):
    return url.split("127.0.0.1:8000", 1)[1]


def register(meeting, n=0):
    return services.registration_submit(meeting=meeting, data={
        "member": member("VN"), "given_name": "Thị Minh Khai", "family_name": "Nguyễn",
        "email": f"khai{n}@vn.example.org", "role": Role.DELEGATE,
        "privacy_consent_at": timezone.now(),
    })


def invite(email="fp@it.example.org"):
    return services.focal_point_invite(user_email=email, member=member("IT"),
                                       actor=UserFactory(is_staff=True))


def outbox_manager():
    user = UserFactory(username="postmaster", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="manage_outbox"))
    return user


@pytest.fixture
def hanging_smtp(settings):
    """A mail server on 127.0.0.1 that takes the connection and never says a word."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(16)  # the kernel completes each connection; nobody ever answers
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.getsockname()[1]
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    yield server
    server.close()


class RefusingBackend(BaseEmailBackend):
    """A mail server that refuses every recipient, naming the address in its answer."""

    def send_messages(self, email_messages):
        address = email_messages[0].to[0]
        raise smtplib.SMTPRecipientsRefused({address: (550, f"<{address}> unknown".encode())})


# --- no live link in the outbox ------------------------------------------------------------


def test_stored_bodies_hold_a_placeholder_and_only_the_sent_mail_a_link(
        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        register(MeetingFactory())
        invite()

    assert [(e.kind, LINK_PLACEHOLDER in e.body) for e in OutgoingEmail.objects.all()] == [
        ("registration_received", True), ("focal_point_invitation", True)]
    stored = " ".join(OutgoingEmail.objects.values_list("body", flat=True))
    assert "/registrations/" not in stored
    assert "/reset/" not in stored
    received, invitation = mail.outbox
    assert REGISTRATION_LINK.search(received.body)
    assert PASSWORD_LINK.search(invitation.body)
    assert LINK_PLACEHOLDER not in received.body + invitation.body


def test_outbox_admin_shows_no_working_token(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite()
    token = PASSWORD_LINK.search(mail.outbox[0].body).group(0).rstrip("/").split("/")[-1]
    client.force_login(outbox_manager())

    listing = client.get(OUTBOX)
    page = client.get(f"{OUTBOX}{OutgoingEmail.objects.get().pk}/change/")

    assert (listing.status_code, page.status_code) == (200, 200)
    assert LINK_PLACEHOLDER in page.text
    assert token not in listing.text + page.text
    assert "/reset/" not in page.text


def test_mailed_registration_link_swaps_the_token_for_the_session(
        client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        register(MeetingFactory())
    link = REGISTRATION_LINK.search(mail.outbox[0].body).group(0)
    token = link.rstrip("/").split("/")[-1]

    first = client.get(path_of(link))
    page = client.get(first.url)
    change = client.get(links.session_path("change"))

    assert (first.status_code, first.url) == (302, "/registrations/current/")
    assert token not in first.url
    assert page.status_code == 200
    assert "Thị Minh Khai Nguyễn" in page.text
    assert token not in page.text  # the page's own links carry no token either
    assert 'href="/registrations/current/change/"' in page.text
    assert change.status_code == 200
    for response in (first, page, change):
        assert "no-store" in response["Cache-Control"]


def test_token_free_address_without_the_session_shows_a_clear_page(client):
    register(MeetingFactory())

    response = client.get(links.session_path())

    assert response.status_code == 403
    assert "Open the link from your email" in response.text
    assert "Nguyễn" not in response.text
    assert "no-store" in response["Cache-Control"]


def test_registration_page_redirects_to_the_token_free_address(
        client, django_capture_on_commit_callbacks):
    meeting = MeetingFactory()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("delegates:register", args=[meeting.slug]),
                               form_data())
    opened = client.get(confirmation_path(mail.outbox[0]))

    assert (response.status_code, response.url) == (
        302, f"/meetings/{meeting.slug}/register/sent/")
    assert (opened.status_code, opened.url) == (302, "/registrations/current/confirm/")
    assert "no-store" in opened["Cache-Control"]


def test_password_link_swaps_the_token_for_the_session(client,
                                                        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        focal_point = invite()
    link = PASSWORD_LINK.search(mail.outbox[0].body).group(0)
    token = link.rstrip("/").split("/")[-1]

    first = client.get(path_of(link))
    page = client.get(first.url)
    done = client.post(first.url, {"new_password1": "Ha-Long-Bay-2026!",
                                   "new_password2": "Ha-Long-Bay-2026!"})

    assert first.status_code == 302
    assert first.url.endswith("/set-password/")
    assert token not in first.url
    assert page.status_code == 200
    assert "Choose your password" in page.text
    assert "no-store" in page["Cache-Control"]
    assert done.status_code == 302
    focal_point.user.refresh_from_db()
    assert focal_point.user.check_password("Ha-Long-Bay-2026!")


def test_link_is_made_with_the_version_the_mail_was_queued_at(
        client, django_capture_on_commit_callbacks):
    registration = register(MeetingFactory())  # its mail is queued, not yet sent
    services.registration_cancel(registration=registration)
    with django_capture_on_commit_callbacks(execute=True):
        pass
    send_queued()

    received = next(m for m in mail.outbox if m.subject.startswith("Registration received"))
    response = client.get(path_of(REGISTRATION_LINK.search(received.body).group(0)))
    assert response.status_code == 410
    assert "This registration was cancelled" in response.text


def test_links_already_stored_are_masked_and_still_sent_working(client):
    registration = register(MeetingFactory())
    focal_point = invite()
    OutgoingEmail.objects.all().delete()
    old = OutgoingEmail.objects.create(
        to=registration.email, subject="Registration received", kind="registration_received",
        registration=registration, body=f"Here:\n{links.registration_url(registration)}\nBye",
    )
    old_invitation = OutgoingEmail.objects.create(
        to=focal_point.user.email, subject="Invitation", kind="focal_point_invitation",
        body=f"Choose:\n{links.password_set_url(focal_point.user)}\nBye",
    )
    migration = importlib.import_module("delegates.migrations.0004_outbox_links")
    # The models as that migration saw them (the outbox lived in `delegates` then).
    then = MigrationLoader(connection).project_state(("delegates", "0004_outbox_links")).apps

    migration.mask_stored_links(then, None)
    send_queued()

    old.refresh_from_db()
    old_invitation.refresh_from_db()
    assert old.body == f"Here:\n{LINK_PLACEHOLDER}\nBye"
    assert old_invitation.body == f"Choose:\n{LINK_PLACEHOLDER}\nBye"
    sent_link = REGISTRATION_LINK.search(mail.outbox[0].body).group(0)
    assert client.get(path_of(sent_link), follow=True).status_code == 200
    assert PASSWORD_LINK.search(mail.outbox[1].body)


# --- the outbox belongs to the people who run the mail -------------------------------------


@pytest.mark.parametrize("make_user", [viewer, editor], ids=["viewer", "editor"])
def test_secretariat_staff_cannot_open_the_outbox(client, make_user):
    email = OutgoingEmail.objects.create(to="x@example.org", subject="s", body="b")
    client.force_login(make_user())

    assert client.get(OUTBOX).status_code == 403
    assert client.get(f"{OUTBOX}{email.pk}/change/").status_code == 403
    assert client.get(f"{OUTBOX}{email.pk}/delete/").status_code == 403
    assert "Outgoing emails" not in client.get("/admin/").text


def test_viewers_lost_the_outbox_permission():
    viewer_perms = Group.objects.get(name="Secretariat viewer").permissions.values_list(
        "codename", flat=True)
    assert "view_outgoingemail" not in viewer_perms
    assert "view_registration" in viewer_perms


def test_superuser_and_outbox_manager_open_the_outbox(client):
    OutgoingEmail.objects.create(to="x@example.org", subject="s", body="b")
    for user in (outbox_manager(), UserFactory(username="root", is_staff=True,
                                               is_superuser=True)):
        client.force_login(user)
        assert client.get(OUTBOX).status_code == 200
        assert "Outgoing emails" in client.get("/admin/").text


# --- no request waits on the mail server ---------------------------------------------------


def test_hanging_mail_server_does_not_hold_a_registration(client, hanging_smtp,
                                                           django_capture_on_commit_callbacks):
    meeting = MeetingFactory()
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("delegates:register", args=[meeting.slug]),
                               form_data())
    elapsed = time.monotonic() - started

    assert response.status_code == 302
    assert elapsed < 8  # the default EMAIL_TIMEOUT (5 s), not the 20 s or more of before
    assert Registration.objects.get().status == Status.UNCONFIRMED
    queued = OutgoingEmail.objects.get()
    assert (queued.sent_at, queued.attempts) == (None, 1)
    assert "timed out" in queued.last_error


def test_hanging_mail_server_waits_once_per_admin_action(client, hanging_smtp, settings,
                                                         django_capture_on_commit_callbacks):
    settings.EMAIL_TIMEOUT = 2
    meeting = MeetingFactory()
    pending = [RegistrationFactory(meeting=meeting) for _ in range(2)]
    client.force_login(editor())
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = act(client, "confirm", pending)
    elapsed = time.monotonic() - started

    assert response.status_code == 302
    assert elapsed < 3.9  # one timeout, not one per registration
    assert list(Registration.objects.values_list("status", flat=True)) == [Status.CONFIRMED] * 2
    queued = OutgoingEmail.objects.order_by("id")
    assert [(e.kind, e.sent_at) for e in queued] == [("registration_confirmed", None)] * 2
    assert sorted(e.attempts for e in queued) == [0, 1]


def test_with_a_broker_the_request_only_queues_and_the_sweep_sends(
        client, hanging_smtp, settings, django_capture_on_commit_callbacks):
    meeting = MeetingFactory()
    celery_app.conf.task_always_eager = False  # a broker (in memory): tasks go to workers
    try:
        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("delegates:register", args=[meeting.slug]),
                                   form_data())
        elapsed = time.monotonic() - started
    finally:
        celery_app.conf.task_always_eager = True

    assert response.status_code == 302
    assert elapsed < 2
    queued = OutgoingEmail.objects.get()
    assert (queued.sent_at, queued.attempts) == (None, 0)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert tasks.send_due_mail.delay().get() == {"sent": 1, "failed": 0}
    assert [m.to for m in mail.outbox] == [["khai@vn.example.org"]]


def test_sending_task_is_safe_to_run_twice(django_capture_on_commit_callbacks):
    registration = register(MeetingFactory())
    pk = registration.emails.get().pk

    assert tasks.send_outgoing_email.delay(pk).get() == "sent"
    assert tasks.send_outgoing_email.delay(pk).get() == "skipped"
    assert len(mail.outbox) == 1


def test_the_beat_sweeps_the_outbox(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["mail.send_due_mail"]
    assert entry["task"] in celery_app.tasks
    assert entry["schedule"] <= 300


def test_failed_send_logs_no_address_and_no_link(settings, caplog,
                                                  django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.delegates.test_outbox.RefusingBackend"
    with caplog.at_level("WARNING", logger="delegates.mail"), \
            django_capture_on_commit_callbacks(execute=True):
        registration = register(MeetingFactory())

    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "not sent" in logged
    assert "@" not in logged
    assert links.registration_token(registration)[:20] not in logged
    assert "SMTPRecipientsRefused" in registration.emails.get().last_error


def test_forgotten_password_mail_goes_through_the_outbox(client,
                                                         django_capture_on_commit_callbacks):
    user = UserFactory(username="anna", email="anna@at.example.org")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": "anna@at.example.org"})

    assert response.status_code == 302
    stored = OutgoingEmail.objects.get()
    assert (stored.to, stored.kind, stored.user) == (user.email, "password_reset", user)
    assert LINK_PLACEHOLDER in stored.body
    assert stored.sent_at is not None
    [message] = mail.outbox
    first = client.get(path_of(PASSWORD_LINK.search(message.body).group(0)))
    assert first.url.endswith("/set-password/")
    page = client.get(first.url)
    assert (page.status_code, "Choose your password" in page.text) == (200, True)


def test_forgotten_password_request_does_not_wait_on_a_hanging_server(
        client, hanging_smtp, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_TIMEOUT = 2
    UserFactory(username="anna", email="anna@at.example.org")
    started = time.monotonic()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": "anna@at.example.org"})

    assert response.status_code == 302
    assert time.monotonic() - started < 3.9
    assert OutgoingEmail.objects.get().sent_at is None


class CountingBackend(BaseEmailBackend):
    """The locmem outbox, counting the connections opened to the mail server: as the SMTP
    backend, it opens one on its first message and keeps it until closed."""

    opened = 0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.is_open = False

    def open(self):
        if not self.is_open:
            self.is_open = True
            type(self).opened += 1

    def close(self):
        self.is_open = False

    def send_messages(self, messages):
        self.open()
        mail.outbox.extend(messages)
        return len(messages)


def test_the_mail_of_one_change_goes_a_hundred_messages_per_connection(
        settings, django_capture_on_commit_callbacks):
    from django.db import transaction

    from mail.outbox import queue_message

    settings.EMAIL_BACKEND = f"{__name__}.CountingBackend"
    CountingBackend.opened = 0
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for n in range(250):
            with transaction.atomic():  # each service opens its own savepoint
                queue_message(to=f"d{n}@example.org", subject="Agenda", body="The agenda.")

    assert len(mail.outbox) == 250
    assert CountingBackend.opened == 3
    assert not OutgoingEmail.objects.filter(sent_at__isnull=True).exists()


def test_mail_of_a_rolled_back_savepoint_is_not_handed_on_and_the_rest_is_sent(
        settings, django_capture_on_commit_callbacks):
    from django.db import transaction

    from mail.outbox import queue_message

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        queue_message(to="kept@example.org", subject="Kept", body="Kept.")
        try:
            with transaction.atomic():
                queue_message(to="undone@example.org", subject="Undone", body="Undone.")
                raise ValueError("the change fails")
        except ValueError:
            pass
        queue_message(to="after@example.org", subject="After", body="After.")

    assert sorted(m.to[0] for m in mail.outbox) == ["after@example.org", "kept@example.org"]
    assert len(callbacks) == 1
    assert list(OutgoingEmail.objects.order_by("to").values_list("to", flat=True)) == [
        "after@example.org", "kept@example.org"]


@pytest.fixture
def broker(monkeypatch):
    """A broker (in memory): after commit a request hands its mail on instead of sending
    it. The `send_handed_off_mail` tasks it asks for are recorded, to be run by the test
    as a worker would."""
    asked = []
    monkeypatch.setattr(tasks.send_handed_off_mail, "apply_async",
                        lambda *args, **kwargs: asked.append(kwargs))
    celery_app.conf.task_always_eager = False
    yield asked
    celery_app.conf.task_always_eager = True


def test_with_a_broker_a_burst_of_registrations_is_sent_by_one_task(
        client, broker, settings, django_capture_on_commit_callbacks):
    meeting = MeetingFactory()
    settings.EMAIL_BACKEND = f"{__name__}.CountingBackend"
    CountingBackend.opened = 0
    for n in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("delegates:register", args=[meeting.slug]),
                                   form_data(email=f"khai{n}@vn.example.org"))
        assert response.status_code == 302

    assert broker == [{"countdown": outbox.HANDOFF_DELAY_SECONDS}]
    assert not OutgoingEmail.objects.filter(sent_at__isnull=False).exists()
    assert tasks.send_handed_off_mail.apply().get() == {"sent": 3, "failed": 0}
    assert sorted(m.to[0] for m in mail.outbox) == [f"khai{n}@vn.example.org" for n in range(3)]
    assert CountingBackend.opened == 1

    # Once that task has started, the next registration asks for a task of its own.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("delegates:register", args=[meeting.slug]),
                    form_data(email="late@vn.example.org"))
    assert len(broker) == 2
    assert tasks.send_handed_off_mail.apply().get() == {"sent": 1, "failed": 0}


def test_a_broker_that_is_down_fails_no_registration_and_the_next_request_tries_again(
        client, broker, monkeypatch, django_capture_on_commit_callbacks):
    from kombu.exceptions import OperationalError

    def down(*args, **kwargs):
        broker.append(kwargs)
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.send_handed_off_mail, "apply_async", down)
    meeting = MeetingFactory()
    for n in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("delegates:register", args=[meeting.slug]),
                                   form_data(email=f"khai{n}@vn.example.org"))
        assert response.status_code == 302

    assert len(broker) == 2
    assert Registration.objects.filter(meeting=meeting).count() == 2
    assert OutgoingEmail.objects.filter(sent_at__isnull=True).count() == 2
    assert tasks.send_due_mail.apply().get() == {"sent": 2, "failed": 0}


def test_a_task_that_finds_more_than_its_share_leaves_the_rest_to_another(
        broker, monkeypatch, settings, django_capture_on_commit_callbacks):
    from django.db import transaction

    from mail.outbox import queue_message

    monkeypatch.setattr(outbox, "HANDOFF_SIZE", 2)
    monkeypatch.setattr(outbox, "HANDOFF_ROUNDS", 2)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for n in range(5):
            queue_message(to=f"d{n}@example.org", subject="Agenda", body="The agenda.")

    assert len(broker) == 1
    assert tasks.send_handed_off_mail.apply().get() == {"sent": 4, "failed": 0}
    assert len(broker) == 2
    assert tasks.send_handed_off_mail.apply().get() == {"sent": 1, "failed": 0}
    assert len(mail.outbox) == 5
