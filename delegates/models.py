"""Registrations of delegates to meetings, and the focal points who manage delegations.

The seat rules (capacity, delegation cap, waiting list, promotion) are in
`delegates.services`; the constraints here are the last line of defence for the rules a
database can state on its own.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from meetings.models import Meeting, Member

from .enums import (
    ACTIVE_STATUSES,
    ADDRESS_HOLDING_STATUSES,
    SEAT_HOLDING_STATUSES,
    Honorific,
    MailLink,
    RegistrationStatus,
    Role,
    action_words,
)


def new_badge_code():
    """An unguessable code printed on the badge as a QR code and used at check-in."""
    return secrets.token_urlsafe(12)


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

    class Meta:
        ordering = ["member__name"]
        verbose_name = _("focal point")
        verbose_name_plural = _("focal points")

    def __str__(self):
        return f"{self.user.get_full_name() or self.user.get_username()} ({self.member})"


class Registration(models.Model):
    """A person's registration for a meeting, in one member's delegation."""

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
        _("honorific"), max_length=10, choices=Honorific.choices, blank=True
    )
    position = models.CharField(_("position"), max_length=250, blank=True)
    organisation = models.CharField(_("organisation"), max_length=250, blank=True)
    email = models.EmailField(_("email"), max_length=254)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.DELEGATE
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
                violation_error_message=_(
                    "This email address is already registered for this meeting."
                ),
            ),
            models.UniqueConstraint(
                fields=["meeting", "member"],
                condition=Q(role=Role.HEAD_OF_DELEGATION, status__in=ACTIVE_STATUSES),
                name="registration_one_head_per_delegation",
                violation_error_message=_(
                    "This delegation already has a head of delegation."
                ),
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


class OutgoingEmail(models.Model):
    """A message waiting to be sent, written in the same transaction as the change it tells of.

    Sending happens after commit and again from `send_queued_mail` until it succeeds, so a
    mail server that is down delays a message but never loses it or the registration.
    """

    to = models.EmailField(_("to"), max_length=254)
    subject = models.CharField(_("subject"), max_length=250)
    body = models.TextField(_("body"))
    kind = models.CharField(_("kind"), max_length=60, blank=True)
    registration = models.ForeignKey(
        Registration, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="emails", verbose_name=_("registration"),
    )
    # The personal link is not in `body` (anyone reading the outbox could use it): it is
    # made from these fields when the message is handed to the mail server.
    link = models.CharField(_("personal link"), max_length=20, blank=True,
                            choices=MailLink.choices, default=MailLink.NONE)
    link_version = models.PositiveIntegerField(_("link version"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("user"),
    )
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        permissions = [("manage_outbox", "Can read and manage the outbox")]
        indexes = [models.Index(fields=["sent_at", "next_attempt_at"])]

    def __str__(self):
        return f"{self.subject} → {self.to}"


class ImportBatch(models.Model):
    """The rows of an uploaded delegation spreadsheet, kept between its preview and its
    import for the person who uploaded it. Not in the session: every later page of that
    session would carry them. Deleted when imported, and once expired."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="+",
                                verbose_name=_("meeting"))
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="+",
                               verbose_name=_("member"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                    related_name="+", verbose_name=_("uploaded by"))
    rows = models.JSONField(_("rows"), default=list)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")

    def __str__(self):
        return f"{self.member} → {self.meeting} ({self.created_at:%Y-%m-%d %H:%M})"
