"""Pages for the secretariat: dashboard, lists of participants, badges, visa letters,
check-in and bulk import. A "Secretariat viewer" reads (view permission on registrations);
a "Secretariat editor" also changes (change permission). Anyone else gets 403."""

import re

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import (
    Http404,
    HttpResponse,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from asem_customs.roles import can_see_passport_details
from meetings.models import Meeting, Member
from secretariat.enums import JobKind
from secretariat.services import start_job

from . import dashboard as stats
from . import imports
from .enums import ACTIVE_STATUSES, SEAT_HOLDING_STATUSES, RegistrationStatus
from .exports import participants_csv_chunks, participants_for_list, participants_xlsx
from .models import FocalPoint, Registration
from .pdf import INLINE_BADGES, badges_pdf, participants_pdf, visa_letter_pdf, visa_letters_pdf
from .services import RegistrationError, focal_point_invite, registration_mark_attended

viewer_required = permission_required("delegates.view_registration", raise_exception=True)
inviter_required = permission_required("delegates.add_focalpoint", raise_exception=True)
editor_required = permission_required("delegates.change_registration", raise_exception=True)


def _render(request, template, context):
    passports = can_see_passport_details(request.user)
    return render(request, template, {**context, "can_see_passport_details": passports})


def _meeting(slug):
    return get_object_or_404(Meeting.objects.select_related("series", "host_member"), slug=slug)


def _pdf_response(data, filename, *, inline=True):
    response = HttpResponse(data, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


@viewer_required
@require_GET
def index(request):
    meetings = Meeting.objects.select_related("series", "host_member").order_by(
        "-year", "-number")
    return _render(request, "delegates/staff/index.html", {"meetings": meetings})


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
        "seats": stats.seats(meeting),
        "status_counts": status_counts,
        "region_counts": region_counts,
        "delegations": delegations,
        "heads_named": sum(1 for member in delegations if member.heads),
        # Observer organisations send observers; only partners are expected to name a head.
        "heads_missing": [member for member in delegations
                          if not member.heads and member.is_partner],
        "missing_members": stats.members_without_registration(meeting),
        "needs": stats.special_needs(meeting),
        "chart_data": stats.chart_data(meeting, status_counts=status_counts,
                                       region_counts=region_counts, over_time=over_time),
    }
    return _render(request, "delegates/staff/dashboard.html", context)


@viewer_required
@require_GET
def participants_export(request, slug, fmt):
    meeting = _meeting(slug)
    queryset = participants_for_list(meeting, consented_only=request.GET.get("published") == "1")
    base = f"participants-{meeting.slug}"
    if fmt == "csv":
        response = StreamingHttpResponse(participants_csv_chunks(queryset),
                                         content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{base}.csv"'
        return response
    if fmt == "xlsx":
        response = HttpResponse(
            participants_xlsx(queryset, title=_("Participants")),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{base}.xlsx"'
        return response
    if fmt == "pdf":
        return _pdf_response(participants_pdf(list(queryset), meeting=meeting), f"{base}.pdf")
    raise Http404


class BadgeForm(forms.Form):
    member = forms.ModelChoiceField(
        queryset=Member.objects.all(), required=False, label=gettext_lazy("Member"),
        empty_label=gettext_lazy("All members"),
    )
    include_pending = forms.BooleanField(
        required=False, label=gettext_lazy("Include pending registrations"))
    layout = forms.ChoiceField(
        choices=[("sheet", gettext_lazy("A4 sheets, eight badges a page")),
                 ("single", gettext_lazy("One badge a page"))],
        initial="sheet", label=gettext_lazy("Layout"))


@viewer_required
@require_http_methods(["GET", "POST"])
def badges(request, slug):
    meeting = _meeting(slug)
    form = BadgeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        statuses = (SEAT_HOLDING_STATUSES if form.cleaned_data["include_pending"]
                    else (RegistrationStatus.CONFIRMED,))
        registrations = participants_for_list(meeting, statuses=statuses)
        if form.cleaned_data["member"]:
            registrations = registrations.filter(member=form.cleaned_data["member"])
        registrations = list(registrations)
        layout = form.cleaned_data["layout"]
        filename = f"badges-{meeting.slug}.pdf"
        if len(registrations) <= INLINE_BADGES:
            return _pdf_response(badges_pdf(registrations, meeting=meeting, layout=layout),
                                 filename)
        job = start_job(kind=JobKind.BADGES, meeting=meeting, total=len(registrations),
                        params={"registrations": [r.pk for r in registrations],
                                "layout": layout},
                        filename=filename, actor=request.user)
        return redirect(job)
    return _render(request, "delegates/staff/badges.html", {"meeting": meeting, "form": form})


@viewer_required
@require_GET
def badge(request, slug, pk):
    meeting = _meeting(slug)
    registration = get_object_or_404(
        Registration.objects.select_related("member"), meeting=meeting, pk=pk,
        status__in=ACTIVE_STATUSES,
    )
    return _pdf_response(badges_pdf([registration], meeting=meeting, layout="single"),
                         f"badge-{slugify(registration.name_latin or registration.full_name)}.pdf")


def _require_passport_access(request):
    """Visa letters carry passport details, which only holders of the permission see."""
    if not can_see_passport_details(request.user):
        raise PermissionDenied


def _visa_people(meeting):
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
    people = _visa_people(meeting)
    return _render(request, "delegates/staff/visa_letters.html",
                  {"meeting": meeting, "people": people})


@viewer_required
@require_GET
def visa_letters_all(request, slug):
    """Every letter of the meeting in one PDF, one letter a page, to print in one go."""
    _require_passport_access(request)
    meeting = _meeting(slug)
    return _pdf_response(visa_letters_pdf(list(_visa_people(meeting)), meeting=meeting),
                         f"visa-letters-{meeting.slug}.pdf")


@viewer_required
@require_GET
def visa_letter(request, slug, pk):
    _require_passport_access(request)
    meeting = _meeting(slug)
    registration = get_object_or_404(
        Registration.objects.select_related("member", "meeting", "meeting__host_member"),
        meeting=meeting, pk=pk, needs_visa_letter=True, status__in=ACTIVE_STATUSES,
    )
    name = slugify(registration.name_latin or registration.full_name) or registration.pk
    return _pdf_response(visa_letter_pdf(registration), f"visa-letter-{name}.pdf")


# --- check-in -----------------------------------------------------------------------------


@editor_required
@require_GET
def checkin(request, slug):
    meeting = _meeting(slug)
    room = stats.room_by_member(meeting)
    return _render(request, "delegates/staff/checkin.html", {
        "meeting": meeting, "room": room, "room_total": sum(row["count"] for row in room)})


# Badge codes are URL-safe tokens (see delegates.models.new_badge_code); anything else, a
# NUL character for instance, cannot be one and is not looked up.
BADGE_CODE = re.compile(r"[A-Za-z0-9_-]{1,32}")


@editor_required
@require_POST
def checkin_scan(request, slug):
    """Mark the registration with the given badge code attended. Answers JSON to the
    page's script, or redirects back with a message when posted without script."""
    meeting = _meeting(slug)
    code = (request.POST.get("code") or "").strip()
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    registration = (
        Registration.objects.select_related("member").filter(meeting=meeting, badge_code=code)
        .first() if BADGE_CODE.fullmatch(code) else None
    )
    if registration is None:
        result = {"ok": False, "message": _("No badge of this meeting has this code.")}
    else:
        try:
            newly = registration_mark_attended(registration=registration, actor=request.user)
        except RegistrationError as exc:
            result = {"ok": False, "message": " ".join(exc.messages)}
        else:
            name = registration.full_name
            if registration.name_latin and registration.name_latin != name:
                name = f"{name} ({registration.name_latin})"
            result = {
                "ok": True, "already": not newly, "name": name,
                "member": registration.member.name, "role": registration.get_role_display(),
                "message": (_("%(name)s checked in.") if newly
                            else _("%(name)s was already checked in.")) % {"name": name},
            }
    if wants_json:
        return JsonResponse(result, status=200 if result["ok"] else 404
                            if registration is None else 409)
    (messages.success if result["ok"] else messages.error)(request, result["message"])
    return redirect("staff:checkin", slug=meeting.slug)


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


class ImportForm(forms.Form):
    member = forms.ModelChoiceField(queryset=Member.objects.all(), label=gettext_lazy("Member"))
    file = forms.FileField(
        label=gettext_lazy("Delegation spreadsheet (CSV or XLSX)"),
        help_text=gettext_lazy("One person a row; the first row holds the column names."),
    )
    consent = forms.BooleanField(
        label=gettext_lazy("The member administration confirms that every person listed "
                           "has accepted the privacy notice."),
    )


@editor_required
@require_http_methods(["GET", "POST"])
def import_upload(request, slug):
    meeting = _meeting(slug)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            rows = imports.read_rows(form.cleaned_data["file"])
        except imports.UnreadableFile as exc:
            form.add_error("file", str(exc))
        else:
            imports.stage_rows(meeting=meeting, member=form.cleaned_data["member"], rows=rows,
                               actor=request.user)
            return redirect("staff:import_preview", slug=meeting.slug)
    return _render(request, "delegates/staff/import_upload.html",
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
    return _render(request, "delegates/staff/import_preview.html", {
        "meeting": meeting, "member": member, "rows": rows, "valid_count": len(valid),
        "invalid_count": len(rows) - len(valid),
    })


def _registrations_url(meeting, member):
    return (reverse("admin:delegates_registration_changelist")
            + f"?meeting__id__exact={meeting.pk}&member__id__exact={member.pk}")


# --- focal points: who has been invited, who has not signed in yet, invite -------------------


class FocalPointInviteForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Email address"), max_length=254)
    first_name = forms.CharField(label=gettext_lazy("First name"), max_length=150,
                                 required=False)
    last_name = forms.CharField(label=gettext_lazy("Last name"), max_length=150, required=False)
    member = forms.ModelChoiceField(label=gettext_lazy("Member"), queryset=Member.objects.all())


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
    return _render(request, "delegates/staff/focal_points.html", {
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
