"""Every change of the API's own data: personal tokens and webhook deliveries.

The registrations reached through the API change only through `delegates.services`.
"""

import datetime as dt
import logging

from django.db import transaction
from django.utils import timezone

from .enums import DeliveryStatus
from .models import ApiToken, WebhookDelivery
from .webhooks import hand_to_worker

logger = logging.getLogger(__name__)

STALE_SENDING = dt.timedelta(minutes=10)


def token_create(*, user, name, scope, days):
    """Make a personal token for `user` valid `days` days. Returns (token row, plaintext):
    the plaintext is shown once and never stored (only its SHA-512 digest is)."""
    expiry = dt.timedelta(days=days)
    token, plaintext = ApiToken.objects.create(user=user, expiry=expiry, name=name.strip(),
                                               scope=scope)
    logger.info("API token %s… (%s) made by %s", token.token_key, scope, user.pk)
    return token, plaintext


def token_revoke(*, token, actor):
    """Revoke a token: it is deleted and refused from the next request on. A person revokes
    only their own."""
    if token.user_id != actor.pk:
        raise PermissionError("Only the owner revokes a token.")
    logger.info("API token %s… revoked by %s", token.token_key, actor.pk)
    token.delete()


def webhook_delivery_replay(*, delivery, actor):
    """Send a delivery again (a failed one, or one the receiver lost) as a new delivery of
    the same payload and id, so that a receiver that keeps ids knows it again."""
    with transaction.atomic():
        delivery = WebhookDelivery.objects.select_for_update().get(pk=delivery.pk)
        delivery.status = DeliveryStatus.PENDING
        delivery.next_attempt_at = timezone.now()
        delivery.attempts = 0
        delivery.error = ""
        delivery.save(update_fields=["status", "next_attempt_at", "attempts", "error"])
        hand_to_worker(delivery)
    logger.info("Webhook delivery %s replayed by %s", delivery.event_id, getattr(actor, "pk", None))
    return delivery


def webhook_deliveries_due(*, now=None):
    """Deliveries whose wait is over (and those a dead worker left half-sent): the sweep
    hands each to a worker. Returns their ids."""
    now = now or timezone.now()
    WebhookDelivery.objects.filter(
        status=DeliveryStatus.SENDING, last_attempt_at__lt=now - STALE_SENDING,
    ).update(status=DeliveryStatus.PENDING, next_attempt_at=now)
    return list(WebhookDelivery.objects.filter(
        status=DeliveryStatus.PENDING, next_attempt_at__lte=now,
    ).values_list("pk", flat=True)[:500])
