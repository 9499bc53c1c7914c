import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from delegates import services
from delegates.enums import RegistrationStatus as Status
from delegates.enums import Role
from delegates.models import Registration
from mail.models import OutgoingEmail
from mail.outbox import SendResult, backoff, queue_mail, send_queued
from tests.factories import MeetingFactory, member

pytestmark = pytest.mark.django_db

# A real SMTP backend aimed at a port where nothing listens: the server is "down".
SMTP_DOWN = {"EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
             "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": 9, "EMAIL_USE_TLS": False}


@pytest.fixture
def smtp_down(settings):
    for name, value in SMTP_DOWN.items():
        setattr(settings, name, value)
    return settings


def register(meeting, n=0):
    return services.registration_submit(meeting=meeting, data={
        "member": member("VN"), "given_name": "Thị Minh Khai", "family_name": "Nguyễn",
        "email": f"khai{n}@vn.example.org", "role": Role.DELEGATE,
        "privacy_consent_at": timezone.now(),
    })


def test_smtp_down_keeps_registration_and_queues_mail(smtp_down,
                                                      django_capture_on_commit_callbacks):
    meeting = MeetingFactory()
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(meeting)
    assert Registration.objects.get().status == Status.PENDING
    email = OutgoingEmail.objects.get()
    assert (email.to, email.registration, email.sent_at, email.attempts) == (
        "khai0@vn.example.org", registration, None, 1)
    assert email.last_error.startswith("ConnectionRefusedError")
    assert email.next_attempt_at > timezone.now() + dt.timedelta(seconds=50)
    assert mail.outbox == []


def test_register_page_succeeds_when_smtp_down(client, smtp_down,
                                               django_capture_on_commit_callbacks):
    meeting = MeetingFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/meetings/{meeting.slug}/register/", {
            "given_name": "Minh", "family_name": "Trần", "member": member("VN").pk,
            "role": Role.DELEGATE, "email": "minh@vn.example.org", "privacy_consent": "on",
        })
    assert response.status_code == 302
    assert Registration.objects.count() == 1
    assert OutgoingEmail.objects.get().sent_at is None


def test_worker_sends_queued_mail_once_server_is_back(smtp_down, settings,
                                                      django_capture_on_commit_callbacks):
    meeting = MeetingFactory()
    with django_capture_on_commit_callbacks(execute=True):
        register(meeting)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    out = StringIO()
    call_command("send_queued_mail", stdout=out)
    assert out.getvalue() == "Sent 0, failed 0.\n"  # not due yet: waiting for its retry
    OutgoingEmail.objects.update(next_attempt_at=timezone.now())
    call_command("send_queued_mail", stdout=out)
    assert out.getvalue().splitlines()[-1] == "Sent 1, failed 0."
    email = OutgoingEmail.objects.get()
    assert (email.attempts, email.last_error) == (2, "")
    assert email.sent_at is not None
    assert [m.to for m in mail.outbox] == [["khai0@vn.example.org"]]
    call_command("send_queued_mail", stdout=out)
    assert len(mail.outbox) == 1


def test_worker_failure_raises_wait_each_time(smtp_down, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        register(MeetingFactory())
    OutgoingEmail.objects.update(next_attempt_at=timezone.now())
    before = timezone.now()
    assert send_queued() == SendResult(sent=0, failed=1)
    email = OutgoingEmail.objects.get()
    assert email.attempts == 2
    assert email.next_attempt_at >= before + dt.timedelta(seconds=120)


def test_backoff_doubles_up_to_six_hours():
    assert [backoff(n).total_seconds() for n in (1, 2, 3, 4, 10, 30)] == [
        60, 120, 240, 480, 6 * 3600, 6 * 3600]


def test_mail_is_not_queued_when_the_transaction_rolls_back():
    meeting = MeetingFactory()
    register(meeting, n=1)
    with pytest.raises(services.RegistrationError):
        register(meeting, n=1)
    assert OutgoingEmail.objects.count() == 1


def test_queue_mail_renders_subject_on_one_line(django_capture_on_commit_callbacks):
    meeting = MeetingFactory(title="Thirteenth\nMeeting")
    registration = register(meeting)
    with django_capture_on_commit_callbacks(execute=True):
        email = queue_mail(to="x@example.org", template="registration_confirmed",
                           registration=registration,
                           context={"registration": registration, "meeting": meeting,
                                    "link": "http://x"})
    assert email.subject == "Registration confirmed: Thirteenth Meeting"
    assert mail.outbox[-1].subject == "Registration confirmed: Thirteenth Meeting"


def test_mail_is_plain_text_without_html_escaping(django_capture_on_commit_callbacks):
    meeting = MeetingFactory(title="Customs & Trade <Meeting>")
    with django_capture_on_commit_callbacks(execute=True):
        register(meeting)
    assert "Customs & Trade <Meeting>" in mail.outbox[0].body
