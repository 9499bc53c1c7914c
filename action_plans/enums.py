from django.db import models
from django.utils.translation import gettext_lazy as _


class ActionPointStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    CARRIED_OVER = "carried_over", _("Carried over")
    DROPPED = "dropped", _("Dropped")


class ProgressReportState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


# A point that is carried over or dropped takes no more reports; the others are open.
OPEN_POINT_STATUSES = (ActionPointStatus.NOT_STARTED, ActionPointStatus.IN_PROGRESS)
CLOSED_POINT_STATUSES = (ActionPointStatus.CARRIED_OVER, ActionPointStatus.DROPPED)
