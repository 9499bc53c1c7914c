"""The side events of a meeting and the sign-ups of registered people to them.

Every change goes through `side_events.services`, which keeps the seats: an event holds
`capacity` seats, at most `delegation_cap` of them for one member's delegation; a sign-up
that does not fit waits on the event's waiting list."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from delegates.models import Registration
from meetings.models import Meeting

from .enums import SignupStatus


class SideEvent(models.Model):
    """An event of a meeting with its own time, place and seats."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="side_events",
                                verbose_name=_("meeting"))
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    capacity = models.PositiveIntegerField(_("seats"))
    delegation_cap = models.PositiveIntegerField(
        _("seats per member"), null=True, blank=True,
        help_text=_("The most seats one member's delegation may hold; empty: no limit."))
    signup_open = models.BooleanField(
        _("sign-up open"), default=True,
        help_text=_("Delegates and focal points may sign up; the secretariat always may."))

    class Meta:
        ordering = ["meeting", "starts_at", "name"]
        verbose_name = _("side event")
        verbose_name_plural = _("side events")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "name"],
                                    name="side_event_one_name_per_meeting"),
            models.CheckConstraint(condition=Q(ends_at__isnull=True)
                                   | Q(ends_at__gt=F("starts_at")),
                                   name="side_event_ends_after_it_starts",
                                   violation_error_message=_("The event must end after it "
                                                             "starts.")),
        ]

    def __str__(self):
        return self.name


class SideEventSignup(models.Model):
    """One registered person's place at a side event, or on its waiting list."""

    event = models.ForeignKey(SideEvent, on_delete=models.CASCADE, related_name="signups",
                              verbose_name=_("side event"))
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE,
                                     related_name="side_event_signups",
                                     verbose_name=_("registration"))
    status = models.CharField(_("status"), max_length=20, choices=SignupStatus.choices,
                              default=SignupStatus.SIGNED_UP)
    created_at = models.DateTimeField(_("signed up"), auto_now_add=True)
    status_changed_at = models.DateTimeField(_("status changed"), auto_now=True)
    attended_at = models.DateTimeField(_("checked in"), null=True, blank=True)

    class Meta:
        ordering = ["event", "created_at", "id"]
        verbose_name = _("side event sign-up")
        verbose_name_plural = _("side event sign-ups")
        constraints = [
            models.UniqueConstraint(fields=["event", "registration"],
                                    name="side_event_signup_one_per_person"),
        ]
        indexes = [models.Index(fields=["event", "status"], name="side_event_signup_status")]

    def __str__(self):
        return f"{self.registration} · {self.event}"
