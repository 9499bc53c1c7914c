"""Background jobs: start one, report its progress, finish or fail it, retry it, and the
housekeeping that keeps them honest (a job whose worker stopped reporting is shown failed,
old result files are removed).

The state lives in the `Job` row, so every app server answers the progress page the same;
the result goes through Django's default storage. Workers run `run_job` through the thin
task in `tasks.py`; without a broker the task runs in the calling process.
"""

import datetime as dt
import logging
import time
from functools import partial
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .enums import JobState
from .models import Job

logger = logging.getLogger(__name__)

# A job kept (with its file) this long after it was started, then the nightly sweep removes it.
KEEP = dt.timedelta(hours=24)
# A job nobody took up in this long is shown failed: no worker is running.
QUEUED_LIMIT = dt.timedelta(hours=1)
# Progress is written at most this often (seconds), and always at the end.
PROGRESS_INTERVAL = 1.0
RESULTS_FOLDER = "generated"


class JobError(Exception):
    """What was asked of a job cannot be done (the message is shown)."""


class JobFailed(Exception):
    """The work stopped for a reason the person must read (the message is shown)."""


def stale_after():
    return dt.timedelta(minutes=settings.JOBS_STALE_MINUTES)


def _progress_alias():
    """Progress of an import is written while the import's own transaction is open: on
    PostgreSQL it goes through a second connection ("jobs") so other servers see it."""
    return "jobs" if "jobs" in settings.DATABASES else "default"


def _enqueue(job):
    from .tasks import run_job  # the task module imports this one

    transaction.on_commit(partial(run_job.delay, job.pk, job.attempt))


def start_job(*, kind, total, actor, meeting=None, params=None, filename="", next_url=""):
    """Create a queued job and hand it to a worker once the current transaction commits.
    `params` are what the work needs (ids, never objects). Returns the job."""
    job = Job.objects.create(
        kind=kind, total=total, meeting=meeting, created_by=actor, params=params or {},
        filename=filename, next_url=next_url,
    )
    logger.info("secretariat.job.started job=%s kind=%s actor=%s", job.public_id, kind,
                getattr(actor, "pk", None))
    _enqueue(job)
    return job


def begin_job(*, job_id, attempt):
    """Mark the job running for this attempt and return it, or None when there is nothing
    to run: the job is gone, done, or was retried under a newer attempt. A message
    delivered again after its worker died runs the job again."""
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.attempt != attempt or job.state == JobState.DONE:
            return None
        now = timezone.now()
        job.state, job.done, job.error = JobState.RUNNING, 0, ""
        job.started_at = job.heartbeat_at = now
        job.finished_at = None
        job.save(update_fields=["state", "done", "error", "started_at", "heartbeat_at",
                                "finished_at"])
    return job


def report_progress(*, job, done):
    """Record how far the job is and that its worker is alive. A job the sweep had shown
    failed while its worker was only slow is shown running again."""
    Job.objects.using(_progress_alias()).filter(pk=job.pk, attempt=job.attempt).exclude(
        state=JobState.DONE).update(state=JobState.RUNNING, error="",
                                    done=min(done, job.total), heartbeat_at=timezone.now())


def finish_job(*, job, content=None, message=""):
    """The job is done: its file (bytes) is stored, its parameters (which may hold
    personal data, such as the rows of an import) are emptied."""
    if content is not None:
        job.result.save(job.filename or "result.pdf", ContentFile(content), save=False)
    updated = Job.objects.filter(pk=job.pk, attempt=job.attempt).update(
        state=JobState.DONE, done=job.total, message=message, result=job.result.name or "",
        params={}, error="", heartbeat_at=timezone.now(), finished_at=timezone.now())
    if not updated and job.result.name:
        default_storage.delete(job.result.name)  # retried meanwhile: the newer attempt wins


def fail_job(*, job, reason):
    """The job failed; `reason` is shown with a retry button."""
    Job.objects.filter(pk=job.pk, attempt=job.attempt).update(
        state=JobState.FAILED, error=reason, finished_at=timezone.now())
    logger.info("secretariat.job.failed job=%s reason=%s", job.public_id, reason)


def run_job(*, job_id, attempt, work):
    """Run `work(job, progress)` for the job; it returns (content bytes or None, message)
    or raises JobFailed with a reason for the person. Whatever else goes wrong, the job is
    shown failed, never running for ever."""
    job = begin_job(job_id=job_id, attempt=attempt)
    if job is None:
        return
    last = [0.0]

    def progress(done):
        if time.monotonic() - last[0] >= PROGRESS_INTERVAL or done >= job.total:
            last[0] = time.monotonic()
            report_progress(job=job, done=done)

    try:
        # In the language of the page that asked for it (`params["language"]`, as
        # secretariat.documents gives it): a worker has none of its own.
        with translation.override(job.params.get("language") or translation.get_language()):
            content, message = work(job, progress)
    except JobFailed as exc:
        fail_job(job=job, reason=str(exc))
    except Exception:  # noqa: BLE001 - the page must say it failed, whatever happened
        logger.exception("Background job %s failed", job.public_id)
        fail_job(job=job, reason=_("The work could not be finished. Try again, or in "
                                   "smaller parts."))
    else:
        finish_job(job=job, content=content, message=message)


def retry_job(*, job, actor):
    """Run a failed job again, from the start, under a new attempt."""
    with transaction.atomic():
        fresh = Job.objects.select_for_update().get(pk=job.pk)
        if fresh.state != JobState.FAILED:
            raise JobError(_("Only a job that failed can be tried again."))
        fresh.attempt += 1
        fresh.state, fresh.done, fresh.error = JobState.QUEUED, 0, ""
        fresh.heartbeat_at = fresh.started_at = fresh.finished_at = None
        fresh.save(update_fields=["attempt", "state", "done", "error", "heartbeat_at",
                                  "started_at", "finished_at"])
        _enqueue(fresh)
    logger.info("secretariat.job.retried job=%s attempt=%s actor=%s", fresh.public_id,
                fresh.attempt, getattr(actor, "pk", None))
    return fresh


def fail_stale_jobs(*, jobs=None, now=None):
    """Show failed, with the reason, every running job whose worker stopped reporting and
    every job no worker took up. Returns how many."""
    now = now or timezone.now()
    jobs = Job.objects.all() if jobs is None else jobs
    stopped = jobs.filter(state=JobState.RUNNING, heartbeat_at__lt=now - stale_after()).update(
        state=JobState.FAILED, finished_at=now,
        error=_("The worker stopped reporting: the job was interrupted. Try again."))
    never = jobs.filter(state=JobState.QUEUED, created_at__lt=now - QUEUED_LIMIT).update(
        state=JobState.FAILED, finished_at=now,
        error=_("No worker took the job up. Try again; if it stays so, tell the "
                "administrator that the background workers are not running."))
    return stopped + never


def _delete_jobs(jobs):
    names = list(jobs.exclude(result="").values_list("result", flat=True))
    count, _deleted = jobs.delete()
    transaction.on_commit(partial(_delete_files, names))
    return count


def _delete_files(names):
    for name in names:
        default_storage.delete(name)


def remove_meeting_jobs(*, meeting_id):
    """Remove every job of the meeting with its file: badges and lists name the meeting's
    people, imports hold their rows. Called when personal data is anonymised or erased."""
    return _delete_jobs(Job.objects.filter(meeting_id=meeting_id))


def remove_old_jobs(*, now=None):
    """Remove jobs started more than a day ago, their files, and any other file under
    MEDIA_ROOT/generated older than that (left by earlier versions). Returns how many
    jobs were removed."""
    now = now or timezone.now()
    count = _delete_jobs(Job.objects.filter(created_at__lt=now - KEEP))
    _delete_old_files(RESULTS_FOLDER, now - KEEP)
    return count


def _delete_old_files(folder, before):
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        path = f"{folder}/{name}"
        if default_storage.get_modified_time(path) < before:
            default_storage.delete(path)
    for name in folders:
        _delete_old_files(f"{folder}/{name}", before)
        _remove_if_empty(f"{folder}/{name}")


def _remove_if_empty(folder):
    try:
        path = default_storage.path(folder)  # only local storage has folders to remove
    except NotImplementedError:
        return
    try:
        if not any(Path(path).iterdir()):
            Path(path).rmdir()
    except OSError:
        pass  # removed meanwhile, or not empty after all: the next sweep tries again
