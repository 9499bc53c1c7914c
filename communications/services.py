"""Circulars: written for a meeting to a recipient set, checked, stored with each recipient,
then queued in the outbox by a task (`tasks.deliver_circular`) that reports its progress on
the circular's row. The outbox sends each mail after commit and again until the server takes
it, so a mail server that refuses or hangs delays a circular but loses none of it."""

import logging

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from delegates.enums import MailLink, RegistrationStatus
from delegates.mailing import meeting_values, registration_values
from delegates.models import Registration
from documents.enums import Access, DocumentState
from documents.models import Document, DocumentFile
from mail.outbox import queue_mail, queue_message
from mail.rendering import Wording, render_wording
from mail.sandbox import MailTemplateError

from .enums import Audience, CircularStatus, ReminderKind
from .models import Circular, CircularDelivery, Reminder, ReminderRun
from .selectors import recipients

logger = logging.getLogger(__name__)
KIND = "circular"
BATCH_SIZE = 50


class CircularError(ValueError):
    """A circular that cannot be sent; the message is meant for the secretariat."""


def circular_values(meeting, recipient):
    """The placeholders of one copy of a circular."""
    return {"name": recipient.name, "member": recipient.member_name, **meeting_values(meeting)}


def circular_render(*, meeting, subject, body, recipient):
    """(subject, text) of the copy `recipient` gets; CircularError when the wording cannot be
    rendered."""
    try:
        return render_wording(KIND, Wording(subject, body), circular_values(meeting, recipient))
    except MailTemplateError as exc:
        raise CircularError(str(exc)) from exc


def circular_send(*, meeting, audience, subject, body, actor):
    """Keep a circular of `meeting` to the people of `audience` now (each with their address,
    name and member at this moment) and have them mailed by the task queue after commit.
    Raises CircularError when the wording cannot be rendered or nobody is in the set."""
    people = recipients(meeting, audience)
    if not people:
        raise CircularError(_("Nobody is in this set of recipients yet."))
    circular_render(meeting=meeting, subject=subject, body=body, recipient=people[0])
    with transaction.atomic():
        circular = Circular.objects.create(
            meeting=meeting, audience=audience, subject=subject.strip(), body=body,
            created_by=actor if getattr(actor, "pk", None) else None, total=len(people))
        CircularDelivery.objects.bulk_create([
            CircularDelivery(circular=circular, email=person.email, name=person.name[:300],
                             member_name=person.member_name[:200],
                             registration=person.registration)
            for person in people], batch_size=500)
        transaction.on_commit(lambda: _start(circular.pk), robust=True)
    logger.info("communications.circular.sent %s to %s people by %s", circular.pk,
                len(people), getattr(actor, "pk", None))
    return circular


def _start(pk):
    from .tasks import deliver_circular

    try:
        deliver_circular.delay(pk)
    except Exception:  # noqa: BLE001 - a broker that is down: the beat sweep starts it again
        logger.warning("Circular %s not handed to the task queue; the sweep will", pk)


def circular_deliver(*, circular_id, batch_size=BATCH_SIZE):
    """Queue the circular's mails in the outbox, a batch per transaction, counting them on
    the circular; done when each delivery has its mail. Safe to run twice at once (a
    delivery being queued by one run is skipped by the other) and after a crash (only
    deliveries without a mail are taken). Returns how many it queued."""
    queued = 0
    while True:
        with transaction.atomic():
            circular = Circular.objects.select_for_update().select_related("meeting").get(
                pk=circular_id)
            batch = list(CircularDelivery.objects.select_for_update(
                skip_locked=True, of=("self",)).filter(
                circular=circular, outgoing_email__isnull=True).select_related(
                "registration")[:batch_size])
            if not batch:
                if not circular.deliveries.filter(outgoing_email__isnull=True).exists():
                    circular.status = CircularStatus.SENT
                    circular.finished_at = circular.finished_at or timezone.now()
                    circular.save(update_fields=["status", "finished_at"])
                return queued
            for delivery in batch:
                subject, text = circular_render(
                    meeting=circular.meeting, subject=circular.subject, body=circular.body,
                    recipient=delivery)
                delivery.outgoing_email = queue_message(
                    to=delivery.email, subject=subject, body=text, kind=KIND,
                    registration=delivery.registration)
                delivery.save(update_fields=["outgoing_email"])
            circular.queued += len(batch)
            circular.save(update_fields=["queued"])
            queued += len(batch)


def circulars_resume(*, now=None):
    """The beat sweep: deliver circulars left half queued (a worker that died, a broker that
    was down). Returns how many it resumed."""
    pending = list(Circular.objects.filter(status=CircularStatus.QUEUED).values_list(
        "pk", flat=True))
    for pk in pending:
        circular_deliver(circular_id=pk)
    return len(pending)


# --- reminders ----------------------------------------------------------------------------


class ReminderError(ValueError):
    """A reminder that cannot be set up; the message is meant for the secretariat."""


def attachable_documents(meeting):
    """The documents a practical-information reminder may carry: published documents of the
    meeting that its confirmed delegates may read (public or participants)."""
    return Document.objects.filter(
        meeting=meeting, published_at__isnull=False, state=DocumentState.ACCEPTED,
        access__in=(Access.PUBLIC, Access.PARTICIPANTS)).order_by("symbol")


def reminder_set_up(*, meeting, kind, days_before, actor, documents=()):
    """Set up a reminder of `meeting`, sent by the beat on `Reminder.run_on`; the practical
    information may carry documents (`attachable_documents`). Raises ReminderError when the
    same one exists already or a document may not be attached."""
    from django.db import IntegrityError

    documents = list(documents)
    if documents and kind != ReminderKind.PRACTICAL:
        raise ReminderError(_("Only the practical information carries documents."))
    allowed = set(attachable_documents(meeting).values_list("pk", flat=True))
    if any(document.pk not in allowed for document in documents):
        raise ReminderError(_("Only published documents of this meeting open to its "
                              "participants can be attached."))
    try:
        with transaction.atomic():
            reminder = Reminder.objects.create(
                meeting=meeting, kind=kind, days_before=days_before,
                created_by=actor if getattr(actor, "pk", None) else None)
            reminder.documents.set(documents)
            return reminder
    except IntegrityError as exc:
        raise ReminderError(_("This reminder is set up already.")) from exc


def reminder_remove(*, reminder, actor):
    """Remove a reminder not sent yet; a sent one stays as the record of what was sent."""
    with transaction.atomic():
        fresh = Reminder.objects.select_for_update().get(pk=reminder.pk)
        if ReminderRun.objects.filter(reminder=fresh).exists():
            raise ReminderError(_("A reminder already sent stays on record."))
        fresh.delete()


def reminder_recipients(reminder):
    """(to, queue_mail keyword arguments) of each mail the reminder sends now."""
    meeting = reminder.meeting
    if reminder.kind == ReminderKind.DEADLINE:
        deadline = timezone.localtime(meeting.registration_closes_at)
        messages = []
        for person in recipients(meeting, Audience.FOCAL_POINTS_NOT_REGISTERED):
            with translation.override(person.language or settings.LANGUAGE_CODE):
                messages.append({
                    "to": person.email, "template": "reminder_deadline", "meeting": meeting,
                    "language": person.language, "context": {
                        **circular_values(meeting, person),
                        "deadline": date_format(deadline, "DATETIME_FORMAT")}})
        return messages
    if reminder.kind == ReminderKind.PENDING:
        pending = Registration.objects.filter(meeting=meeting, status=RegistrationStatus.PENDING)
        count = pending.count()
        if not count:
            return []
        return [{"to": settings.SECRETARIAT_EMAIL, "template": "reminder_pending",
                 "meeting": meeting, "context": {
                     **meeting_values(meeting), "pending": count,
                     "admin_url": settings.SITE_URL + reverse(
                         "admin:delegates_registration_changelist")
                     + f"?meeting__id__exact={meeting.pk}&status__exact=pending"}}]
    listed = attached_documents_text(reminder)
    messages = []
    for person in recipients(meeting, Audience.CONFIRMED):
        # The values (role, status, dates) in the person's language, as the mail.
        with translation.override(person.language or settings.LANGUAGE_CODE):
            messages.append({
                "to": person.email, "template": "reminder_practical",
                "registration": person.registration, "link": MailLink.REGISTRATION,
                "link_version": person.registration.link_version,
                "about": f"{REMINDER_ABOUT}{reminder.pk}",
                "context": registration_values(person.registration, documents=listed)})
    return messages


REMINDER_ABOUT = "reminder:"


def _attached(reminder):
    """The reminder's documents that may still be sent (one withdrawn since is left out)."""
    if reminder.pk is None:
        return Document.objects.none()
    return attachable_documents(reminder.meeting_id).filter(
        pk__in=reminder.documents.values("pk"))


def attached_documents_text(reminder):
    """The `{{ documents }}` of the practical information: one line per document attached,
    with its address (also the way to it when the attachments are too large to send)."""
    return "\n".join(f"{document.symbol} {document.title}: "
                     f"{settings.SITE_URL}{document.get_absolute_url()}"
                     for document in _attached(reminder))


def reminder_attachments(email):
    """The files of the documents of the reminder a practical-information mail is about
    (`mail.outbox.register_attachments`): each document's current file in English, else in
    its first language, up to MAIL_ATTACHMENTS_MAX_BYTES in all; the mail lists every
    document's address, so one left out is still reached."""
    if not email.about.startswith(REMINDER_ABOUT):
        return []
    reminder = Reminder.objects.filter(pk=email.about[len(REMINDER_ABOUT):]).first()
    if reminder is None:
        return []
    files, room = [], settings.MAIL_ATTACHMENTS_MAX_BYTES
    current = DocumentFile.objects.filter(document__in=_attached(reminder),
                                          superseded_at__isnull=True).select_related("document")
    by_document = {}
    for document_file in sorted(current, key=lambda f: (f.document.symbol, f.language != "en",
                                                        f.language)):
        by_document.setdefault(document_file.document_id, document_file)
    for document_file in by_document.values():
        if document_file.size > room:
            logger.info("Document %s not attached to mail %s: too large", document_file.pk,
                        email.pk)
            continue
        with document_file.file.open("rb") as stored:
            files.append((document_file.name, stored.read(), document_file.content_type))
        room -= document_file.size
    return files


def reminders_due(*, today=None):
    """Reminders whose day has come and that were never sent, of meetings not yet over."""
    today = today or timezone.localdate()
    due = []
    for reminder in Reminder.objects.filter(run__isnull=True).select_related("meeting"):
        run_on, anchor = reminder.run_on(), reminder.anchor_date()
        if run_on is not None and run_on <= today <= anchor:
            due.append(reminder)
    return due


def reminders_send_due(*, today=None):
    """The beat: send each due reminder once. The ReminderRun row (its key is the reminder)
    is written in the transaction that queues the mails: a second run, at the same time or
    later, finds it and sends nothing. Returns how many reminders were sent."""
    sent = 0
    for reminder in reminders_due(today=today):
        with transaction.atomic():
            locked = Reminder.objects.select_for_update(skip_locked=True).filter(
                pk=reminder.pk).first()
            if locked is None or ReminderRun.objects.filter(reminder=locked).exists():
                continue
            locked.meeting = reminder.meeting
            messages = reminder_recipients(locked)
            ReminderRun.objects.create(reminder=locked, recipients=len(messages))
            for message in messages:
                queue_mail(**message)
        logger.info("communications.reminder.sent %s to %s", reminder.pk, len(messages))
        sent += 1
    return sent
