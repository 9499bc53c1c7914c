"""Personal API tokens and webhooks.

A token is django-rest-knox's: only a SHA-512 digest of it is stored, with an expiry; this
model adds the person's name for it and its scope. Webhook endpoints belong to a meeting
(and optionally to one member); each delivery is a row, which is the log staff read and
replay.
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from knox.models import AbstractAuthToken

from .enums import DeliveryStatus, TokenScope


class ApiToken(AbstractAuthToken):
    """A personal API token. Its plaintext is shown once, when it is made, and never kept."""

    name = models.CharField(_("name"), max_length=100,
                            help_text=_("What you use this token for."))
    scope = models.CharField(_("scope"), max_length=10, choices=TokenScope.choices,
                             default=TokenScope.READ)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.token_key}…)"

    @property
    def can_write(self):
        return self.scope == TokenScope.WRITE

    @property
    def is_expired(self):
        return self.expiry is not None and self.expiry <= timezone.now()


def new_webhook_secret():
    return "whsec_" + secrets.token_urlsafe(32)


class WebhookEndpoint(models.Model):
    """An address of a member's or host's system told of a meeting's events."""

    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.CASCADE,
                                related_name="webhook_endpoints", verbose_name=_("meeting"))
    member = models.ForeignKey(
        "meetings.Member", on_delete=models.CASCADE, null=True, blank=True,
        related_name="webhook_endpoints", verbose_name=_("member"),
        help_text=_("Only events of this member's delegation; empty for every delegation."),
    )
    url = models.URLField(_("address"), max_length=500,
                          help_text=_("An https:// address on the public internet."))
    events = models.JSONField(_("events"), default=list)
    secret = models.CharField(
        _("signing secret"), max_length=100, default=new_webhook_secret,
        help_text=_("Give it to the receiver: it checks the X-ASEM-Signature header with it."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    description = models.CharField(_("description"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["meeting", "url"]
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")

    def __str__(self):
        return self.url


class WebhookDelivery(models.Model):
    """One event sent (or to be sent) to one endpoint, with the outcome of its last attempt."""

    event_id = models.UUIDField(_("delivery id"), default=uuid.uuid4, unique=True,
                                editable=False)
    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE,
                                 related_name="deliveries", verbose_name=_("endpoint"))
    event = models.CharField(_("event"), max_length=50)
    payload = models.JSONField(_("payload"))
    status = models.CharField(_("status"), max_length=10, choices=DeliveryStatus.choices,
                              default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    response_status = models.PositiveSmallIntegerField(_("response status"), null=True,
                                                       blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.event} → {self.endpoint}"
