"""Circulars: a message the secretariat writes for a meeting to a set of people, kept with
each person it went to and what became of each mail."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .enums import Audience, CircularStatus


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
