"""Circulars: a message the secretariat writes for a meeting to a set of people, kept with
each person it went to and what became of each mail."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import Audience, CircularStatus, ReminderKind


class Circular(models.Model):
    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.CASCADE,
                                related_name="circulars", verbose_name=_("meeting"))
    audience = models.CharField(_("recipients"), max_length=40, choices=Audience.choices)
    subject = models.CharField(_("subject"), max_length=250)
    body = models.TextField(_("text"))
    status = models.CharField(_("status"), max_length=20, choices=CircularStatus.choices,
                              default=CircularStatus.QUEUED)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("sent by"))
    # Progress, written by the task as it queues the mails (any server reads it).
    total = models.PositiveIntegerField(_("recipients"), default=0)
    queued = models.PositiveIntegerField(_("mails queued"), default=0)
    finished_at = models.DateTimeField(_("all mails queued at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("circular")
        verbose_name_plural = _("circulars")

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("communications:circular", args=[self.meeting.slug, self.pk])


class CircularDelivery(models.Model):
    """One person a circular went to, as they were when it was sent, and its mail."""

    circular = models.ForeignKey(Circular, on_delete=models.CASCADE, related_name="deliveries",
                                 verbose_name=_("circular"))
    email = models.EmailField(_("address"), max_length=254)
    name = models.CharField(_("name"), max_length=300, blank=True)
    member_name = models.CharField(_("member"), max_length=200, blank=True)
    registration = models.ForeignKey("delegates.Registration", on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+")
    outgoing_email = models.OneToOneField("mail.OutgoingEmail", on_delete=models.SET_NULL,
                                          null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["member_name", "name", "id"]
        verbose_name = _("delivery of a circular")
        verbose_name_plural = _("deliveries of circulars")
        constraints = [models.UniqueConstraint(fields=["circular", "email"],
                                               name="circular_once_per_address")]

    def __str__(self):
        return f"{self.circular} → {self.email}"


class Reminder(models.Model):
    """A mail sent once, `days_before` the registration deadline (DEADLINE) or the meeting's
    first day (PENDING, PRACTICAL), by the beat (`services.reminders_send_due`)."""

    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.CASCADE,
                                related_name="reminders", verbose_name=_("meeting"))
    kind = models.CharField(_("reminder"), max_length=20, choices=ReminderKind.choices)
    days_before = models.PositiveSmallIntegerField(_("days before"), default=7)
    documents = models.ManyToManyField(
        "documents.Document", blank=True, related_name="+", verbose_name=_("documents attached"),
        help_text=_("Published documents of the meeting open to its participants, attached to "
                    "the practical-information mail."),
    )
    created_at = models.DateTimeField(_("set up at"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("set up by"))

    class Meta:
        ordering = ["meeting", "kind", "-days_before"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [models.UniqueConstraint(fields=["meeting", "kind", "days_before"],
                                               name="reminder_one_per_kind_and_day")]

    def __str__(self):
        return f"{self.get_kind_display()} − {self.days_before}"

    def anchor_date(self):
        """The date the reminder counts back from, or None while it is not known."""
        if self.kind == ReminderKind.DEADLINE:
            closes = self.meeting.registration_closes_at
            return timezone.localdate(closes) if closes else None
        return self.meeting.start_date

    def run_on(self):
        """The day the beat sends it (None while the date it counts from is not known)."""
        anchor = self.anchor_date()
        return anchor - dt.timedelta(days=self.days_before) if anchor else None


class ReminderRun(models.Model):
    """That a reminder was sent: one row at most per reminder (the primary key is the
    reminder), written in the transaction that queues its mails, so it is never sent twice."""

    reminder = models.OneToOneField(Reminder, on_delete=models.CASCADE, primary_key=True,
                                    related_name="run", verbose_name=_("reminder"))
    ran_at = models.DateTimeField(_("sent at"), default=timezone.now)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")

    def __str__(self):
        return f"{self.reminder} @ {self.ran_at:%Y-%m-%d}"
