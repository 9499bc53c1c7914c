"""Reminders: set up per meeting, shown with the day they run, sent by the beat on that day
(time moved by giving the day), and never twice."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from communications.enums import ReminderKind
from communications.models import Reminder, ReminderRun
from communications.services import (
    ReminderError,
    reminder_remove,
    reminder_set_up,
    reminders_send_due,
)
from delegates.enums import RegistrationStatus, Role
from tests.delegates.staff_helpers import editor, viewer
from tests.factories import (
    FocalPointFactory,
    MeetingFactory,
    RegistrationFactory,
    UserFactory,
    member,
)

pytestmark = pytest.mark.django_db
CLOSES = dt.datetime(2027, 3, 1, 12, 0, tzinfo=dt.UTC)
STARTS = dt.date(2027, 4, 20)


@pytest.fixture
def meeting():
    meeting = MeetingFactory(title="Thirteenth Meeting", slug="thirteenth", year=2027,
                             start_date=STARTS, end_date=STARTS + dt.timedelta(days=1),
                             registration_opens_at=CLOSES - dt.timedelta(days=60),
                             registration_closes_at=CLOSES)
    FocalPointFactory(member=member("DE"), user=UserFactory(username="fp-de",
                                                             first_name="Greta"))
    FocalPointFactory(member=member("TH"), user=UserFactory(username="fp-th",
                                                             first_name="Thida"))
    RegistrationFactory(meeting=meeting, member=member("DE"), status=RegistrationStatus.CONFIRMED,
                        role=Role.HEAD_OF_DELEGATION, email="head.de@example.org",
                        given_name="Hans", family_name="Head")
    RegistrationFactory(meeting=meeting, member=member("DE"), email="pending.de@example.org")
    return meeting


def _run(today, captured):
    with captured(execute=True):
        return reminders_send_due(today=today)


def test_the_deadline_reminder_goes_on_its_day_to_members_with_no_registration_once(
        meeting, django_capture_on_commit_callbacks):
    reminder = reminder_set_up(meeting=meeting, kind=ReminderKind.DEADLINE, days_before=7,
                               actor=editor())

    assert reminder.run_on() == dt.date(2027, 2, 22)
    assert _run(dt.date(2027, 2, 21), django_capture_on_commit_callbacks) == 0
    assert _run(dt.date(2027, 2, 22), django_capture_on_commit_callbacks) == 1
    assert _run(dt.date(2027, 2, 22), django_capture_on_commit_callbacks) == 0
    assert _run(dt.date(2027, 2, 25), django_capture_on_commit_callbacks) == 0

    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["fp-th@example.org"], "Registration closes soon: Thirteenth Meeting")]
    assert "closes on 1 March 2027" in mail.outbox[0].body
    assert "delegation of Thailand" in mail.outbox[0].body
    assert ReminderRun.objects.get(reminder=reminder).recipients == 1


def test_a_missed_day_is_caught_up_until_the_date_it_counts_from(
        meeting, django_capture_on_commit_callbacks):
    reminder_set_up(meeting=meeting, kind=ReminderKind.PRACTICAL, days_before=10,
                    actor=editor())

    assert _run(STARTS + dt.timedelta(days=1), django_capture_on_commit_callbacks) == 0
    assert _run(STARTS - dt.timedelta(days=3), django_capture_on_commit_callbacks) == 1

    assert [m.to for m in mail.outbox] == [["head.de@example.org"]]
    assert mail.outbox[0].subject == "Practical information: Thirteenth Meeting"
    assert "/registrations/" in mail.outbox[0].body


def test_the_pending_reminder_tells_the_secretariat_how_many_wait(
        meeting, settings, django_capture_on_commit_callbacks):
    reminder_set_up(meeting=meeting, kind=ReminderKind.PENDING, days_before=14,
                    actor=editor())

    _run(STARTS - dt.timedelta(days=14), django_capture_on_commit_callbacks)

    assert [m.to for m in mail.outbox] == [[settings.SECRETARIAT_EMAIL]]
    assert mail.outbox[0].body.startswith(
        "1 registration for the Thirteenth Meeting is still pending")
    assert "status__exact=pending" in mail.outbox[0].body


def test_the_database_refuses_a_second_run_of_a_reminder(meeting):
    from django.db import IntegrityError, transaction

    reminder = reminder_set_up(meeting=meeting, kind=ReminderKind.DEADLINE, days_before=7,
                               actor=editor())
    ReminderRun.objects.create(reminder=reminder)

    with pytest.raises(IntegrityError), transaction.atomic():
        ReminderRun.objects.create(reminder=reminder)


def test_a_reminder_is_set_up_once_and_a_sent_one_stays(meeting):
    reminder = reminder_set_up(meeting=meeting, kind=ReminderKind.DEADLINE, days_before=7,
                               actor=editor())
    with pytest.raises(ReminderError):
        reminder_set_up(meeting=meeting, kind=ReminderKind.DEADLINE, days_before=7,
                        actor=editor("editor2"))
    ReminderRun.objects.create(reminder=reminder)

    with pytest.raises(ReminderError):
        reminder_remove(reminder=reminder, actor=editor("editor3"))
    assert Reminder.objects.count() == 1


def test_a_reminder_without_a_date_is_never_due(django_capture_on_commit_callbacks):
    meeting = MeetingFactory(start_date=None, end_date=None, year=2027,
                             registration_closes_at=None)
    reminder = reminder_set_up(meeting=meeting, kind=ReminderKind.DEADLINE, days_before=3,
                               actor=editor())

    assert reminder.run_on() is None
    assert _run(timezone.localdate(), django_capture_on_commit_callbacks) == 0


def test_the_page_shows_the_next_run_and_editors_set_up_reminders(client, meeting):
    client.force_login(editor())
    url = f"/staff/{meeting.slug}/reminders/"

    created = client.post(url, {"kind": ReminderKind.DEADLINE, "days_before": 7})
    page = client.get(url)

    assert created.status_code == 302
    assert "Next run: Monday 22 February 2027" in page.text


def test_a_viewer_reads_reminders_but_cannot_set_them_up(client, meeting):
    client.force_login(viewer())
    url = f"/staff/{meeting.slug}/reminders/"

    assert client.get(url).status_code == 200
    assert client.post(url, {"kind": ReminderKind.DEADLINE, "days_before": 7}).status_code == 403
    assert Reminder.objects.count() == 0


def test_the_beat_sends_due_reminders(settings):
    import communications.tasks  # noqa: F401 - registers the tasks
    from asem_customs.celery import app as celery_app

    entry = settings.CELERY_BEAT_SCHEDULE["communications.send_due_reminders"]
    assert entry["task"] in celery_app.tasks


# --- documents with the practical information ---------------------------------------------


@pytest.fixture
def meeting_documents(meeting):
    from documents.enums import Access
    from tests.documents.helpers import add, pdf_bytes, upload

    return {
        "note": add(meeting, access=Access.PARTICIPANTS, symbol="ASEM/DGC/13/INF/1",
                    title="Information note for delegates",
                    file=upload(pdf_bytes("Venue and transport"), name="note.pdf")),
        "agenda": add(meeting, access=Access.PUBLIC, symbol="ASEM/DGC/13/1",
                      title="Provisional agenda"),
        "secret": add(meeting, access=Access.SECRETARIAT, symbol="ASEM/DGC/13/S/1"),
        "draft": add(meeting, access=Access.PARTICIPANTS, symbol="ASEM/DGC/13/D/1",
                     publish=False),
    }


def test_the_practical_information_carries_the_documents_chosen(
        meeting, meeting_documents, django_capture_on_commit_callbacks):
    reminder_set_up(meeting=meeting, kind=ReminderKind.PRACTICAL, days_before=10,
                    actor=editor(),
                    documents=[meeting_documents["note"], meeting_documents["agenda"]])

    assert _run(STARTS - dt.timedelta(days=10), django_capture_on_commit_callbacks) == 1

    [message] = mail.outbox
    names = [name for name, _content, _type in message.attachments]
    assert names == ["paper.pdf", "note.pdf"]  # in the order of their symbols
    assert all(content.startswith(b"%PDF") for _name, content, _type in message.attachments)
    assert "ASEM/DGC/13/INF/1 Information note for delegates: http" in message.body
    assert "ASEM/DGC/13/1 Provisional agenda" in message.body


def test_documents_too_large_to_attach_are_still_listed(
        meeting, meeting_documents, settings, django_capture_on_commit_callbacks):
    settings.MAIL_ATTACHMENTS_MAX_BYTES = 10
    reminder_set_up(meeting=meeting, kind=ReminderKind.PRACTICAL, days_before=10,
                    actor=editor(), documents=[meeting_documents["note"]])

    _run(STARTS - dt.timedelta(days=10), django_capture_on_commit_callbacks)

    [message] = mail.outbox
    assert message.attachments == []
    assert "ASEM/DGC/13/INF/1 Information note for delegates" in message.body


def test_a_document_withdrawn_after_set_up_is_not_sent(
        meeting, meeting_documents, django_capture_on_commit_callbacks):
    from documents import services as document_services

    reminder_set_up(meeting=meeting, kind=ReminderKind.PRACTICAL, days_before=10,
                    actor=editor(), documents=[meeting_documents["note"]])
    document_services.document_withdraw(document=meeting_documents["note"], actor=editor())

    _run(STARTS - dt.timedelta(days=10), django_capture_on_commit_callbacks)

    [message] = mail.outbox
    assert message.attachments == []
    assert "ASEM/DGC/13/INF/1" not in message.body


@pytest.mark.parametrize("name", ["secret", "draft"])
def test_only_documents_the_participants_may_read_are_attached(meeting, meeting_documents,
                                                               name):
    with pytest.raises(ReminderError, match="open to its participants"):
        reminder_set_up(meeting=meeting, kind=ReminderKind.PRACTICAL, days_before=10,
                        actor=editor(), documents=[meeting_documents[name]])
    assert Reminder.objects.count() == 0


def test_the_page_offers_the_documents_and_refuses_them_on_other_reminders(
        client, meeting, meeting_documents):
    client.force_login(editor())
    url = f"/staff/{meeting.slug}/reminders/"
    note = meeting_documents["note"]

    page = client.get(url)
    assert "Information note for delegates" in page.text
    assert "ASEM/DGC/13/S/1" not in page.text  # secretariat only: not offered

    refused = client.post(url, {"kind": ReminderKind.DEADLINE, "days_before": 7,
                                "documents": [note.pk]})
    assert refused.status_code == 200
    assert "Only the practical information carries documents." in refused.text
    created = client.post(url, {"kind": ReminderKind.PRACTICAL, "days_before": 7,
                                "documents": [note.pk]})
    assert created.status_code == 302
    assert list(Reminder.objects.get().documents.all()) == [note]
    assert "Documents attached: ASEM/DGC/13/INF/1" in client.get(url).text
