"""Circulars: each recipient set, a preview with recipients and one copy, sending through the
outbox with progress, each delivery kept; a mail server that refuses or hangs loses nothing."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from communications.enums import Audience, CircularStatus
from communications.models import Circular, CircularDelivery
from communications.selectors import circular_progress, recipients
from communications.services import CircularError, circular_deliver, circular_send
from delegates.enums import RegistrationStatus, Role
from mail.models import OutgoingEmail
from mail.outbox import send_queued
from tests.delegates.staff_helpers import editor, viewer
from tests.delegates.test_outbox import hanging_smtp  # noqa: F401 - a fixture
from tests.factories import (
    FocalPointFactory,
    MeetingFactory,
    RegistrationFactory,
    UserFactory,
    member,
)

pytestmark = pytest.mark.django_db
Status = RegistrationStatus


@pytest.fixture
def meeting():
    """Germany has a confirmed head and a pending delegate, France a waitlisted delegate,
    Thailand no registration (its only one was cancelled); each has a focal point, and
    Viet Nam's focal point is no longer active."""
    meeting = MeetingFactory(title="Thirteenth Meeting", slug="thirteenth")
    for code, name in (("DE", "Greta"), ("FR", "Francois"), ("TH", "Thida")):
        FocalPointFactory(member=member(code), user=UserFactory(
            username=f"fp-{code.lower()}", first_name=name, last_name="Focal"))
    FocalPointFactory(member=member("VN"), user=UserFactory(username="fp-vn",
                                                             is_active=False))
    RegistrationFactory(meeting=meeting, member=member("DE"), given_name="Hans",
                        family_name="Head", role=Role.HEAD_OF_DELEGATION,
                        status=Status.CONFIRMED, email="head.de@example.org")
    RegistrationFactory(meeting=meeting, member=member("DE"), given_name="Paul",
                        family_name="Pending", email="pending.de@example.org")
    RegistrationFactory(meeting=meeting, member=member("FR"), given_name="Wanda",
                        family_name="Waiting", status=Status.WAITLISTED,
                        email="waiting.fr@example.org")
    RegistrationFactory(meeting=meeting, member=member("TH"), given_name="Carl",
                        family_name="Cancelled", status=Status.CANCELLED,
                        role=Role.HEAD_OF_DELEGATION, email="cancelled.th@example.org")
    RegistrationFactory(meeting=MeetingFactory(), member=member("TH"),
                        status=Status.CONFIRMED, email="elsewhere.th@example.org")
    return meeting


@pytest.mark.parametrize(("audience", "expected"), [
    (Audience.FOCAL_POINTS, ["fp-fr@example.org", "fp-de@example.org", "fp-th@example.org"]),
    (Audience.FOCAL_POINTS_NOT_REGISTERED, ["fp-th@example.org"]),
    (Audience.FOCAL_POINTS_NO_HEAD, ["fp-fr@example.org", "fp-th@example.org"]),
    (Audience.CONFIRMED, ["head.de@example.org"]),
    (Audience.WAITING_LIST, ["waiting.fr@example.org"]),
    (Audience.HEADS, ["head.de@example.org"]),
])
def test_each_recipient_set(meeting, audience, expected):
    assert [person.email for person in recipients(meeting, audience)] == expected


def test_sending_mails_each_person_their_own_copy_and_keeps_who_received_it(
        meeting, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        circular = circular_send(
            meeting=meeting, audience=Audience.FOCAL_POINTS_NO_HEAD, actor=editor(),
            subject="{{ meeting }}: your head of delegation",
            body="Dear {{ name }},\nplease name the head of delegation of {{ member }}.")

    circular.refresh_from_db()
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == [
        ("fp-fr@example.org", "Thirteenth Meeting: your head of delegation"),
        ("fp-th@example.org", "Thirteenth Meeting: your head of delegation"),
    ]
    french = next(m for m in mail.outbox if m.to == ["fp-fr@example.org"])
    assert french.body.startswith(
        "Dear Francois Focal,\nplease name the head of delegation of France.\n--\n")
    assert (circular.status, circular.total, circular.queued) == (CircularStatus.SENT, 2, 2)
    assert circular.finished_at is not None
    assert circular_progress(circular) == {"total": 2, "queued": 2, "sent": 2, "failed": 0,
                                           "waiting": 0}
    assert all(d.outgoing_email.sent_at for d in circular.deliveries.all())


def test_a_wording_that_cannot_render_or_an_empty_set_is_refused(meeting):
    with pytest.raises(CircularError):
        circular_send(meeting=meeting, audience=Audience.CONFIRMED, subject="S",
                      body="{% for x in name %}{% endfor %}", actor=editor())
    with pytest.raises(CircularError):
        circular_send(meeting=MeetingFactory(), audience=Audience.CONFIRMED, subject="S",
                      body="B", actor=editor("editor2"))

    assert Circular.objects.count() == 0


def test_delivering_twice_queues_each_mail_once(meeting):
    circular = circular_send(meeting=meeting, audience=Audience.FOCAL_POINTS, subject="S",
                             body="Dear {{ name }}", actor=editor())

    first = circular_deliver(circular_id=circular.pk, batch_size=2)
    second = circular_deliver(circular_id=circular.pk)

    assert (first, second) == (3, 0)
    assert OutgoingEmail.objects.filter(kind="circular").count() == 3


def test_a_refusing_server_loses_nothing(meeting, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.delegates.test_outbox.RefusingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        circular = circular_send(meeting=meeting, audience=Audience.FOCAL_POINTS,
                                 subject="S", body="Dear {{ name }}", actor=editor())

    assert circular_progress(circular)["sent"] == 0
    assert circular_progress(circular)["failed"] >= 1
    assert OutgoingEmail.objects.filter(kind="circular", sent_at__isnull=True).count() == 3

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    send_queued(now=timezone.now() + dt.timedelta(days=1))

    assert sorted(m.to[0] for m in mail.outbox) == [
        "fp-de@example.org", "fp-fr@example.org", "fp-th@example.org"]
    assert circular_progress(circular)["sent"] == 3


def test_a_hanging_server_loses_nothing(meeting, settings, hanging_smtp,  # noqa: F811
                                        django_capture_on_commit_callbacks):
    settings.EMAIL_TIMEOUT = 0.5
    with django_capture_on_commit_callbacks(execute=True):
        circular = circular_send(meeting=meeting, audience=Audience.FOCAL_POINTS,
                                 subject="S", body="Dear {{ name }}", actor=editor())

    assert CircularDelivery.objects.filter(circular=circular,
                                           outgoing_email__isnull=False).count() == 3
    assert OutgoingEmail.objects.filter(kind="circular", sent_at__isnull=True).count() == 3

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    send_queued(now=timezone.now() + dt.timedelta(days=1))

    assert len(mail.outbox) == 3


def test_the_staff_page_previews_recipients_and_one_copy_then_sends(
        client, meeting, django_capture_on_commit_callbacks):
    client.force_login(editor())
    url = f"/staff/{meeting.slug}/circulars/new/"
    data = {"audience": Audience.WAITING_LIST, "subject": "News for {{ name }}",
            "body": "The {{ meeting }} is in {{ meeting_place }}."}

    blank = client.get(url)
    preview = client.post(url, {**data, "action": "preview"})
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(url, {**data, "action": "send"})

    assert blank.status_code == 200
    assert "[Write the circular on the {{ meeting }} here.]" in blank.text
    assert preview.status_code == 200
    assert [p.email for p in preview.context["preview"]["recipients"]] == [
        "waiting.fr@example.org"]
    assert preview.context["preview"]["subject"] == "News for Wanda Waiting"
    assert Circular.objects.filter(subject="News for {{ name }}").count() == 1
    circular = Circular.objects.get()
    assert sent.status_code == 302
    assert sent["Location"] == f"/staff/{meeting.slug}/circulars/{circular.pk}/"
    detail = client.get(sent["Location"])
    assert "1 of 1 mails sent" in detail.text
    assert "waiting.fr@example.org" in detail.text
    assert [m.to for m in mail.outbox] == [["waiting.fr@example.org"]]


def test_a_viewer_reads_circulars_but_cannot_send(client, meeting):
    circular_send(meeting=meeting, audience=Audience.HEADS, subject="S", body="B",
                  actor=editor())
    client.force_login(viewer())

    listing = client.get(f"/staff/{meeting.slug}/circulars/")
    new = client.get(f"/staff/{meeting.slug}/circulars/new/")

    assert listing.status_code == 200
    assert "Write a circular" not in listing.text
    assert new.status_code == 403


def test_the_list_of_circulars_runs_a_fixed_number_of_queries(
        client, meeting, django_assert_num_queries):
    circular_send(meeting=meeting, audience=Audience.HEADS, subject="S", body="B",
                  actor=editor())
    client.force_login(viewer())
    url = f"/staff/{meeting.slug}/circulars/"
    client.get(url)

    with django_assert_num_queries(9):
        client.get(url)


def test_the_beat_finishes_circulars_left_half_queued(settings, meeting):
    import communications.tasks  # noqa: F401 - registers the tasks
    from asem_customs.celery import app as celery_app
    from communications.services import circulars_resume

    circular = circular_send(meeting=meeting, audience=Audience.FOCAL_POINTS, subject="S",
                             body="B", actor=editor())  # no commit here: the task never ran

    entry = settings.CELERY_BEAT_SCHEDULE["communications.resume_circulars"]
    assert entry["task"] in celery_app.tasks
    assert circulars_resume() == 1
    circular.refresh_from_db()
    assert (circular.status, circular.queued) == (CircularStatus.SENT, 3)


def test_erasing_a_person_reaches_the_circulars_they_received(
        meeting, django_capture_on_commit_callbacks):
    from secretariat.privacy import anonymise_registration, erase_person

    with django_capture_on_commit_callbacks(execute=True):
        confirmed = circular_send(meeting=meeting, audience=Audience.CONFIRMED, subject="S",
                                  body="B", actor=editor())
        focal = circular_send(meeting=meeting, audience=Audience.FOCAL_POINTS, subject="S",
                              body="B", actor=editor("editor2"))
    head = confirmed.deliveries.get().registration

    anonymise_registration(registration=head, actor=editor("editor3"))
    erase_person(email="fp-fr@example.org", actor=editor("editor4"))

    delivery = confirmed.deliveries.get()
    assert (delivery.name, delivery.member_name) == ("", "Germany")
    assert delivery.email.endswith("@anonymised.invalid")
    assert sorted(d.email for d in focal.deliveries.all() if "invalid" not in d.email) == [
        "fp-de@example.org", "fp-th@example.org"]
    assert focal.deliveries.filter(name="").count() == 1
