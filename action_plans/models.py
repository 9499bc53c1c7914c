"""Action plans adopted at meetings, their numbered action points, and the follow-up: progress
reports filed by members and the official status changes they lead to.

The tables keep the names they had when these models lived in `meetings` (they moved with
`SeparateDatabaseAndState`, no data copied).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from meetings.models import Meeting, Member

from .enums import ActionPointStatus, ProgressReportState


class ActionArea(models.Model):
    """A field of Customs work an action point belongs to, such as transit or Single Window."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    class Meta:
        db_table = "meetings_actionarea"
        ordering = ["name"]
        verbose_name = _("action area")
        verbose_name_plural = _("action areas")

    def __str__(self):
        return self.name


class ActionPlan(models.Model):
    """A plan adopted at a meeting for the years until the next ones."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="action_plans",
        verbose_name=_("adopted at"),
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    period_start = models.PositiveSmallIntegerField(_("first year"))
    period_end = models.PositiveSmallIntegerField(_("last year"))
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    history = HistoricalRecords(table_name="meetings_historicalactionplan")

    class Meta:
        db_table = "meetings_actionplan"
        ordering = ["-period_start"]
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="action_plan_period_ordered",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("public:action_plan_detail", kwargs={"slug": self.slug})

    @property
    def period(self):
        return f"{self.period_start}\u2013{self.period_end}"


class ActionPoint(models.Model):
    """A numbered point of an action plan, led by one or more members."""

    plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="points",
        verbose_name=_("action plan"),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=250)
    area = models.ForeignKey(
        ActionArea, on_delete=models.PROTECT, related_name="points", verbose_name=_("area")
    )
    description = models.TextField(_("description"), blank=True)
    expected_outputs = models.TextField(_("expected outputs"), blank=True)
    lead_members = models.ManyToManyField(
        Member, blank=True, related_name="led_action_points", verbose_name=_("lead members"),
        db_table="meetings_actionpoint_lead_members",
    )
    participating_members = models.ManyToManyField(
        Member, blank=True, related_name="joined_action_points",
        verbose_name=_("participating members"),
        db_table="meetings_actionpoint_participating_members",
    )
    target_date = models.DateField(_("target date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ActionPointStatus.choices,
        default=ActionPointStatus.NOT_STARTED,
    )
    is_new = models.BooleanField(
        _("new in this plan"), default=False,
        help_text=_("An area of work added by this plan."),
    )
    is_illustrative = models.BooleanField(
        _("illustrative"), default=False,
        help_text=_("Demonstration content, not the text adopted by the meeting."),
    )
    carried_over_from = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="carried_over_to", verbose_name=_("carried over from"),
    )
    history = HistoricalRecords(
        m2m_fields=[lead_members, participating_members],
        table_name="meetings_historicalactionpoint",
    )

    class Meta:
        db_table = "meetings_actionpoint"
        ordering = ["plan", "number"]
        verbose_name = _("action point")
        verbose_name_plural = _("action points")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"], name="action_point_unique_number_in_plan"
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


class ProgressReport(models.Model):
    """A dated report on an action point, filed by a member's focal point or the secretariat.

    Only accepted reports are public and change the point's official status.
    """

    action_point = models.ForeignKey(
        ActionPoint, on_delete=models.CASCADE, related_name="progress_reports",
        verbose_name=_("action point"),
    )
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, null=True, blank=True,
        related_name="progress_reports", verbose_name=_("reporting member"),
    )
    report_date = models.DateField(_("report date"), default=timezone.localdate)
    text = models.TextField(_("report"))
    proposed_status = models.CharField(
        _("proposed status"), max_length=20, choices=ActionPointStatus.choices
    )
    state = models.CharField(
        _("state"), max_length=20, choices=ProgressReportState.choices,
        default=ProgressReportState.DRAFT,
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="progress_reports", verbose_name=_("author"),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="reviewed_progress_reports", verbose_name=_("reviewed by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(table_name="meetings_historicalprogressreport")

    class Meta:
        db_table = "meetings_progressreport"
        ordering = ["action_point", "-report_date", "-id"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        indexes = [models.Index(fields=["action_point", "state", "report_date"])]

    def __str__(self):
        return f"{self.action_point} \u2014 {self.report_date}"


class ProgressReportAttachment(models.Model):
    """A file filed with a progress report."""

    report = models.ForeignKey(
        ProgressReport, on_delete=models.CASCADE, related_name="attachments",
        verbose_name=_("progress report"),
    )
    file = models.FileField(_("file"), upload_to="progress-reports/%Y/")
    title = models.CharField(_("title"), max_length=200, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        db_table = "meetings_progressreportattachment"
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.title or self.file.name


class ActionPointStatusChange(models.Model):
    """A change of an action point's official status, with who made it and when it took effect.

    Written only by `action_plans.services`: on accepting a progress report, on carrying a point
    over into a later plan, or when the secretariat sets a status directly.
    """

    action_point = models.ForeignKey(
        ActionPoint, on_delete=models.CASCADE, related_name="status_changes",
        verbose_name=_("action point"),
    )
    from_status = models.CharField(
        _("from status"), max_length=20, choices=ActionPointStatus.choices
    )
    to_status = models.CharField(_("to status"), max_length=20, choices=ActionPointStatus.choices)
    effective_on = models.DateField(_("effective on"), default=timezone.localdate)
    report = models.ForeignKey(
        ProgressReport, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="status_changes", verbose_name=_("progress report"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("changed by"),
    )
    note = models.TextField(_("note"), blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        db_table = "meetings_actionpointstatuschange"
        ordering = ["action_point", "effective_on", "id"]
        verbose_name = _("action point status change")
        verbose_name_plural = _("action point status changes")

    def __str__(self):
        return f"{self.action_point}: {self.from_status} \u2192 {self.to_status}"


class ActionPlanLogEntry(models.Model):
    """An explicit entry for each change of the follow-up (a progress report filed, submitted,
    accepted…; a point's status set or carried over), with a dotted action name and its actor.

    Written only by `action_plans.services`, as `delegates.RegistrationLogEntry` is for
    registrations. No actor means the system itself (the demo loader, a command).
    """

    action = models.CharField(
        _("action"), max_length=80,
        help_text=_("Dotted name, for example action_plans.progress_report.accepted."),
    )
    plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="log_entries",
        verbose_name=_("action plan"),
    )
    action_point = models.ForeignKey(
        ActionPoint, on_delete=models.CASCADE, null=True, blank=True,
        related_name="log_entries", verbose_name=_("action point"),
    )
    progress_report = models.ForeignKey(
        ProgressReport, on_delete=models.CASCADE, null=True, blank=True,
        related_name="log_entries", verbose_name=_("progress report"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("actor"),
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("action plan log entry")
        verbose_name_plural = _("action plan log entries")
        indexes = [models.Index(fields=["action"], name="action_plans_log_action")]

    def __str__(self):
        return f"{self.action} ({self.created_at:%Y-%m-%d %H:%M})"
