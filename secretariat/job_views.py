"""The pages of a background job: progress, download of the result, and a retry once it
failed. Only the person who started the job (or someone allowed to see every job) gets
them; see `asem_customs.roles.can_see_job`. Also the answer of every page that prints a
document: the file at once when small, else the job's page (`document_response`)."""

import uuid
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from asem_customs.roles import can_see_job, can_use_jobs

from . import documents, services
from .enums import JobKind, JobState
from .models import Job


def secretariat_required(view):
    """Every job page is for people who may start some job (the secretariat, the reviewers
    of action plans); which job a person may follow is `can_see_job`."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_use_jobs(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def document_response(request, document):
    """Print `document` (a `documents.Document`) for the person asking: the file itself
    when it is small, otherwise a redirect to the page of the job that makes it. The
    caller has checked that the person may have the document."""
    try:
        made = documents.make_document(document=document, actor=request.user)
    except services.JobFailed as exc:
        raise Http404(str(exc)) from exc
    if made.job is not None:
        return redirect(made.job)
    content_type, attachment = documents.file_type(document.filename)
    response = HttpResponse(made.content, content_type=content_type)
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{document.filename}"'
    return response


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
    content_type, attachment = documents.file_type(job.filename)
    return FileResponse(handle, content_type=content_type, filename=job.filename,
                        as_attachment=attachment)


@secretariat_required
@require_POST
def job_retry(request, token):
    job = _job(request, token)
    try:
        job = services.retry_job(job=job, actor=request.user)
    except services.JobError as exc:
        messages.error(request, str(exc))
    return redirect(job)
