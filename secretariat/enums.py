from django.db import models
from django.utils.translation import gettext_lazy as _


class JobKind(models.TextChoices):
    BADGES = "badges", _("Badges")
    IMPORT = "import", _("Import of a delegation")
    VISA_LETTERS = "visa_letters", _("Visa invitation letters")
    PARTICIPANTS = "participants", _("List of participants")
    IMPLEMENTATION_REPORT = "implementation", _("Implementation report")
    CERTIFICATES = "certificates", _("Certificates of attendance")


class JobState(models.TextChoices):
    QUEUED = "queued", _("Waiting for a worker")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


UNFINISHED_STATES = (JobState.QUEUED, JobState.RUNNING)
