from django.db import models
from django.utils.translation import gettext_lazy as _


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("Waiting list")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")
    UNCONFIRMED = "unconfirmed", _("Awaiting address confirmation")
    EXPIRED = "expired", _("Expired (address never confirmed)")


# A registration in one of these states holds a seat.
SEAT_HOLDING_STATUSES = (RegistrationStatus.PENDING, RegistrationStatus.CONFIRMED)
# A registration in one of these states is still alive: it blocks a second registration
# with the same email, and a second head of delegation for the same member.
ACTIVE_STATUSES = (*SEAT_HOLDING_STATUSES, RegistrationStatus.WAITLISTED)
# A registration from the public form whose address is not confirmed yet holds no seat and
# blocks no head of delegation, but keeps its address: a second submission with the same
# address for the same meeting is refused (so a form cannot be used to mail one address
# again and again) until the first is confirmed, cancelled or expires.
ADDRESS_HOLDING_STATUSES = (*ACTIVE_STATUSES, RegistrationStatus.UNCONFIRMED)


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


class MailLink(models.TextChoices):
    """The personal link a queued mail carries, made only when the mail is sent (the stored,
    readable body has a placeholder in its place)."""

    NONE = "", _("None")
    REGISTRATION = "registration", _("Registration link")
    PASSWORD_SET = "password_set", _("Password link")
    ADDRESS_CONFIRMATION = "address_confirmation", _("Address confirmation link")
# The passport details of a registration: entered, never shown back in full except to
# holders of `delegates.see_passport_details` (see `delegates.passports`).
PASSPORT_FIELDS = (
    "passport_number", "passport_nationality", "passport_issued_on", "passport_expires_on",
    "date_of_birth",
)
