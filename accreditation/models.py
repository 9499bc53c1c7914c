"""Accreditation of delegations to a meeting: the questions the meeting asks on its
registration forms with each person's answers, and each delegation's credentials (the letter
of nomination or Note Verbale) with the secretariat's decision.

Every change goes through `accreditation.services`; the constraints here are the last line of
defence for what a database can state alone."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from delegates.models import Registration
from meetings.models import Meeting, Member

from .enums import CHOICE_KINDS, Audience, CredentialsState, QuestionKind


class MeetingAccreditation(models.Model):
    """What a meeting asks of each delegation beyond the registrations themselves."""

    meeting = models.OneToOneField(
        Meeting, on_delete=models.CASCADE, primary_key=True, related_name="accreditation",
        verbose_name=_("meeting"),
    )
    credentials_required = models.BooleanField(
        _("credentials required"), default=False,
        help_text=_("Each delegation's focal point uploads a letter of nomination or "
                    "credentials (Note Verbale)."),
    )
    confirmation_awaits_credentials = models.BooleanField(
        _("confirmation awaits accepted credentials"), default=False,
        help_text=_("A delegation's registrations are confirmed only once its credentials "
                    "are accepted."),
    )

    class Meta:
        verbose_name = _("accreditation of a meeting")
        verbose_name_plural = _("accreditation of meetings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(confirmation_awaits_credentials=False)
                | models.Q(credentials_required=True),
                name="accreditation_awaits_only_required_credentials",
                violation_error_message=_("Confirmation can await credentials only when the "
                                          "meeting requires them."),
            ),
        ]

    def __str__(self):
        return str(self.meeting)


class Question(models.Model):
    """A question a meeting adds to its registration forms."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="questions", verbose_name=_("meeting"),
    )
    label = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("help text"), max_length=500, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=QuestionKind.choices,
                            default=QuestionKind.SHORT_TEXT)
    choices = models.TextField(
        _("choices"), blank=True,
        help_text=_("For one choice or several choices: one choice a line."),
    )
    required = models.BooleanField(_("required"), default=False)
    visible_to = models.CharField(_("asked of and shown to"), max_length=20,
                                  choices=Audience.choices, default=Audience.DELEGATES)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["meeting", "position", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.label

    def clean(self):
        if self.kind in CHOICE_KINDS and not self.choice_list:
            raise ValidationError({"choices": _("Give the choices, one a line.")},
                                  code="choices_required")

    @property
    def choice_list(self):
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    @property
    def field_name(self):
        """The name of its field on a registration form."""
        return f"question_{self.pk}"


def answer_file_path(instance, filename):
    """`answers/<random>/<cleaned name>`: the path says nothing of the person or meeting."""
    return f"answers/{secrets.token_urlsafe(24)}/{filename}"


class Answer(models.Model):
    """A person's answer to one question of the meeting they registered for."""

    SENSITIVE_FIELDS = ("value",)

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="answers",
        verbose_name=_("registration"),
    )
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="answers", verbose_name=_("question"),
    )
    value = models.TextField(
        _("answer"), blank=True,
        help_text=_("Several choices one a line; a date as YYYY-MM-DD; a country by its "
                    "ISO code; a file by its name."),
    )
    file = models.FileField(_("file"), upload_to=answer_file_path, max_length=300, blank=True)
    content_type = models.CharField(_("content type"), max_length=120, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["question__position", "question_id"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["registration", "question"],
                                    name="answer_one_per_question"),
        ]

    def __str__(self):
        return f"{self.question}: {self.value}"


def credentials_file_path(instance, filename):
    return f"credentials/{secrets.token_urlsafe(24)}/{filename}"


class Credentials(models.Model):
    """One delegation's letter of nomination or credentials (Note Verbale) for a meeting,
    uploaded by its focal point and accepted or returned by the secretariat."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="credentials",
        verbose_name=_("meeting"),
    )
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="credentials", verbose_name=_("member"),
    )
    state = models.CharField(_("state"), max_length=20, choices=CredentialsState.choices,
                             default=CredentialsState.SUBMITTED)
    file = models.FileField(_("file"), upload_to=credentials_file_path, max_length=300)
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    return_reason = models.TextField(_("reason for returning"), blank=True)

    class Meta:
        ordering = ["meeting", "member__name"]
        verbose_name = _("credentials")
        verbose_name_plural = _("credentials")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"],
                                    name="credentials_one_per_delegation"),
        ]

    def __str__(self):
        return f"{self.member} — {self.meeting}"


class CredentialsLogEntry(models.Model):
    """Each change of a delegation's credentials, with its dotted action and actor."""

    credentials = models.ForeignKey(
        Credentials, on_delete=models.CASCADE, related_name="log_entries",
        verbose_name=_("credentials"),
    )
    action = models.CharField(
        _("action"), max_length=80,
        help_text=_("Dotted name, for example accreditation.credentials.accepted."),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("actor"),
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("credentials log entry")
        verbose_name_plural = _("credentials log entries")

    def __str__(self):
        return f"{self.action} ({self.created_at:%Y-%m-%d %H:%M})"
