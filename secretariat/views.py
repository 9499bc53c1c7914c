"""Pages for the secretariat: dashboard, lists of participants, badges, visa letters,
check-in and bulk import. A "Secretariat viewer" reads (view permission on registrations);
a "Secretariat editor" also changes (change permission). Anyone else signed in gets 403;
someone not signed in is sent to sign in and back (`accounts.decorators`)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.decorators import permission_required
from accreditation.selectors import (
    chosen_questions,
    credentials_asked,
    delegations_missing_credentials,
    meeting_questions,
)
from action_plans.models import ActionPlan
from asem_customs import roles
from asem_customs.names import name_language
from asem_customs.roles import can_see_passport_details
from delegates.certificates import CertificateRefused, check_certificate
from delegates.enums import (
    ACTIVE_STATUSES,
    SEAT_HOLDING_STATUSES,
    Participation,
    RegistrationStatus,
)
from delegates.models import FocalPoint, Registration
from delegates.photo_views import certificate_filename, current_photo, photo_response
from delegates.selectors import (
    SEARCH_MIN_LENGTH,
    checkin_search,
    registration_by_badge_code,
    seats,
)
from delegates.services import (
    RegistrationError,
    focal_point_invite,
    registration_mark_attended,
    registration_undo_attendance,
)
from delegates.visa import visa_letter_obstacles, with_visa_letter
from logistics.selectors import summary as logistics_summary
from meetings.enums import PhotoRule
from meetings.models import Meeting
from secretariat.enums import JobKind
from secretariat.services import start_job

from . import dashboard as stats
from . import imports, privacy
from .documents import (
    badges_document,
    certificates_document,
    implementation_report_document,
    participants_document,
    visa_letters_document,
)
from .exports import participants_csv_chunks, participants_for_list
from .forms import BadgeForm, CertificatesForm, FocalPointInviteForm, ImportForm
from .job_views import document_response

viewer_required = permission_required(roles.VIEW_REGISTRATIONS, message=gettext_lazy(
    "Your account may not see the secretariat's pages: ask the secretariat for access."))
inviter_required = permission_required("delegates.add_focalpoint", message=gettext_lazy(
    "Your account may not invite focal points."))
editor_required = permission_required(roles.CHANGE_REGISTRATIONS, message=gettext_lazy(
    "Your account may read the secretariat's pages but not change anything here (check-in "
    "and import are for secretariat editors)."))


def _render(request, template, context):
    passports = can_see_passport_details(request.user)
    return render(request, template, {**context, "can_see_passport_details": passports})


def _meeting(slug):
    return get_object_or_404(Meeting.objects.select_related("series", "host_member"), slug=slug)


@viewer_required
@require_GET
def index(request):
    meetings = Meeting.objects.select_related("series", "host_member").order_by(
        "-year", "-number")
    return _render(request, "secretariat/index.html", {
        "meetings": meetings,
        "can_review_reports": roles.can_review_progress_reports(request.user),
        "can_manage_personal_data": privacy.can_manage_personal_data(request.user),
    })


@viewer_required
@require_GET
def meeting_dashboard(request, slug):
    meeting = _meeting(slug)
    status_counts = stats.counts_by_status(meeting)
    region_counts = stats.counts_by_region(meeting)
    over_time = stats.registrations_over_time(meeting)
    delegations = list(stats.delegations(meeting))
    context = {
        "meeting": meeting,
        "seats": seats(meeting),
        "status_counts": status_counts,
        "region_counts": region_counts,
        "delegations": delegations,
        "heads_named": sum(1 for member in delegations if member.heads),
        # Observer organisations send observers; only partners are expected to name a head.
        "heads_missing": [member for member in delegations
                          if not member.heads and member.is_partner],
        "missing_members": stats.members_without_registration(meeting),
        "needs": stats.special_needs(meeting),
        "logistics": logistics_summary(meeting),
        "over_time": over_time,
        "chart_data": stats.chart_data(meeting, status_counts=status_counts,
                                       region_counts=region_counts, over_time=over_time),
        # Accreditation: the delegations whose credentials are not accepted yet, and the
        # meeting's questions the staff may add as columns of the list of participants.
        "credentials_missing": delegations_missing_credentials(meeting)
        if credentials_asked(meeting) else None,
        "questions": meeting_questions(meeting),
    }
    return _render(request, "secretariat/dashboard.html", context)


@viewer_required
@require_GET
def participants_export(request, slug, fmt):
    """The list of participants: the CSV streams at once; a PDF or XLSX of more than a
    few rows is made by a background job."""
    meeting = _meeting(slug)
    published = request.GET.get("published") == "1"
    queryset = participants_for_list(meeting, consented_only=published)
    questions = chosen_questions(meeting, request.GET.getlist("question"))
    base = f"participants-{meeting.slug}"
    if fmt == "csv":
        response = StreamingHttpResponse(participants_csv_chunks(queryset, questions=questions),
                                         content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{base}.csv"'
        return response
    if fmt in ("pdf", "xlsx"):
        return document_response(request, participants_document(
            meeting=meeting, total=queryset.count(), fmt=fmt, published=published,
            questions=[question.pk for question in questions]))
    raise Http404


@viewer_required
@require_http_methods(["GET", "POST"])
def badges(request, slug):
    meeting = _meeting(slug)
    form = BadgeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        statuses = (SEAT_HOLDING_STATUSES if form.cleaned_data["include_pending"]
                    else (RegistrationStatus.CONFIRMED,))
        # Badges are for the room: online participants have none.
        registrations = participants_for_list(meeting, statuses=statuses).filter(
            participation=Participation.IN_PERSON)
        if form.cleaned_data["member"]:
            registrations = registrations.filter(member=form.cleaned_data["member"])
        return document_response(request, badges_document(
            meeting=meeting, ids=list(registrations.values_list("pk", flat=True)),
            layout=form.cleaned_data["layout"], filename=f"badges-{meeting.slug}.pdf"))
    without_photo = None
    if meeting.photos != PhotoRule.OFF:
        without_photo = participants_for_list(
            meeting, statuses=(RegistrationStatus.CONFIRMED,)).filter(photo__isnull=True).count()
    return _render(request, "secretariat/badges.html", {
        "meeting": meeting, "form": form, "without_photo": without_photo})


@viewer_required
@require_GET
def badge(request, slug, pk):
    meeting = _meeting(slug)
    registration = get_object_or_404(
        Registration.objects.select_related("member"), meeting=meeting, pk=pk,
        status__in=ACTIVE_STATUSES,
    )
    name = slugify(registration.name_latin or registration.full_name)
    return document_response(request, badges_document(
        meeting=meeting, ids=[registration.pk], layout="single", filename=f"badge-{name}.pdf"))


@editor_required
@require_GET
def photo(request, slug, pk):
    """A person's photo, for the staff who check people in (to compare faces) and nobody
    else: the file is never at a public address."""
    registration = get_object_or_404(Registration.objects.select_related("photo"),
                                     meeting__slug=slug, pk=pk)
    return photo_response(current_photo(registration))


def _checked_in(meeting):
    return participants_for_list(meeting, statuses=SEAT_HOLDING_STATUSES).filter(
        attended_at__isnull=False, anonymised_at__isnull=True)


@viewer_required
@require_http_methods(["GET", "POST"])
def certificates(request, slug):
    """Certificates of attendance of the people checked in (of one member, or all): a few
    come back at once, more are made by a background job."""
    meeting = _meeting(slug)
    form = CertificatesForm(request.POST or None)
    checked_in = _checked_in(meeting)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["member"]:
            checked_in = checked_in.filter(member=form.cleaned_data["member"])
        ids = list(checked_in.values_list("pk", flat=True))
        if not ids:
            messages.error(request, _("Nobody of this choice has been checked in: there is no "
                                      "certificate of attendance to make."))
            return redirect("staff:certificates", slug=meeting.slug)
        return document_response(request, certificates_document(
            meeting=meeting, ids=ids, filename=f"certificates-{meeting.slug}.pdf"))
    return _render(request, "secretariat/certificates.html", {
        "meeting": meeting, "form": form, "checked_in": checked_in.count()})


@viewer_required
@require_GET
def certificate(request, slug, pk):
    """One person's certificate of attendance; refused with the reason for someone not
    checked in."""
    meeting = _meeting(slug)
    registration = get_object_or_404(Registration.objects.select_related("member"),
                                     meeting=meeting, pk=pk)
    try:
        check_certificate(registration)
    except CertificateRefused as refused:
        messages.error(request, str(refused))
        return redirect("staff:certificates", slug=meeting.slug)
    return document_response(request, certificates_document(
        meeting=meeting, ids=[registration.pk], filename=certificate_filename(registration)))


def _require_passport_access(request):
    """Visa letters carry passport details, which only holders of the permission see."""
    if not can_see_passport_details(request.user):
        raise PermissionDenied


def _visa_people(meeting):
    """Everyone of the meeting who asked for a letter, on the waiting list included (the
    page says why theirs cannot be printed yet)."""
    return (
        Registration.objects.filter(meeting=meeting, status__in=ACTIVE_STATUSES,
                                    needs_visa_letter=True)
        .select_related("member").order_by("member__name", "family_name", "given_name")
    )


@viewer_required
@require_GET
def visa_letters(request, slug):
    _require_passport_access(request)
    meeting = _meeting(slug)
    printable, held_back = with_visa_letter(_visa_people(meeting))
    return _render(request, "secretariat/visa_letters.html",
                  {"meeting": meeting, "printable": printable, "held_back": held_back})


@viewer_required
@require_GET
def visa_letters_all(request, slug):
    """Every letter that may be printed (`delegates.visa`), one a page, in one PDF: made by a
    background job unless there is a single letter."""
    _require_passport_access(request)
    meeting = _meeting(slug)
    printable, _held_back = with_visa_letter(_visa_people(meeting))
    if not printable:
        messages.error(request, _("No visa invitation letter can be printed yet."))
        return redirect("staff:visa_letters", slug=meeting.slug)
    return document_response(request, visa_letters_document(
        meeting=meeting, ids=[person.pk for person in printable],
        filename=f"visa-letters-{meeting.slug}.pdf"))


@viewer_required
@require_GET
def visa_letter(request, slug, pk):
    _require_passport_access(request)
    meeting = _meeting(slug)
    registration = get_object_or_404(
        Registration.objects.select_related("member", "meeting", "meeting__host_member"),
        meeting=meeting, pk=pk, needs_visa_letter=True,
    )
    obstacles = visa_letter_obstacles(registration)
    if obstacles:
        messages.error(request, _("No visa invitation letter for %(name)s: %(why)s.") % {
            "name": registration.full_name, "why": "; ".join(obstacles)})
        return redirect("staff:visa_letters", slug=meeting.slug)
    name = slugify(registration.name_latin or registration.full_name) or registration.pk
    return document_response(request, visa_letters_document(
        meeting=meeting, ids=[registration.pk], filename=f"visa-letter-{name}.pdf"))


# --- check-in -----------------------------------------------------------------------------
# Every answer of the desk is 200 with {"result", "message", "person"} (see
# `_checkin_answer`): the page says what happened, and a refused badge is not an error.


@editor_required
@require_GET
def checkin(request, slug):
    meeting = _meeting(slug)
    room = stats.room_by_member(meeting)
    query = (request.GET.get("q") or "").strip()[:100]
    found, more = checkin_search(meeting, query) if query else ([], False)
    return _render(request, "secretariat/checkin.html", {
        "meeting": meeting, "room": room, "room_total": sum(row["count"] for row in room),
        "query": query, "found": [_person(r, meeting) for r in found], "more": more,
        "min_length": SEARCH_MIN_LENGTH})


def _display_name(registration):
    name = registration.full_name
    if registration.name_latin and registration.name_latin != name:
        name = f"{name} ({registration.name_latin})"
    return name


def _checked_in_at(registration):
    """When the person was checked in, in words for the desk: "09:12", or with the date when
    it was another day."""
    when = timezone.localtime(registration.attended_at)
    if when.date() == timezone.localdate():
        return date_format(when, "H:i")
    return _("%(date)s at %(time)s") % {"date": date_format(when, "DATE_FORMAT"),
                                        "time": date_format(when, "H:i")}


def _person(registration, meeting):
    return {
        "id": registration.pk,
        "name": _display_name(registration),
        "lang": name_language(registration.full_name, registration.member.code),
        "member": registration.member.name,
        "role": registration.get_role_display(),
        "status": registration.get_status_display(),
        "can_check_in": registration.status in SEAT_HOLDING_STATUSES,
        "checked_in_at": (_checked_in_at(registration) if registration.attended_at else None),
        "photo": (reverse("staff:photo", args=[meeting.slug, registration.pk])
                  if current_photo(registration) else None),
    }


def _checkin_answer(request, meeting, result, message, registration=None):
    """JSON for the page's script; without script, back to the desk with the message."""
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse({"result": result, "message": message,
                             "person": _person(registration, meeting) if registration else None})
    ok = result in ("checked_in", "undone")
    (messages.success if ok else messages.warning if result == "already"
     else messages.error)(request, message)
    return redirect("staff:checkin", slug=meeting.slug)


def _registration_asked_for(request, meeting):
    """The registration a posted form names, by badge code (typed or scanned) or by id
    (a search result), and what to say when there is none of this meeting."""
    registration_id = (request.POST.get("registration") or "").strip()
    if registration_id:
        registration = (Registration.objects.select_related("member", "photo")
                        .filter(meeting=meeting, pk=registration_id).first()
                        if registration_id.isascii() and registration_id.isdigit()
                        and len(registration_id) < 12 else None)
        return registration, "not_found", _("This person is not registered for this meeting.")
    code = request.POST.get("code") or ""
    if not code.strip():
        return None, "not_found", _("Type or scan a badge code, or search by name.")
    registration = registration_by_badge_code(code)
    if registration is None:
        shown = code.strip()[:40]
        if not shown.isprintable():
            return None, "not_found", _("No badge has this code. Check the code, or search "
                                        "by name.")
        return None, "not_found", _(
            "No badge has the code “%(code)s”. Check the code, or search by name.") % {
            "code": shown}
    if registration.meeting_id != meeting.pk:
        return None, "not_registered_here", _(
            "This badge is for another meeting (%(meeting)s): %(name)s is not registered "
            "for this one.") % {"meeting": registration.meeting.title,
                                "name": _display_name(registration)}
    return registration, "", ""


@editor_required
@require_POST
def checkin_scan(request, slug):
    """Check in the person with the given badge code (or the registration id of a search
    result)."""
    meeting = _meeting(slug)
    registration, result, message = _registration_asked_for(request, meeting)
    if registration is None:
        return _checkin_answer(request, meeting, result, message)
    name = _display_name(registration)
    try:
        newly = registration_mark_attended(registration=registration, actor=request.user)
    except RegistrationError as exc:
        return _checkin_answer(request, meeting, "not_registered_here", _(
            "%(name)s cannot be checked in: %(reason)s") % {
            "name": name, "reason": " ".join(exc.messages)}, registration)
    if newly:
        return _checkin_answer(request, meeting, "checked_in",
                               _("%(name)s checked in.") % {"name": name}, registration)
    return _checkin_answer(request, meeting, "already", _(
        "%(name)s was already checked in at %(time)s.") % {
        "name": name, "time": _checked_in_at(registration)}, registration)


@editor_required
@require_POST
def checkin_undo(request, slug):
    """Undo the check-in of a person (by badge code or registration id)."""
    meeting = _meeting(slug)
    registration, result, message = _registration_asked_for(request, meeting)
    if registration is None:
        return _checkin_answer(request, meeting, result, message)
    name = _display_name(registration)
    if registration_undo_attendance(registration=registration, actor=request.user):
        message = _("Check-in of %(name)s undone.") % {"name": name}
    else:
        message = _("%(name)s was not checked in: nothing to undo.") % {"name": name}
    return _checkin_answer(request, meeting, "undone", message, registration)


@editor_required
@require_GET
def checkin_search_json(request, slug):
    """People of the meeting matching a name, for the desk to check in with one click."""
    meeting = _meeting(slug)
    query = (request.GET.get("q") or "").strip()[:100]
    found, more = checkin_search(meeting, query)
    return JsonResponse({"query": query, "people": [_person(r, meeting) for r in found],
                         "more": more})


@viewer_required
@require_GET
def room(request, slug):
    """Who is in the room, by member, for the check-in page to poll."""
    meeting = _meeting(slug)
    rows = stats.room_by_member(meeting)
    return JsonResponse({
        "total": sum(row["count"] for row in rows),
        "members": rows,
    })


# --- bulk import --------------------------------------------------------------------------


@editor_required
@require_http_methods(["GET", "POST"])
def import_upload(request, slug):
    meeting = _meeting(slug)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            table = imports.read_table(form.cleaned_data["file"])
        except imports.UnreadableFile as exc:
            form.add_error("file", str(exc))
        else:
            imports.stage_rows(meeting=meeting, member=form.cleaned_data["member"],
                               rows=table.rows, ignored_columns=table.ignored_columns,
                               actor=request.user)
            return redirect("staff:import_preview", slug=meeting.slug)
    return _render(request, "secretariat/import_upload.html",
                  {"meeting": meeting, "form": form, "columns": list(imports.COLUMNS)})


@editor_required
@require_http_methods(["GET", "POST"])
def import_preview(request, slug):
    meeting = _meeting(slug)
    batch = imports.staged_batch(meeting=meeting, actor=request.user)
    if batch is None:
        return redirect("staff:import_upload", slug=meeting.slug)
    member = batch.member
    rows = imports.preview(batch.rows, meeting=meeting, member=member)
    valid = [row for row in rows if row.valid]
    if request.method == "POST" and valid:
        if len(valid) > imports.INLINE_ROWS:
            # The job reads the staged rows by id and removes them once imported.
            return redirect(start_job(
                kind=JobKind.IMPORT, meeting=meeting, total=len(valid), actor=request.user,
                params={"member": member.pk, "batch": batch.pk},
                next_url=_registrations_url(meeting, member)))
        batch.delete()
        try:
            result = imports.import_rows(meeting=meeting, member=member, rows=rows,
                                         actor=request.user)
        except imports.RowRejected as exc:
            messages.error(request, exc.explanation)
            return redirect("staff:import_upload", slug=meeting.slug)
        messages.success(request, result.summary)
        return redirect(_registrations_url(meeting, member))
    return _render(request, "secretariat/import_preview.html", {
        "meeting": meeting, "member": member, "rows": rows, "valid_count": len(valid),
        "invalid_count": len(rows) - len(valid), "ignored_columns": batch.ignored_columns,
        "known_columns": [heading.capitalize() for heading in imports.COLUMNS],
    })


def _registrations_url(meeting, member):
    return (reverse("admin:delegates_registration_changelist")
            + f"?meeting__id__exact={meeting.pk}&member__id__exact={member.pk}")


@login_required
def implementation_report(request, slug):
    """Every point of an action plan with its history and accepted reports, for the meeting
    that reviews it: made by a background job, whose page shows the progress and then the
    download."""
    if not roles.can_review_progress_reports(request.user):
        raise PermissionDenied
    plan = get_object_or_404(ActionPlan.objects.select_related("meeting"), slug=slug)
    return document_response(request, implementation_report_document(
        plan=plan, points=plan.points.count()))


# --- focal points: who has been invited, who has not signed in yet, invite -------------------


@viewer_required
@require_http_methods(["GET", "POST"])
def focal_points(request):
    """The focal points of every member, those who never signed in first; editors invite a
    new one here (the same service as the admin and the command line)."""
    form = FocalPointInviteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not request.user.has_perm("delegates.add_focalpoint"):
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                focal_point_invite(user_email=data["email"], member=data["member"],
                                   actor=request.user, first_name=data["first_name"],
                                   last_name=data["last_name"])
            except RegistrationError as exc:
                form.add_error("email", exc)
            else:
                messages.success(request, _("The invitation was mailed to %(email)s.")
                                 % {"email": data["email"]})
                return redirect("staff:focal_points")
    people = FocalPoint.objects.select_related("user", "member", "invited_by").order_by(
        "user__last_login", "member__name")
    return _render(request, "secretariat/focal_points.html", {
        "form": form, "focal_points": people,
        "waiting": [fp for fp in people if fp.user.last_login is None],
        "can_invite": request.user.has_perm("delegates.add_focalpoint"),
    })


@inviter_required
@require_POST
def focal_point_resend(request, pk):
    focal_point = get_object_or_404(FocalPoint.objects.select_related("user", "member"), pk=pk)
    try:
        focal_point_invite(user_email=focal_point.user.email, member=focal_point.member,
                           actor=request.user)
    except RegistrationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The invitation was mailed again to %(email)s.")
                         % {"email": focal_point.user.email})
    return redirect("staff:focal_points")
