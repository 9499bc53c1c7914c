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


class Participation(models.TextChoices):
    """How a person takes part: in the room (a seat of the meeting's `capacity`, within the
    delegation's seats, a badge) or online (a seat of its `online_capacity`, the connection
    details by mail, no badge)."""

    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")


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


# What the history of a registration and the outbox say in words, for the codes they store
# (`RegistrationLogEntry.action`, `OutgoingEmail.kind`). A code missing here is shown as is.
REGISTRATION_ACTIONS = {
    "delegates.registration.submitted": _("Registered"),
    "delegates.registration.address_confirmed": _("Confirmed the email address"),
    "delegates.registration.changed": _("Details changed"),
    "delegates.registration.confirmed": _("Confirmed"),
    "delegates.registration.waitlisted": _("Moved to the waiting list"),
    "delegates.registration.promoted": _("Given a seat from the waiting list"),
    "delegates.registration.rejected": _("Rejected"),
    "delegates.registration.cancelled": _("Cancelled"),
    "delegates.registration.attended": _("Checked in"),
    "delegates.registration.head_named": _("Named head of delegation"),
    "delegates.registration.head_replaced": _("No longer head of delegation"),
    "delegates.registration.expired": _("Expired (address not confirmed in time)"),
    "delegates.registration.anonymised": _("Personal data removed after the meeting"),
    "delegates.registration.erased": _("Personal data erased on request"),
    "delegates.registration.data_exported": _("Personal data exported on request"),
    "delegates.registration.photo_added": _("Photo added"),
    "delegates.registration.photo_replaced": _("Photo replaced"),
    "delegates.registration.photo_removed": _("Photo removed"),
}
MAIL_KINDS = {
    "registration_confirm_address": _("Confirm your email address"),
    "registration_received": _("Registration received"),
    "registration_confirmed": _("Registration confirmed"),
    "registration_waitlisted": _("Placed on the waiting list"),
    "registration_promoted": _("Seat from the waiting list"),
    "registration_changed": _("Registration changed"),
    "registration_rejected": _("Registration rejected"),
    "registration_cancelled": _("Registration cancelled"),
    "focal_point_invitation": _("Focal point invitation"),
    "password_reset": _("Password reset"),
    "meetings.progress_report": _("Progress report"),
}


def action_words(code):
    """'Moved to the waiting list' for `delegates.registration.waitlisted`."""
    return REGISTRATION_ACTIONS.get(code, code)


def mail_kind_words(code):
    """'Placed on the waiting list' for the outbox kind `registration_waitlisted`."""
    return MAIL_KINDS.get(code, code) if code else "—"


def status_words(code):
    """'Waiting list' for the stored status `waitlisted` (history rows keep the code)."""
    if code in RegistrationStatus.values:
        return RegistrationStatus(code).label
    return code or "—"
