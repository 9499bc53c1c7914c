"""The outbox: mail is written to `OutgoingEmail` in the transaction of the change it tells
of, handed on after commit, and picked up again by the beat sweep `send_due_mail` (or
`send_queued_mail`) until the server takes it.

A mail server that is down therefore never fails or loses a registration: the row stays
queued with its error and the time of the next attempt. With a broker no request talks to
the mail server: after commit a request makes sure that one task `send_handed_off_mail` will
run shortly (`hand_off`), and that one task sends the mail of every request committed before
it starts, over one connection per hundred messages; a burst of registrations costs a few
tasks, not one per registration. Without a broker (tasks run eagerly) the request sends its
own mail after commit with a short timeout (EMAIL_TIMEOUT), a hundred messages per
connection, and once the server failed it leaves the rest of its mail queued.

Personal links (a registration's signed link, a focal point's password link) are bearer
credentials: they are never stored. The stored, readable body has `LINK_PLACEHOLDER` in their
place; the link is made when the message is handed to the mail server.
"""

import datetime as dt
import logging
import re
import smtplib
import socket
from dataclasses import dataclass

from celery import current_app
from celery.result import EagerResult
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from asem_customs.after_commit import waiting
from asem_customs.shared_cache import shared_cache

from .models import OutgoingEmail
from .rendering import html_of, one_line, render_mail

logger = logging.getLogger(__name__)

# Seconds to wait before the n-th retry: 1, 2, 4 ... minutes, at most six hours apart.
BACKOFF_BASE_SECONDS = 60
BACKOFF_MAX_SECONDS = 6 * 3600
# Messages sent over one connection (and, without a broker, in one task) after commit.
HANDOFF_SIZE = 100
# With a broker: while this key is in the shared cache a `send_handed_off_mail` task is
# waiting to start and will find every message committed before it does. The task starts
# this long after the first request that made it, so that the mail of the requests of that
# moment goes together; the key expires by itself in case the task is lost (and the beat
# sweep sends what such a task would have).
HANDOFF_KEY = "mail:handoff-waiting"
HANDOFF_DELAY_SECONDS = 0.5
HANDOFF_KEY_TIMEOUT = 60
# Rounds of HANDOFF_SIZE one task sends before it leaves the rest to a task of its own.
HANDOFF_ROUNDS = 10
LINK_PLACEHOLDER = "[personal link, sent only to the recipient]"
# Failures that say the server cannot be reached at all: the rest of a round waits too.
SERVER_UNREACHABLE = (ConnectionError, TimeoutError, socket.gaierror,
                      smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError)
SENT, FAILED, UNREACHABLE = "sent", "failed", "unreachable"
# Makers of personal links by kind, registered by the apps that own them (`register_link`).
_LINK_MAKERS = {}
# Makers of attachments by kind of mail (`register_attachments`).
_ATTACHMENT_MAKERS = {}
# Finders of the language of the person an address belongs to (`register_address_language`).
_ADDRESS_LANGUAGE_FINDERS = []
_ADDRESS = re.compile(r"[^\s<>'\"(),;:]+@[^\s<>'\"(),;:]+")


@dataclass(frozen=True)
class SendResult:
    sent: int
    failed: int


def queue_mail(*, to, template, context, registration=None, link="", link_version=None,
               user=None, meeting=None, language=None, about=""):
    """Render the mail of kind `template` (`mail.kinds`) with the placeholders' values in
    `context` (strings) in the wording of the meeting (`meeting`, else the registration's),
    store the message and hand it to the task queue once the surrounding transaction
    commits (`mail.rendering` chooses the wording: the meeting's, all meetings', default).

    The mail is in the recipient's `language`, by default the registration's, else the
    site's (LANGUAGE_CODE): the wording in that language, rendered under it. Values that
    hold translated words are the sender's to compute in the same language
    (`translation.override(language)` around the call).

    With `link` (a kind given to `register_link`), the template's `{{ link }}` is stored as
    `LINK_PLACEHOLDER` and the personal link (of `registration` at `link_version`, or of
    `user`) is made only in the message sent. `about` tells the makers of its attachments
    what it is about (`register_attachments`)."""
    email = _outgoing_email(to=to, template=template, context=context,
                            registration=registration, link=link, link_version=link_version,
                            user=user, meeting=meeting, language=language, about=about)
    email.save()
    _send_after_commit([email.pk])
    return email


def recipient_language(language=None, registration=None):
    """The language a mail is written in: the one given, else the registration's, else the
    site's; always one the site speaks."""
    language = language or getattr(registration, "language", "") or settings.LANGUAGE_CODE
    try:
        return translation.get_supported_language_variant(language)
    except LookupError:
        return settings.LANGUAGE_CODE


def register_address_language(find):
    """`find(address)` returns the language of the person `address` belongs to (a focal
    point's, say), or None: for mail that knows its recipient only by address."""
    if find not in _ADDRESS_LANGUAGE_FINDERS:
        _ADDRESS_LANGUAGE_FINDERS.append(find)


def address_language(address):
    """The language to write to `address` in: the one of the person it belongs to, as the
    apps that know people tell (`register_address_language`), else the site's. The
    secretariat's own address gets the site's language."""
    if address and address.strip().lower() != settings.SECRETARIAT_EMAIL.strip().lower():
        for find in _ADDRESS_LANGUAGE_FINDERS:
            language = find(address)
            if language:
                return recipient_language(language)
    return recipient_language()


def _outgoing_email(*, to, template, context, registration=None, link="", link_version=None,
                    user=None, meeting=None, language=None, wordings=None, about=""):
    """The unsaved outbox row of one message, its personal link left out."""
    values = dict(context)
    if link:
        values["link"] = LINK_PLACEHOLDER
    if meeting is None and registration is not None:
        meeting = registration.meeting_id
    meeting_id = getattr(meeting, "pk", meeting)
    language = recipient_language(language, registration)
    with translation.override(language):
        subject, body = render_mail(template, values=values, meeting_id=meeting_id,
                                    language=language, wordings=wordings)
    return OutgoingEmail(
        to=to, subject=subject, body=body, kind=template, registration=registration,
        link=link, user=user, link_version=link_version, language=language, about=about,
    )


def queue_mails(messages):
    """Many messages at once, as `queue_mail` one by one but in one insert: `messages` are
    dicts with the keyword arguments of `queue_mail`."""
    wordings = {}
    emails = OutgoingEmail.objects.bulk_create(
        [_outgoing_email(**message, wordings=wordings) for message in messages],
        batch_size=500,
    )
    _send_after_commit([email.pk for email in emails])
    return emails


def queue_message(*, to, subject, body, kind="", registration=None, language=None):
    """Store a message already written (no template, no personal link) and hand it to the
    task queue once the surrounding transaction commits."""
    email = OutgoingEmail.objects.create(to=to, subject=one_line(subject)[:250],
                                         body=body, kind=kind[:60], registration=registration,
                                         language=recipient_language(language, registration))
    _send_after_commit([email.pk])
    return email


class _AfterCommitSend:
    """Hands messages on after commit. With a broker that is `hand_off` once per
    transaction. Without one, the messages go to `send_outgoing_emails`, run in this
    process, `HANDOFF_SIZE` at a time: one connection to the mail server per hand-off, not
    per message.

    There is one per savepoint a service opened (a savepoint rolled back drops its own), and
    those of one transaction share a `batch` (the hand-offs in the order they were made):
    the first to run after commit takes the messages of every later one as well, so that a
    bulk action of two hundred services in one transaction still sends a hundred messages
    per task. Messages whose savepoint rolled back are simply not found (only rows still
    queued are sent). Once a hand-off could not be sent, the rest is left to the sweep
    rather than making the same request wait on the same server again."""

    def __init__(self, savepoint_ids, batch):
        self.pks = []
        self.savepoint_ids = savepoint_ids
        self.batch = batch
        self.taken = False
        batch["handoffs"].append(self)

    def __call__(self):
        from .tasks import send_outgoing_emails

        self.batch["started"] = True
        if self.taken or self.batch.get("failed"):
            return
        if not current_app.conf.task_always_eager:
            for handoff in self.batch["handoffs"]:
                handoff.taken = True
            hand_off()
            return
        handoffs = self.batch["handoffs"]
        pks = []
        for handoff in handoffs[handoffs.index(self):]:
            if not handoff.taken:
                handoff.taken = True
                pks += handoff.pks
        for start in range(0, len(pks), HANDOFF_SIZE):
            ids = pks[start:start + HANDOFF_SIZE]
            try:
                result = send_outgoing_emails.delay(ids)
            except Exception:  # noqa: BLE001 - a broker that is down must not fail the change
                self.batch["failed"] = True
                logger.warning("Mail %s not handed to the task queue; the sweep will send it",
                               ids)
                return
            if isinstance(result, EagerResult) and (result.result or {}).get("failed"):
                self.batch["failed"] = True
                return


def hand_off():
    """With a broker: make sure that a `send_handed_off_mail` task starts after now, so that
    the mail just committed is sent. When one is already waiting (its key is in the shared
    cache) there is nothing to do: it has not looked for mail yet, and will find this one."""
    from .tasks import send_handed_off_mail

    store = shared_cache()
    try:
        if not store.add(HANDOFF_KEY, 1, timeout=HANDOFF_KEY_TIMEOUT):
            return
        send_handed_off_mail.apply_async(countdown=HANDOFF_DELAY_SECONDS)
    except Exception:  # noqa: BLE001 - a broker or cache that is down must not fail the change
        logger.warning("Mail not handed to the task queue; the sweep will send it",
                       exc_info=True)
        try:
            store.delete(HANDOFF_KEY)  # the next request tries again
        except Exception:  # noqa: BLE001
            logger.warning("The mail hand-off key could not be cleared", exc_info=True)


def send_handed_off(now=None):
    """The task of `hand_off`: send every message due, HANDOFF_SIZE per connection. Its key
    goes first, so that a request committing from now on makes a task of its own; after
    HANDOFF_ROUNDS full rounds the rest goes to that next task."""
    shared_cache().delete(HANDOFF_KEY)
    sent = failed = 0
    for _round in range(HANDOFF_ROUNDS):
        result = send_queued(limit=HANDOFF_SIZE, now=now)
        sent, failed = sent + result.sent, failed + result.failed
        if not result.sent or result.sent + result.failed < HANDOFF_SIZE:
            break
    else:
        hand_off()
    return SendResult(sent, failed)


def _send_after_commit(pks):
    """Add `pks` to this transaction's hand-off of the current savepoint, made when there is
    none yet."""
    savepoint_ids, pending = waiting(_AfterCommitSend)
    batch = None
    for sids, func in pending:
        if not func.batch.get("started"):
            if sids == savepoint_ids:
                func.pks.extend(pks)
                return
            batch = func.batch
            break
    handoff = _AfterCommitSend(savepoint_ids, batch or {"handoffs": []})
    handoff.pks.extend(pks)
    transaction.on_commit(handoff, robust=True)


def backoff(attempts):
    return dt.timedelta(seconds=min(BACKOFF_BASE_SECONDS * 2 ** (attempts - 1),
                                    BACKOFF_MAX_SECONDS))


def due_emails(now=None):
    now = now or timezone.now()
    return OutgoingEmail.objects.filter(sent_at__isnull=True, next_attempt_at__lte=now)


def send_queued(*, ids=None, limit=100, now=None):
    """Send due messages (only `ids` when given); never raises because of the mail server.
    Safe to run twice at once: a message being sent by one run is skipped by the other.
    A round stops at the first sign that the server cannot be reached."""
    queryset = due_emails(now)
    if ids is not None:
        queryset = queryset.filter(pk__in=ids)
    pks = list(queryset.order_by("next_attempt_at", "id").values_list("pk", flat=True)[:limit])
    sent = failed = 0
    if not pks:
        return SendResult(0, 0)
    # The messages and what their links and attachments are made of, read once for the
    # round; each is then locked and checked on its own, with a narrow query.
    emails = OutgoingEmail.objects.select_related("registration", "user").in_bulk(pks)
    connection = get_connection(timeout=settings.EMAIL_TIMEOUT)
    for pk in pks:
        if pk not in emails:
            continue  # removed meanwhile (a person erased)
        outcome = _send_one(emails[pk], connection)
        sent += outcome == SENT
        failed += outcome in (FAILED, UNREACHABLE)
        if outcome == UNREACHABLE:
            break
    try:
        connection.close()
    except Exception:  # noqa: BLE001 - closing a broken connection must not fail anything
        logger.warning("Closing the mail connection failed", exc_info=True)
    return SendResult(sent, failed)


def register_link(kind, make):
    """`make(email)` returns the personal link of kind `kind` for an outbox message, or None
    when it can no longer be made (the registration or the user is gone)."""
    _LINK_MAKERS[str(kind)] = make


def register_attachments(kind, make):
    """`make(email)` returns attachments of an outbox message of kind `kind`, as
    (filename, content, mimetype) tuples, made when it is sent (never stored). Several apps
    may attach to the same kind, in the order they register."""
    makers = _ATTACHMENT_MAKERS.setdefault(str(kind), [])
    if make not in makers:
        makers.append(make)


def attachments(email):
    """The attachments of a message, made now; one that cannot be made is left out (a mail
    is never held back for an attachment)."""
    files = []
    for make in _ATTACHMENT_MAKERS.get(email.kind, []):
        try:
            files.extend(make(email) or [])
        except Exception:  # noqa: BLE001 - the mail goes without this attachment
            logger.warning("An attachment of mail %s (%s) not made", email.pk, email.kind,
                           exc_info=True)
    return files


def personal_link(email):
    """The link an outbox message carries, made now; a note when it can no longer be made."""
    make = _LINK_MAKERS.get(email.link)
    link = make(email) if make else None
    return link or _("[this link is no longer available: please write to the secretariat]")


def message_body(email):
    """The body handed to the mail server: the stored one with its personal link filled in."""
    if not email.link:
        return email.body
    return email.body.replace(LINK_PLACEHOLDER, personal_link(email))


def _send_one(email, connection):
    """SENT, FAILED (the server refused it), UNREACHABLE (no server answered) or None when
    another sender has the message, or it was sent or removed since it was read. What a
    message says never changes once queued: only its attempts, read again under the lock."""
    with transaction.atomic():
        # skip_locked: the after-commit send and the worker never send the same message twice.
        attempts = (
            OutgoingEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=email.pk, sent_at__isnull=True)
            .values_list("attempts", flat=True)
            .first()
        )
        if attempts is None:
            return None
        email.attempts = attempts + 1
        try:
            with translation.override(recipient_language(email.language)):
                text = message_body(email)
                message = EmailMultiAlternatives(email.subject, text, to=[email.to],
                                                 connection=connection)
                message.attach_alternative(html_of(email.subject, text), "text/html")
                for filename, content, mimetype in attachments(email):
                    message.attach(filename, content, mimetype)
            message.send()
        except Exception as exc:  # noqa: BLE001 - any server failure keeps the message queued
            email.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            email.next_attempt_at = timezone.now() + backoff(email.attempts)
            email.save(update_fields=["attempts", "last_error", "next_attempt_at"])
            # Logs carry neither the address nor the message (which may hold a link).
            logger.warning("Mail %s (%s) not sent (attempt %s): %s", email.pk, email.kind,
                           email.attempts, _ADDRESS.sub("[address]", email.last_error))
            return UNREACHABLE if isinstance(exc, SERVER_UNREACHABLE) else FAILED
        email.sent_at = timezone.now()
        email.last_error = ""
        email.save(update_fields=["attempts", "last_error", "sent_at"])
        return SENT
