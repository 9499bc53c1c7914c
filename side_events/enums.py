from django.db import models
from django.utils.translation import gettext_lazy as _


class SignupStatus(models.TextChoices):
    SIGNED_UP = "signed_up", _("signed up")
    WAITLISTED = "waitlisted", _("on the waiting list")
    CANCELLED = "cancelled", _("cancelled")


ACTIVE_SIGNUP_STATUSES = (SignupStatus.SIGNED_UP, SignupStatus.WAITLISTED)
