"""The pages of a background job: progress, download of the result, and a retry once it
failed. Only the person who started the job (or someone allowed to see every job) gets
them; see `asem_customs.roles.can_see_job`."""

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import permission_required
from asem_customs import roles
from asem_customs.roles import can_see_job

from . import services
from .enums import JobKind, JobState
from .models import Job

# Every job page is for the secretariat; which job a person may follow is `can_see_job`.
secretariat_required = permission_required(roles.VIEW_REGISTRATIONS)


def _job(request, token):
    try:
        public_id = uuid.UUID(token)
    except ValueError as exc:
        raise Http404 from exc
    job = get_object_or_404(Job.objects.select_related("meeting"), public_id=public_id)
    if not can_see_job(request.user, job):
        raise PermissionDenied
    return job


@secretariat_required
@require_GET
def job(request, token):
    job = _job(request, token)
    if job.unfinished and services.fail_stale_jobs(jobs=Job.objects.filter(pk=job.pk)):
        job.refresh_from_db()
    return render(request, "secretariat/job.html", {
        "job": job, "is_import": job.kind == JobKind.IMPORT, "states": JobState})


@secretariat_required
@require_GET
def job_download(request, token):
    job = _job(request, token)
    if job.state != JobState.DONE or not job.result:
        raise Http404
    try:
        handle = default_storage.open(job.result.name, "rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, content_type="application/pdf", filename=job.filename,
                        as_attachment=False)


@secretariat_required
@require_POST
def job_retry(request, token):
    job = _job(request, token)
    try:
        job = services.retry_job(job=job, actor=request.user)
    except services.JobError as exc:
        messages.error(request, str(exc))
    return redirect(job)
