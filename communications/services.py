"""Circulars: written for a meeting to a recipient set, checked, stored with each recipient,
then queued in the outbox by a task (`tasks.deliver_circular`) that reports its progress on
the circular's row. The outbox sends each mail after commit and again until the server takes
it, so a mail server that refuses or hangs delays a circular but loses none of it."""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from delegates.mailing import meeting_values
from mail.outbox import queue_message
from mail.rendering import Wording, render_wording
from mail.sandbox import MailTemplateError

from .enums import CircularStatus
from .models import Circular, CircularDelivery
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
