from django.db import models
from django.utils.translation import gettext_lazy as _


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("Waiting list")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")


# A registration in one of these states holds a seat.
SEAT_HOLDING_STATUSES = (RegistrationStatus.PENDING, RegistrationStatus.CONFIRMED)
# A registration in one of these states is still alive: it blocks a second registration
# with the same email, and a second head of delegation for the same member.
ACTIVE_STATUSES = (*SEAT_HOLDING_STATUSES, RegistrationStatus.WAITLISTED)


class Role(models.TextChoices):
    HEAD_OF_DELEGATION = "head", _("Head of delegation")
    DELEGATE = "delegate", _("Delegate")
    ADVISER = "adviser", _("Adviser")
    OBSERVER = "observer", _("Observer")
    SPEAKER = "speaker", _("Speaker")
    HOST = "host", _("Host")
    SECRETARIAT = "secretariat", _("Secretariat")


class Honorific(models.TextChoices):
    HE = "H.E.", _("H.E.")
    DR = "Dr.", _("Dr.")
    PROF = "Prof.", _("Prof.")
    MR = "Mr.", _("Mr.")
    MS = "Ms.", _("Ms.")
    MX = "Mx.", _("Mx.")


# The passport details of a registration: entered, never shown back in full except to
# holders of `delegates.see_passport_details` (see `delegates.passports`).
PASSPORT_FIELDS = (
    "passport_number", "passport_nationality", "passport_issued_on", "passport_expires_on",
    "date_of_birth",
)
