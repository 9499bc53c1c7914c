"""The pages of the record of a meeting: the record's page (everyone once published; the
heads of delegation, who comment there, while it is circulated) and the secretariat's page
that takes it through its steps (`documents.record`)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from asem_customs import roles
from meetings.selectors import public_meetings

from . import access, record, selectors
from .enums import RecordState
from .forms import AnswerForm, CirculateForm, DecisionsForm, RecordCommentForm, RecordStartForm
from .models import MeetingRecord, RecordComment
from .staff_views import manager_required, reader_required


def _show(request, error):
    for message in error.messages:
        messages.error(request, message)


@never_cache
@require_http_methods(["GET", "POST"])
def record_page(request, slug):
    """The record once published; the circulated draft and the comment form for heads of
    delegation (through their signed link); nothing for anyone else before publication."""
    meeting = get_object_or_404(public_meetings(), slug=slug)
    meeting_record = selectors.record_of(meeting)
    reader = access.reader_for(request)
    if meeting_record is None or not (meeting_record.state == RecordState.PUBLISHED
                                      or record.may_read_draft(reader, meeting_record)):
        raise Http404
    can_comment = (record.may_comment(reader.registration, meeting_record)
                   and record.comments_open(meeting_record))
    form = RecordCommentForm(request.POST or None) if can_comment else None
    if request.method == "POST":
        if form is None:
            messages.error(request, _("The record is not open for comments."))
            return redirect(meeting_record.get_absolute_url())
        if form.is_valid():
            try:
                record.record_comment(record=meeting_record, registration=reader.registration,
                                      text=form.cleaned_data["text"],
                                      is_objection=form.cleaned_data["is_objection"])
            except record.RecordError as error:
                _show(request, error)
            else:
                messages.success(request, _("Your comment was sent to the secretariat."))
                return redirect(meeting_record.get_absolute_url())
    own_comments = []
    if reader.registration is not None and meeting_record.state != RecordState.PUBLISHED:
        own_comments = list(meeting_record.comments.filter(
            member_id=reader.registration.member_id).order_by("created_at"))
    return render(request, "documents/record.html", {
        "meeting": meeting, "record": meeting_record,
        "files": selectors.current_files_of(meeting_record.document),
        "decisions": selectors.record_decisions(meeting_record),
        "form": form, "own_comments": own_comments,
    })


def _staff_record(slug):
    return MeetingRecord.objects.select_related("meeting", "document").filter(
        meeting__slug=slug).first()


@reader_required
@require_http_methods(["GET", "POST"])
def staff_record(request, slug):
    """The secretariat's page of the record: start it, write the decisions, circulate it,
    answer the comments, adopt and publish it."""
    meeting = get_object_or_404(public_meetings(), slug=slug)
    meeting_record = _staff_record(slug)
    can_manage = roles.can_manage_documents(request.user)
    start_form = RecordStartForm()
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied(_("Only secretariat editors take the record through its "
                                     "steps."))
        if meeting_record is not None:
            messages.error(request, _("This meeting already has its record."))
            return redirect("staff_documents:record", slug=slug)
        start_form = RecordStartForm(request.POST, request.FILES)
        if start_form.is_valid():
            data = start_form.cleaned_data
            try:
                record.record_start(meeting=meeting, file=data["file"], title=data["title"],
                                    language=data["language"], actor=request.user)
            except record.RecordError as error:
                for message in error.messages:
                    start_form.add_error(None, message)
            else:
                messages.success(request, _("The draft record is started."))
                return redirect("staff_documents:record", slug=slug)
    context = {"meeting": meeting, "record": meeting_record, "can_manage": can_manage,
               "start_form": start_form}
    if meeting_record is not None:
        agenda_items = list(meeting.agenda_items.order_by("position"))
        context.update(
            agenda_items=agenda_items,
            decisions_form=DecisionsForm(agenda_items=agenda_items,
                                         decisions=selectors.decision_texts(meeting_record)),
            circulate_form=CirculateForm(),
            steps=RecordState.choices,
            heads=list(record.heads_of_delegation(meeting)),
            comments=[(comment, AnswerForm(prefix=f"comment-{comment.pk}"))
                      for comment in meeting_record.comments.select_related(
                          "member", "replied_by")],
            silence_broken=record.silence_broken(meeting_record),
            comments_open=record.comments_open(meeting_record),
        )
    return render(request, "documents/staff/record.html", context)


def _step(request, slug, do, done):
    meeting_record = _staff_record(slug)
    if meeting_record is None:
        raise Http404
    try:
        do(meeting_record)
    except record.RecordError as error:
        _show(request, error)
    else:
        messages.success(request, done)
    return redirect("staff_documents:record", slug=slug)


@manager_required
@require_POST
def staff_record_decisions(request, slug):
    meeting_record = _staff_record(slug)
    if meeting_record is None:
        raise Http404
    form = DecisionsForm(request.POST, agenda_items=meeting_record.meeting.agenda_items.all(),
                         decisions={})
    if not form.is_valid():
        messages.error(request, _("A text is too long: at most 10,000 characters per item."))
        return redirect("staff_documents:record", slug=slug)
    return _step(request, slug, lambda r: record.record_set_decisions(
        record=r, decisions=form.decisions(), actor=request.user),
        _("The decisions and conclusions are saved."))


@manager_required
@require_POST
def staff_record_circulate(request, slug):
    form = CirculateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the deadline for comments as a date and time."))
        return redirect("staff_documents:record", slug=slug)
    return _step(request, slug, lambda r: record.record_circulate(
        record=r, comments_until=form.cleaned_data["comments_until"], actor=request.user),
        _("The draft is circulated to the heads of delegation."))


@manager_required
@require_POST
def staff_record_answer(request, slug, pk):
    comment = get_object_or_404(RecordComment, pk=pk, record__meeting__slug=slug)
    form = AnswerForm(request.POST, prefix=f"comment-{comment.pk}")
    if not form.is_valid():
        messages.error(request, _("Choose what the secretariat did and write the reply."))
        return redirect("staff_documents:record", slug=slug)
    return _step(request, slug, lambda r: record.record_answer(
        comment=comment, resolution=form.cleaned_data["resolution"],
        reply=form.cleaned_data["reply"], actor=request.user),
        _("The answer was sent to the head of delegation."))


@manager_required
@require_POST
def staff_record_adopt(request, slug):
    return _step(request, slug, lambda r: record.record_adopt(record=r, actor=request.user),
                 _("The record is adopted by the meeting."))


@manager_required
@require_POST
def staff_record_publish(request, slug):
    return _step(request, slug, lambda r: record.record_publish(record=r, actor=request.user),
                 _("The record is published."))
