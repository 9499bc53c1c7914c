"""The outbox: mail is written to `OutgoingEmail` in the transaction of the change it tells
of, sent right after commit, and retried by `send_queued_mail` until the server takes it.

A mail server that is down therefore never fails or loses a registration: the row stays
queued with its error and the time of the next attempt.
"""

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from .models import OutgoingEmail

logger = logging.getLogger(__name__)

# Seconds to wait before the n-th retry: 1, 2, 4 ... minutes, at most six hours apart.
BACKOFF_BASE_SECONDS = 60
BACKOFF_MAX_SECONDS = 6 * 3600
SMTP_TIMEOUT_SECONDS = 20


@dataclass(frozen=True)
class SendResult:
    sent: int
    failed: int


def queue_mail(*, to, template, context, registration=None):
    """Render `emails/<template>.txt` and its `_subject.txt`, store the message and try to
    send it once the surrounding transaction commits."""
    context = {"SITE_URL": settings.SITE_URL, **context}
    subject = " ".join(render_to_string(f"emails/{template}_subject.txt", context).split())
    body = render_to_string(f"emails/{template}.txt", context)
    email = OutgoingEmail.objects.create(
        to=to, subject=subject[:250], body=body, kind=template, registration=registration
    )
    transaction.on_commit(lambda: send_queued(ids=[email.pk]), robust=True)
    return email


def queue_mails(messages):
    """Many messages at once, as `queue_mail` one by one but in one insert and one send
    after commit: `messages` are dicts with the arguments of `queue_mail`."""
    emails = []
    for message in messages:
        context = {"SITE_URL": settings.SITE_URL, **message["context"]}
        template = message["template"]
        subject = " ".join(render_to_string(f"emails/{template}_subject.txt", context).split())
        emails.append(OutgoingEmail(
            to=message["to"], subject=subject[:250], kind=template,
            body=render_to_string(f"emails/{template}.txt", context),
            registration=message.get("registration"),
        ))
    emails = OutgoingEmail.objects.bulk_create(emails, batch_size=500)
    ids = [email.pk for email in emails]
    transaction.on_commit(lambda: send_queued(ids=ids, limit=len(ids)), robust=True)
    return emails


def backoff(attempts):
    return dt.timedelta(seconds=min(BACKOFF_BASE_SECONDS * 2 ** (attempts - 1),
                                    BACKOFF_MAX_SECONDS))


def due_emails(now=None):
    now = now or timezone.now()
    return OutgoingEmail.objects.filter(sent_at__isnull=True, next_attempt_at__lte=now)


def send_queued(*, ids=None, limit=100, now=None):
    """Send due messages (only `ids` when given); never raises because of the mail server."""
    queryset = due_emails(now)
    if ids is not None:
        queryset = queryset.filter(pk__in=ids)
    pks = list(queryset.order_by("next_attempt_at", "id").values_list("pk", flat=True)[:limit])
    sent = failed = 0
    if not pks:
        return SendResult(0, 0)
    connection = get_connection(timeout=SMTP_TIMEOUT_SECONDS)
    for pk in pks:
        outcome = _send_one(pk, connection)
        sent += outcome is True
        failed += outcome is False
    try:
        connection.close()
    except Exception:  # noqa: BLE001 - closing a broken connection must not fail anything
        logger.warning("Closing the mail connection failed", exc_info=True)
    return SendResult(sent, failed)


def _send_one(pk, connection):
    """True when sent, False when the server refused, None when another sender has it."""
    with transaction.atomic():
        # skip_locked: the after-commit send and the worker never send the same message twice.
        email = (
            OutgoingEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=pk, sent_at__isnull=True)
            .first()
        )
        if email is None:
            return None
        email.attempts += 1
        try:
            EmailMessage(email.subject, email.body, to=[email.to],
                         connection=connection).send()
        except Exception as exc:  # noqa: BLE001 - any server failure keeps the message queued
            email.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            email.next_attempt_at = timezone.now() + backoff(email.attempts)
            email.save(update_fields=["attempts", "last_error", "next_attempt_at"])
            logger.warning("Mail %s to %s not sent (attempt %s): %s", email.pk, email.to,
                           email.attempts, email.last_error)
            return False
        email.sent_at = timezone.now()
        email.last_error = ""
        email.save(update_fields=["attempts", "last_error", "sent_at"])
        return True
