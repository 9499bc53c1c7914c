"""Background jobs (documents, imports): their state lives in the database so that every app
server shows the same progress, and their result file in Django's default storage."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .enums import JobKind, JobState


def result_path(job, filename):
    return f"generated/{job.public_id}/{filename}"


class Job(models.Model):
    # The parameters may name people (registration ids, an import's batch): never looked up
    # by URL in the admin.
    SENSITIVE_FIELDS = ("params",)

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True,
                                 editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=JobKind.choices)
    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.CASCADE, null=True,
                                blank=True, related_name="jobs", verbose_name=_("meeting"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("started by"))
    state = models.CharField(_("state"), max_length=10, choices=JobState.choices,
                             default=JobState.QUEUED)
    # What the task needs to run (ids, layout, the rows of an import); emptied once done.
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    # A retry runs the job again under a new attempt; messages of an older attempt are
    # ignored, so a late redelivery never runs a job twice at once.
    attempt = models.PositiveIntegerField(_("attempt"), default=1)
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    heartbeat_at = models.DateTimeField(_("last report"), null=True, blank=True)
    error = models.TextField(_("reason of the failure"), blank=True)
    message = models.TextField(_("outcome"), blank=True)
    result = models.FileField(_("result"), upload_to=result_path, blank=True, max_length=300)
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    next_url = models.CharField(_("next page"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "heartbeat_at"], name="job_state_heartbeat")]
        constraints = [
            models.CheckConstraint(condition=models.Q(done__lte=models.F("total")),
                                   name="job_done_at_most_total"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.public_id} ({self.get_state_display()})"

    def get_absolute_url(self):
        return reverse("staff:job", kwargs={"token": self.public_id})

    @property
    def unfinished(self):
        return self.state in (JobState.QUEUED, JobState.RUNNING)
