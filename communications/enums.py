from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    """The sets of people a circular goes to (`communications.selectors.recipients`)."""

    FOCAL_POINTS = "focal_points", _("Focal points of all members")
    FOCAL_POINTS_NOT_REGISTERED = "focal_points_not_registered", _(
        "Focal points of members without a registration")
    FOCAL_POINTS_NO_HEAD = "focal_points_no_head", _(
        "Focal points of members without a head of delegation")
    CONFIRMED = "confirmed", _("Confirmed delegates")
    WAITING_LIST = "waiting_list", _("The waiting list")
    HEADS = "heads", _("Heads of delegation")


class CircularStatus(models.TextChoices):
    QUEUED = "queued", _("Being sent")
    SENT = "sent", _("Sent")


class ReminderKind(models.TextChoices):
    """What a reminder says, to whom, and the date it counts back from."""

    DEADLINE = "deadline", _(
        "Registration deadline (to focal points of members with no registration)")
    PENDING = "pending", _(
        "Registrations still pending (to the secretariat, before the meeting)")
    PRACTICAL = "practical", _("Practical information (to confirmed delegates)")
