"""Webhooks: which deliveries an event makes, how a payload is signed, and how it is sent.

A payload holds ids, codes and statuses only, never a delegate's name, address or passport
details (docs/webhooks.md): the receiver reads the registration with its own API token,
where the same rules as everywhere decide what it may see.

Sending refuses any address that is not https:// or that resolves to a loopback, private,
link-local or reserved address (unless WEBHOOKS_ALLOW_PRIVATE_ADDRESSES), connects to the
very address it checked (no second DNS answer in between) and never follows a redirect.
"""

import datetime as dt
import hashlib
import hmac
import http.client
import ipaddress
import json
import logging
import socket
import ssl
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from asem_customs.page_versions import bump, kept_under
from delegates.models import Registration

from .enums import DeliveryStatus, WebhookEvent
from .models import WebhookDelivery, WebhookEndpoint

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-ASEM-Signature"
# Waits after the 1st, 2nd, … failed attempt; after the last one the delivery has failed.
RETRY_WAITS = [dt.timedelta(minutes=m) for m in (1, 5, 30, 120, 360, 720, 1440)]
MAX_ATTEMPTS = len(RETRY_WAITS) + 1


class UnsafeAddress(ValueError):
    """The endpoint's address may not be called (scheme, or where it resolves)."""


# --- what an event sends ------------------------------------------------------------------


def registration_data(registration):
    """What a webhook tells of a registration: nothing that names or reaches the person."""
    return {
        "id": registration.pk,
        "meeting": registration.meeting.slug,
        "member": registration.member.code,
        "status": registration.status,
        "role": registration.role,
        "checked_in": registration.attended_at is not None,
        "url": f"{settings.SITE_URL}/api/v1/registrations/{registration.pk}/",
    }


def document_data(document):
    """What a webhook tells of a document: what its public listing shows."""
    return {
        "id": str(document.public_id),
        "meeting": document.meeting.slug,
        "symbol": document.symbol,
        "title": document.title,
        "kind": document.kind,
        "access": document.access,
        "member": document.member.code if document.member_id else None,
        "published_at": document.published_at.isoformat() if document.published_at else None,
        "url": f"{settings.SITE_URL}/api/v1/documents/{document.public_id}/",
    }


def _registration_subject(ids):
    registration = (Registration.objects.select_related("meeting", "member")
                    .filter(pk=ids.get("registration")).first())
    if registration is None:
        return None
    # An endpoint of one member hears of that member's delegation only.
    return ({"registration": registration_data(registration)},
            lambda endpoint: endpoint.member_id in (None, registration.member_id))


def _document_subject(ids):
    from documents.enums import Access
    from documents.models import Document

    document = (Document.objects.select_related("meeting", "member")
                .filter(pk=ids.get("document")).first())
    if document is None or not document.is_published:
        return None
    # An endpoint of one member hears of documents open beyond the secretariat, and of its
    # member's own submissions.
    return ({"document": document_data(document)},
            lambda endpoint: (endpoint.member_id is None
                              or document.access != Access.SECRETARIAT
                              or endpoint.member_id == document.member_id))


SUBJECTS = {"registration": _registration_subject, "document": _document_subject}


def queue_deliveries(event, **ids):
    """One event's deliveries (`queue_event_deliveries`)."""
    return queue_event_deliveries([(event, ids)])


ENDPOINTS_SCOPE = "webhook-endpoints"


def meetings_with_endpoints():
    """The ids of the meetings that have an active endpoint, kept in the cache until an
    endpoint changes (`endpoint_changed`): most meetings have none, and each registration
    asks."""
    return kept_under([ENDPOINTS_SCOPE], "webhook-meetings", lambda: frozenset(
        WebhookEndpoint.objects.filter(is_active=True).order_by()
        .values_list("meeting_id", flat=True)))


def endpoint_changed(sender, **kwargs):
    bump(ENDPOINTS_SCOPE)


def queue_event_deliveries(events):
    """The listener of `asem_customs.events`: for each (event, ids), one delivery per active
    endpoint of the meeting that subscribed to the event (an endpoint of one member hears
    only of what concerns it), each handed to a worker. The endpoints of all the events'
    meetings are read in one query, and only for meetings that have some
    (`meetings_with_endpoints`): most have none, and then nothing more is done."""
    listened_to = meetings_with_endpoints()
    events = [(event, ids) for event, ids in events
              if event in WebhookEvent.values and ids.get("meeting") in listened_to]
    if not events:
        return []
    # A meeting has a handful of endpoints; their events are matched here, the same on
    # every database.
    by_meeting = {}
    for endpoint in WebhookEndpoint.objects.filter(
            meeting_id__in={ids.get("meeting") for _event, ids in events}, is_active=True):
        by_meeting.setdefault(endpoint.meeting_id, []).append(endpoint)
    deliveries = []
    for event, ids in events:
        endpoints = [endpoint for endpoint in by_meeting.get(ids.get("meeting"), ())
                     if event in endpoint.events]
        if not endpoints:
            continue
        subject = SUBJECTS[event.split(".", 1)[0]](ids)
        if subject is None:
            continue
        data, reaches = subject
        for endpoint in filter(reaches, endpoints):
            delivery = WebhookDelivery(endpoint=endpoint, event=event,
                                       next_attempt_at=timezone.now())
            delivery.payload = {
                "id": str(delivery.event_id), "event": event,
                "created_at": timezone.now().isoformat(), "data": data,
            }
            delivery.save()
            deliveries.append(delivery)
    for delivery in deliveries:
        hand_to_worker(delivery)
    return deliveries


def hand_to_worker(delivery):
    from . import tasks

    transaction.on_commit(lambda: tasks.deliver_webhook.delay(delivery.pk))


# --- signing ------------------------------------------------------------------------------


def sign(secret, body, timestamp):
    """`t=<unix time>,v1=<hex HMAC-SHA256 of "<unix time>.<body>" with the secret>`."""
    message = str(timestamp).encode() + b"." + body
    digest = hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def verify(secret, body, header, *, tolerance=300, now=None):
    """What a receiver does (docs/webhooks.md): True when `header` signs `body` with
    `secret` and is at most `tolerance` seconds old."""
    try:
        parts = dict(part.split("=", 1) for part in header.split(","))
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs((now or time.time()) - timestamp) > tolerance:
        return False
    expected = sign(secret, body, timestamp).split("v1=", 1)[1]
    return hmac.compare_digest(expected, parts.get("v1", ""))


# --- where it may go ----------------------------------------------------------------------


def _allowed_ip(address):
    ip = ipaddress.ip_address(address)
    if settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES:
        return True
    return ip.is_global and not ip.is_multicast


def check_url(url):
    """The (host, port, address to connect to) of a webhook address, or UnsafeAddress."""
    parts = urlsplit(url)
    allowed_schemes = {"https", "http"} if settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES else {"https"}
    if parts.scheme not in allowed_schemes or not parts.hostname:
        raise UnsafeAddress(_("The address must start with https://."))
    if parts.username or parts.password:
        raise UnsafeAddress(_("The address must not hold a user name or password."))
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        found = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise UnsafeAddress(_("The host name of the address cannot be found.")) from error
    addresses = [info[4][0] for info in found]
    if not addresses or not all(_allowed_ip(address) for address in addresses):
        raise UnsafeAddress(
            _("The address leads to a private or local network; only public addresses "
              "can receive webhooks."))
    return parts.hostname, port, addresses[0]


def validate_webhook_url(url):
    """Form and admin validation of an endpoint's address."""
    try:
        check_url(url)
    except UnsafeAddress as error:
        raise ValidationError(str(error), code="unsafe_address") from error


# --- sending ------------------------------------------------------------------------------


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def post(url, body, headers):
    """POST `body` to `url` (checked again now); the response status, or an OSError /
    UnsafeAddress."""
    host, port, address = check_url(url)
    parts = urlsplit(url)
    connection_class = _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
    connection = connection_class(host, port, address, settings.WEBHOOK_TIMEOUT)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        response.read(10_000)
        return response.status
    finally:
        connection.close()


def body_and_headers(delivery, now=None):
    body = json.dumps(delivery.payload, separators=(",", ":"), sort_keys=True).encode()
    timestamp = int(now or time.time())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "ASEM-Customs-Webhooks/1",
        "X-ASEM-Event": delivery.event,
        "X-ASEM-Delivery": str(delivery.event_id),
        SIGNATURE_HEADER: sign(delivery.endpoint.secret, body, timestamp),
    }
    return body, headers


def claim(delivery_id):
    """Mark a due delivery as being sent; False when it is not due (sent, failed, or taken
    by another worker)."""
    return WebhookDelivery.objects.filter(
        pk=delivery_id, status=DeliveryStatus.PENDING,
    ).update(status=DeliveryStatus.SENDING, last_attempt_at=timezone.now()) == 1


def deliver(delivery_id):
    """Send one delivery once, outside any transaction and holding no lock, and record the
    outcome: delivered on a 2xx answer, else pending again after a growing wait, or failed
    after MAX_ATTEMPTS."""
    if not claim(delivery_id):
        return None
    delivery = WebhookDelivery.objects.select_related("endpoint").get(pk=delivery_id)
    body, headers = body_and_headers(delivery)
    status, error = None, ""
    try:
        status = post(delivery.endpoint.url, body, headers)
        if not 200 <= status < 300:
            error = f"The receiver answered {status}."
    except UnsafeAddress as exc:
        error = str(exc)
    except (OSError, http.client.HTTPException) as exc:
        error = f"{type(exc).__name__}: {exc}"[:300]
    return record_attempt(delivery, status=status, error=error)


def record_attempt(delivery, *, status, error):
    now = timezone.now()
    delivery.attempts += 1
    delivery.response_status = status
    delivery.error = error
    if not error:
        delivery.status = DeliveryStatus.DELIVERED
        delivery.delivered_at = now
        delivery.next_attempt_at = None
    elif delivery.attempts >= MAX_ATTEMPTS:
        delivery.status = DeliveryStatus.FAILED
        delivery.next_attempt_at = None
    else:
        delivery.status = DeliveryStatus.PENDING
        delivery.next_attempt_at = now + RETRY_WAITS[delivery.attempts - 1]
    delivery.save(update_fields=["attempts", "response_status", "error", "status",
                                 "delivered_at", "next_attempt_at"])
    if error:
        logger.warning("Webhook delivery %s to %s failed: %s", delivery.event_id,
                       delivery.endpoint.url, error)
    return delivery
