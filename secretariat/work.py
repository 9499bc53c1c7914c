"""The work of each kind of job, run by a worker: it reads what it needs by id, reports
progress, and returns (file content or None, message). The import is one call into
`secretariat.imports`, whichever way that module reads and checks the rows.

A small document is made by the same function in the request, on a job that is never
saved (see `secretariat.documents`), so both ways give the same file."""

from django.http import Http404
from django.utils.translation import gettext as _

from accreditation.selectors import chosen_questions
from action_plans import selectors as plan_selectors
from action_plans.models import ActionPlan
from delegates.models import ImportBatch, Registration
from meetings.models import Member
from secretariat import imports
from secretariat.exports import participants_for_list, participants_xlsx
from secretariat.pdf import badges_pdf, certificates_pdf, participants_pdf, visa_letters_pdf
from secretariat.pdf.implementation_report import implementation_report_pdf

from .enums import JobKind
from .services import JobFailed


def _registrations(ids, *related):
    """The registrations of `ids` in that order; one removed meanwhile is left out."""
    found = Registration.objects.select_related(*related).in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def make_badges(job, progress):
    registrations = _registrations(job.params["registrations"], "member", "photo")
    content = badges_pdf(registrations, meeting=job.meeting,
                         layout=job.params.get("layout", "sheet"), progress=progress)
    return content, ""


def make_certificates(job, progress):
    # Someone whose check-in was undone (or whose data was erased) since is left out.
    registrations = [registration for registration in
                     _registrations(job.params["registrations"], "member")
                     if registration.attended_at and registration.anonymised_at is None]
    return certificates_pdf(registrations, meeting=job.meeting, progress=progress), ""


def make_visa_letters(job, progress):
    registrations = _registrations(job.params["registrations"], "member", "meeting",
                                   "meeting__host_member")
    return visa_letters_pdf(registrations, meeting=job.meeting, progress=progress), ""


def make_participants(job, progress):
    queryset = participants_for_list(job.meeting,
                                     consented_only=job.params.get("published", False))
    questions = chosen_questions(job.meeting, job.params.get("questions", []))
    if job.params.get("format") == "xlsx":
        return participants_xlsx(queryset, title=_("Participants"), progress=progress,
                                 questions=questions), ""
    if questions:
        queryset = queryset.prefetch_related("answers")
    return participants_pdf(list(queryset), meeting=job.meeting, progress=progress,
                            questions=questions), ""


def make_implementation_report(job, progress):
    slug = ActionPlan.objects.filter(pk=job.params.get("plan")).values_list(
        "slug", flat=True).first()
    try:
        plan = plan_selectors.plan_with_progress(slug)
    except Http404 as exc:
        raise JobFailed(_("The action plan no longer exists.")) from exc
    return implementation_report_pdf(plan, progress=progress), ""


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


WORK = {
    JobKind.BADGES: make_badges,
    JobKind.CERTIFICATES: make_certificates,
    JobKind.IMPORT: import_delegation,
    JobKind.VISA_LETTERS: make_visa_letters,
    JobKind.PARTICIPANTS: make_participants,
    JobKind.IMPLEMENTATION_REPORT: make_implementation_report,
}


def for_job(job, progress):
    return WORK[job.kind](job, progress)
