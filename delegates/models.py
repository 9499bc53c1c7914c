"""Registrations of delegates to meetings, and the focal points who manage delegations.

The seat rules (capacity, delegation cap, waiting list, promotion) are in
`delegates.services`; the constraints here are the last line of defence for the rules a
database can state on its own.
"""

import re
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from meetings.models import Meeting, Member

from .enums import (
    ACTIVE_STATUSES,
    ADDRESS_HOLDING_STATUSES,
    PASSPORT_FIELDS,
    SEAT_HOLDING_STATUSES,
    Participation,
    RegistrationStatus,
    Role,
    action_words,
)

# One active registration per email and meeting: the constraint below, and
# `delegates.selectors.email_taken` / `services.check_email_free` for a clear message first.
DUPLICATE_EMAIL = _("This email address is already registered for this meeting.")
DUPLICATE_HEAD = _("This delegation already has a head of delegation.")

# Crockford's base32: digits and capitals without I, L, O and U, so that a code read aloud or
# typed from a badge has no look-alike characters.
BADGE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
BADGE_GROUPS, BADGE_GROUP_LENGTH = 3, 4
BADGE_LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
# Codes of badges printed before, and anything a new code can be typed as exactly; anything
# else (a NUL character, for instance) cannot be a stored code and is not looked up as typed.
URL_SAFE_CODE = re.compile(r"[A-Za-z0-9_-]{1,32}")


def new_badge_code():
    """An unguessable code printed on the badge as a QR code and used at check-in: twelve
    characters of Crockford's base32 (60 bits) in groups of four, like `K7QX-M2PD-9RTA`."""
    characters = "".join(secrets.choice(BADGE_ALPHABET)
                         for _ in range(BADGE_GROUPS * BADGE_GROUP_LENGTH))
    return _grouped(characters)


def _grouped(characters):
    return "-".join(characters[start:start + BADGE_GROUP_LENGTH]
                    for start in range(0, len(characters), BADGE_GROUP_LENGTH))


def badge_code_candidates(typed):
    """The stored badge codes a typed or scanned code may stand for.

    A code of the readable kind is found however it is typed: in lower case, with or
    without spaces and dashes, with O for 0 and I or L for 1. Badges printed before these
    codes carry URL-safe tokens (`secrets.token_urlsafe`), which are matched exactly, as
    they always were."""
    typed = (typed or "").strip()
    candidates = {typed} if URL_SAFE_CODE.fullmatch(typed) else set()
    readable = "".join(typed.upper().split()).replace("-", "").translate(BADGE_LOOK_ALIKES)
    if (len(readable) == BADGE_GROUPS * BADGE_GROUP_LENGTH
            and all(character in BADGE_ALPHABET for character in readable)):
        candidates.add(_grouped(readable))
    return candidates


class FocalPoint(models.Model):
    """A user who manages one member administration's delegations."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="focal_point",
        verbose_name=_("user"),
    )
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="focal_points",
        verbose_name=_("member"),
    )
    invited_at = models.DateTimeField(_("invited at"), null=True, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("invited by"),
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of the mail the focal point receives."),
    )

    class Meta:
        ordering = ["member__name"]
        verbose_name = _("focal point")
        verbose_name_plural = _("focal points")

    def __str__(self):
        return f"{self.user.get_full_name() or self.user.get_username()} ({self.member})"


class Registration(models.Model):
    """A person's registration for a meeting, in one member's delegation."""

    # Never filtered, ordered or searched on by URL in the admin (asem_customs.admin_lookups).
    SENSITIVE_FIELDS = PASSPORT_FIELDS

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="registrations",
        verbose_name=_("meeting"),
    )
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="registrations",
        verbose_name=_("member"),
    )
    given_name = models.CharField(_("given name"), max_length=150, blank=True)
    family_name = models.CharField(_("family name"), max_length=150, blank=True)
    family_name_first = models.BooleanField(
        _("family name written first"), default=False,
        help_text=_("As in Chinese, Korean, Vietnamese, Mongolian or Hungarian usage."),
    )
    name_latin = models.CharField(
        _("name in Latin letters"), max_length=300, blank=True,
        help_text=_("Transcription printed on the badge under the name."),
    )
    honorific = models.CharField(
        _("honorific"), max_length=40, blank=True,
        help_text=_("As the person is addressed, for example H.E., Dr., Dato'."),
    )
    position = models.CharField(_("position"), max_length=250, blank=True)
    organisation = models.CharField(_("organisation"), max_length=250, blank=True)
    email = models.EmailField(_("email"), max_length=254)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of the mail the person receives: the language of the "
                    "page they registered on."),
    )
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.DELEGATE
    )
    participation = models.CharField(
        _("participation"), max_length=20, choices=Participation.choices,
        default=Participation.IN_PERSON,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RegistrationStatus.choices,
        default=RegistrationStatus.PENDING,
    )
    head_requested = models.BooleanField(
        _("asks to be head of delegation"), default=False,
        help_text=_("Asked for on the public form; the focal point or the secretariat names "
                    "the head of delegation."),
    )
    dietary_needs = models.CharField(_("dietary needs"), max_length=500, blank=True)
    accessibility_needs = models.CharField(
        _("accessibility needs"), max_length=500, blank=True
    )
    arrival_date = models.DateField(_("arrival date"), null=True, blank=True)
    departure_date = models.DateField(_("departure date"), null=True, blank=True)
    needs_visa_letter = models.BooleanField(_("needs a visa invitation letter"), default=False)
    passport_number = models.CharField(_("passport number"), max_length=40, blank=True)
    passport_nationality = models.CharField(_("nationality"), max_length=100, blank=True)
    passport_issued_on = models.DateField(_("passport issued on"), null=True, blank=True)
    passport_expires_on = models.DateField(_("passport expires on"), null=True, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    privacy_consent_at = models.DateTimeField(_("privacy notice accepted"), null=True, blank=True)
    publish_name = models.BooleanField(
        _("may appear in the published list of participants"), default=False
    )
    badge_code = models.CharField(
        _("badge code"), max_length=32, unique=True, default=new_badge_code, editable=False
    )
    attended_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    link_version = models.PositiveIntegerField(
        _("link version"), default=1, editable=False,
        help_text=_("Raised to make older signed links stop working."),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="registrations_made", verbose_name=_("registered by"),
    )
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["meeting", "member__name", "family_name", "given_name"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        # Passport details are shown back only to holders of this permission (see
        # asem_customs.roles.can_see_passport_details); "Secretariat editor" has it.
        permissions = [("see_passport_details", _("Can see passport details"))]
        constraints = [
            models.UniqueConstraint(
                "meeting", Lower("email"),
                condition=Q(status__in=ADDRESS_HOLDING_STATUSES),
                name="registration_one_active_per_email",
                violation_error_message=DUPLICATE_EMAIL,
            ),
            models.UniqueConstraint(
                fields=["meeting", "member"],
                condition=Q(role=Role.HEAD_OF_DELEGATION, status__in=ACTIVE_STATUSES),
                name="registration_one_head_per_delegation",
                violation_error_message=DUPLICATE_HEAD,
            ),
            models.CheckConstraint(
                condition=~Q(given_name="", family_name=""),
                name="registration_has_a_name",
            ),
            models.CheckConstraint(
                condition=Q(departure_date__isnull=True)
                | Q(arrival_date__isnull=True)
                | Q(departure_date__gte=models.F("arrival_date")),
                name="registration_departs_after_arrival",
            ),
        ]
        indexes = [
            models.Index(fields=["meeting", "status", "created_at"]),
            models.Index(fields=["meeting", "member", "status"]),
            # The seats held, counted from the index alone where no trigger keeps them
            # (SQLite; on PostgreSQL `HeldSeats`), and the lists of who holds one.
            models.Index(fields=["meeting", "participation", "member"],
                         condition=Q(status__in=SEAT_HOLDING_STATUSES),
                         name="registration_seat_holders"),
        ]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("admin:delegates_registration_change", args=[self.pk])

    @property
    def full_name(self):
        """The name as the person writes it; one-part names stand alone."""
        parts = (self.given_name, self.family_name)
        if self.family_name_first:
            parts = reversed(parts)
        return " ".join(part for part in parts if part)

    @property
    def holds_seat(self):
        return self.status in SEAT_HOLDING_STATUSES


class HeldSeats(models.Model):
    """How many seats a member's delegation holds at a meeting, in the room or online: the
    registrations pending or confirmed. On PostgreSQL a trigger on the registrations keeps
    it (migration 0015), whatever writes them, in the writer's own transaction; the seat
    rules read it under the meeting's lock instead of counting every registration of the
    meeting. Ids rather than foreign keys: a meeting's rows outlive it harmlessly."""

    meeting_id = models.IntegerField()
    member_id = models.IntegerField()
    participation = models.CharField(max_length=20)
    held = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("Seats held")
        verbose_name_plural = _("Seats held")
        constraints = [models.UniqueConstraint(fields=["meeting_id", "member_id", "participation"],
                                               name="held_seats_one_row_per_delegation")]

    def __str__(self):
        return f"{self.meeting_id}/{self.member_id}/{self.participation}: {self.held}"


class RegistrationLogEntry(models.Model):
    """An explicit entry for each state change of a registration, with its actor."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="log_entries",
        verbose_name=_("registration"),
    )
    action = models.CharField(
        _("action"), max_length=80,
        help_text=_("Dotted name, for example delegates.registration.confirmed."),
    )
    from_status = models.CharField(_("from status"), max_length=20, blank=True)
    to_status = models.CharField(_("to status"), max_length=20, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("actor"),
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("registration log entry")
        verbose_name_plural = _("registration log entries")

    def __str__(self):
        return f"{action_words(self.action)} ({self.created_at:%Y-%m-%d %H:%M})"


class ImportBatch(models.Model):
    """The rows of an uploaded delegation spreadsheet, kept between its preview and its
    import for the person who uploaded it. Not in the session: every later page of that
    session would carry them. Deleted when imported, and once expired."""

    SENSITIVE_FIELDS = ("rows",)  # the staged rows hold passport details too

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="+",
                                verbose_name=_("meeting"))
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+",
                               verbose_name=_("member"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                    related_name="+", verbose_name=_("uploaded by"))
    rows = models.JSONField(_("rows"), default=list)
    ignored_columns = models.JSONField(
        _("columns left out"), default=list, blank=True,
        help_text=_("Headings of the file's columns that match no field, shown in the "
                    "preview."),
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")

    def __str__(self):
        return f"{self.member} → {self.meeting} ({self.created_at:%Y-%m-%d %H:%M})"


def photo_path(instance, filename):
    """`photos/<random>/photo.jpg`: the path names neither the person nor the meeting and
    cannot be guessed, wherever the storage keeps it."""
    return f"photos/{secrets.token_urlsafe(24)}/photo.jpg"


class RegistrationPhoto(models.Model):
    """The photo printed on a person's badge and shown at check-in: a JPEG made by
    `delegates.photos` (cropped to the frame, no metadata), in the default storage, served
    only by views that check who asks. Erased with the person's data."""

    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="photo",
        verbose_name=_("registration"),
    )
    file = models.FileField(_("file"), upload_to=photo_path, max_length=300)
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    size = models.PositiveIntegerField(_("size"))
    uploaded_at = models.DateTimeField(_("uploaded at"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("uploaded by"),
    )

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self):
        return _("Photo of registration #%(pk)s") % {"pk": self.registration_id}
