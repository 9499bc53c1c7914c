from django.db import models
from django.utils.translation import gettext_lazy as _


class TokenScope(models.TextChoices):
    READ = "read", _("Read only")
    WRITE = "write", _("Read and write")


class WebhookEvent(models.TextChoices):
    """What an endpoint may subscribe to (each emitted by `asem_customs.events.emit` from the
    services)."""

    REGISTRATION_SUBMITTED = "registration.submitted", _("Registration submitted")
    REGISTRATION_CONFIRMED = "registration.confirmed", _("Registration confirmed")
    REGISTRATION_WAITLISTED = "registration.waitlisted", _("Registration moved to the waiting list")
    REGISTRATION_CANCELLED = "registration.cancelled", _("Registration cancelled")
    REGISTRATION_CHECKED_IN = "registration.checked_in", _("Delegate checked in")
    DOCUMENT_PUBLISHED = "document.published", _("Document published")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed (no more retries)")
