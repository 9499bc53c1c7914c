"""The documents the secretariat prints (badges, visa letters, lists of participants, the
implementation report of an action plan) and the one rule that decides whether a document is
made at once, in the request, or by a background job: `in_background`. A small document (a
single badge, a single visa letter, a list of a few rows) comes back at once; anything bigger
is a job, whose page shows the progress and then the download. Every staff page and admin
action that prints goes through `make_document`, so the rule is never written twice."""

import logging
import mimetypes
from dataclasses import dataclass, field

from django.utils import translation

from . import services, work
from .enums import UNFINISHED_STATES, JobKind
from .models import Job
from .pdf import INLINE_BADGES, INLINE_CERTIFICATES

logger = logging.getLogger(__name__)

# Above this many rows a list of participants (PDF or XLSX) is made by a job. The CSV
# streams row by row and is never a job.
INLINE_LIST_ROWS = 200

# How many items (badges, letters, rows, action points) a document may hold and still be
# made in the request; None: always a job.
INLINE_LIMITS = {
    JobKind.BADGES: INLINE_BADGES,
    JobKind.CERTIFICATES: INLINE_CERTIFICATES,
    JobKind.VISA_LETTERS: 1,
    JobKind.PARTICIPANTS: INLINE_LIST_ROWS,
    # Every point with its status history and accepted reports, however few.
    JobKind.IMPLEMENTATION_REPORT: None,
}


def in_background(*, kind, total):
    """Whether a document of `kind` holding `total` items is made by a background job."""
    limit = INLINE_LIMITS[kind]
    return limit is None or total > limit


@dataclass(frozen=True)
class Document:
    """What to print: its kind, how many items it holds, its file name and what the work
    needs to make it (ids and choices, never objects)."""

    kind: str
    total: int
    filename: str
    params: dict = field(default_factory=dict)
    meeting: object = None


@dataclass(frozen=True)
class Made:
    """A document made now (`content`) or the job that is making it (`job`)."""

    content: bytes | None = None
    job: Job | None = None


def badges_document(*, meeting, ids, layout, filename):
    """The badges of the registrations `ids`, in that order."""
    return Document(kind=JobKind.BADGES, meeting=meeting, total=len(ids), filename=filename,
                    params={"registrations": ids, "layout": layout})


def certificates_document(*, meeting, ids, filename):
    """The certificates of attendance of the registrations `ids` (people checked in), in
    that order."""
    return Document(kind=JobKind.CERTIFICATES, meeting=meeting, total=len(ids),
                    filename=filename, params={"registrations": ids})


def visa_letters_document(*, meeting, ids, filename):
    """One visa invitation letter a page for the registrations `ids`, in that order."""
    return Document(kind=JobKind.VISA_LETTERS, meeting=meeting, total=len(ids),
                    filename=filename, params={"registrations": ids})


def participants_document(*, meeting, total, fmt, published, questions=()):
    """The list of participants as PDF or XLSX (`fmt`), of those who consented to its
    publication only when `published`; `total` is how many rows it has now; the XLSX has a
    column for each of `questions` (ids of the meeting's questions) too, and the PDF prints
    their answers under each person."""
    params = {"format": fmt, "published": published}
    if questions:
        params["questions"] = list(questions)
    return Document(kind=JobKind.PARTICIPANTS, meeting=meeting, total=total,
                    filename=f"participants-{meeting.slug}.{fmt}", params=params)


def implementation_report_document(*, plan, points):
    """The implementation report of the action plan, `points` long."""
    return Document(kind=JobKind.IMPLEMENTATION_REPORT, meeting=plan.meeting, total=points,
                    filename=f"{plan.slug}-implementation.pdf", params={"plan": plan.pk})


def make_document(*, document, actor):
    """Make a small document now, or start (or find) the job that makes a big one. The
    person's own unfinished job for the very same document is reused, so a second click
    or a reload does not start the work twice. Raises `services.JobFailed` when a small
    document cannot be made (its reason is for the person)."""
    if not in_background(kind=document.kind, total=document.total):
        draft = Job(kind=document.kind, meeting=document.meeting, params=document.params,
                    total=document.total, filename=document.filename, created_by=actor)
        content, _message = work.for_job(draft, _ignore_progress)
        return Made(content=content)
    # Labels in the language of the page that asked (a visa letter: the person's own).
    params = {**document.params, "language": translation.get_language()}
    running = Job.objects.filter(
        kind=document.kind, meeting=document.meeting, created_by=actor,
        params=params, state__in=UNFINISHED_STATES).first()
    if running is not None:
        logger.info("secretariat.job.reused job=%s actor=%s", running.public_id, actor.pk)
        return Made(job=running)
    return Made(job=services.start_job(
        kind=document.kind, total=document.total, meeting=document.meeting,
        params=params, filename=document.filename, actor=actor))


def _ignore_progress(done):
    """A document made in the request has nobody to report its progress to."""


def file_type(filename):
    """(content type, whether to download rather than show) of a document's file: PDFs
    open in the browser, spreadsheets download."""
    content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    return content_type, content_type != "application/pdf"
