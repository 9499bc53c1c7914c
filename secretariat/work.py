"""The work of each kind of job, run by a worker: it reads what it needs by id, reports
progress, and returns (file content or None, message). The import is one call into
`secretariat.imports`, whichever way that module reads and checks the rows."""

from django.utils.translation import gettext as _

from delegates.models import ImportBatch, Registration
from meetings.models import Member

from . import imports
from .enums import JobKind
from .pdf import badges_pdf
from .services import JobFailed


def make_badges(job, progress):
    ids = job.params["registrations"]
    found = Registration.objects.select_related("member").in_bulk(ids)
    registrations = [found[pk] for pk in ids if pk in found]
    content = badges_pdf(registrations, meeting=job.meeting,
                         layout=job.params.get("layout", "sheet"), progress=progress)
    return content, ""


def import_delegation(job, progress):
    batch = ImportBatch.objects.filter(pk=job.params.get("batch")).first()
    if batch is None:
        raise JobFailed(_("The uploaded rows are no longer kept (an upload waits 12 hours at "
                          "most, and a new upload replaces it): upload the file again."))
    member = Member.objects.get(pk=job.params["member"])
    rows = imports.preview(batch.rows, meeting=job.meeting, member=member)
    try:
        result = imports.import_rows(meeting=job.meeting, member=member, rows=rows,
                                     actor=job.created_by, progress=progress)
    except imports.RowRejected as exc:
        raise JobFailed(exc.explanation) from exc
    batch.delete()
    return None, result.summary


WORK = {JobKind.BADGES: make_badges, JobKind.IMPORT: import_delegation}


def for_job(job, progress):
    return WORK[job.kind](job, progress)
