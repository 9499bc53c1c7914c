"""The follow-up of action plans between meetings: focal points report progress on their
member's points, the secretariat reviews the reports, prints the implementation report and
carries open points into the next plan. (The public plan page is in `public.views`.)"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from asem_customs import roles

from . import permissions, selectors, services
from .forms import CarryOverForm, ProgressReportForm, ReviewForm, SecretariatProgressReportForm
from .models import ActionPlan, ActionPoint, ProgressReportAttachment


@login_required
def my_action_points(request):
    member = roles.focal_member(request.user)
    if member is None and not roles.can_review_progress_reports(request.user):
        raise PermissionDenied
    points = list(selectors.points_for_member(member)) if member else []
    open_points = [] if member else list(selectors.open_points_by_plan())
    return render(
        request,
        "meetings/plans/my_action_points.html",
        {"member": member, "points": points, "open_points": open_points},
    )


def _report_form_class(user):
    if roles.can_review_progress_reports(user):
        return SecretariatProgressReportForm
    return ProgressReportForm


def _form_kwargs(user, action_point, **kwargs):
    if roles.can_review_progress_reports(user):
        kwargs["action_point"] = action_point
    return kwargs


def _attachments(form):
    return [(file, file.name[:200]) for file in form.cleaned_data["attachments"]]


@login_required
def progress_report_create(request, pk):
    point = get_object_or_404(
        ActionPoint.objects.select_related("plan", "area").prefetch_related(
            "lead_members", "participating_members"
        ),
        pk=pk,
    )
    if not permissions.can_file_report(request.user, point):
        raise PermissionDenied
    form_class = _report_form_class(request.user)
    form = form_class(
        request.POST or None, request.FILES or None, **_form_kwargs(request.user, point)
    )
    if request.method == "POST" and form.is_valid():
        try:
            report = services.progress_report_file(
                action_point=point, data=form.cleaned_data, actor=request.user,
                member=form.cleaned_data.get("member"), attachments=_attachments(form),
            )
        except services.ActionPlanError as error:
            messages.error(request, error.message)
        else:
            if "submit" in request.POST:
                return _submit(request, report)
            messages.success(request, _("Draft saved. Submit it when it is ready."))
            return redirect("plans:progress_report_detail", pk=report.pk)
    return render(
        request, "meetings/plans/report_form.html", {"form": form, "point": point, "report": None}
    )


@login_required
def progress_report_edit(request, pk):
    report = selectors.report_for(request.user, pk)
    if not permissions.can_edit_report(request.user, report):
        raise PermissionDenied
    point = report.action_point
    form_class = _report_form_class(request.user)
    attachments = list(report.attachments.all())
    form = form_class(
        request.POST or None, request.FILES or None, instance=report,
        existing_attachments=len(attachments), **_form_kwargs(request.user, point),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.progress_report_update(
                report=report, data=form.cleaned_data, actor=request.user,
                attachments=_attachments(form),
            )
        except services.ActionPlanError as error:
            messages.error(request, error.message)
        else:
            if "submit" in request.POST:
                return _submit(request, report)
            messages.success(request, _("Draft saved."))
            return redirect("plans:progress_report_detail", pk=report.pk)
    return render(
        request, "meetings/plans/report_form.html",
        {"form": form, "point": point, "report": report, "attachments": attachments},
    )


def _submit(request, report):
    try:
        services.progress_report_submit(report=report, actor=request.user)
    except services.ActionPlanError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Report submitted to the secretariat for review."))
    return redirect("plans:progress_report_detail", pk=report.pk)


@login_required
@require_POST
def progress_report_submit(request, pk):
    return _submit(request, selectors.report_for(request.user, pk))


@login_required
def progress_report_detail(request, pk):
    report = selectors.report_for(request.user, pk)
    return render(
        request, "meetings/plans/report_detail.html",
        {
            "report": report,
            "can_edit": permissions.can_edit_report(request.user, report),
            "can_review": permissions.can_review_report(request.user, report),
            "review_form": ReviewForm(),
            "history": selectors.report_history(report),
        },
    )


@login_required
def progress_report_attachment(request, pk, attachment_pk):
    report = selectors.report_for(request.user, pk)
    attachment = get_object_or_404(ProgressReportAttachment, pk=attachment_pk, report=report)
    return FileResponse(attachment.file.open("rb"), as_attachment=True,
                        filename=attachment.title or attachment.file.name.rsplit("/", 1)[-1])


@login_required
@require_POST
def progress_report_attachment_remove(request, pk, attachment_pk):
    report = selectors.report_for(request.user, pk)
    attachment = get_object_or_404(ProgressReportAttachment, pk=attachment_pk, report=report)
    try:
        services.progress_report_attachment_remove(attachment=attachment, actor=request.user)
    except services.ActionPlanError as error:
        messages.error(request, error.message)
    return redirect("plans:progress_report_edit", pk=report.pk)


@login_required
@require_POST
def progress_report_review(request, pk):
    report = selectors.report_for(request.user, pk)
    if not permissions.can_review_report(request.user, report):
        raise PermissionDenied
    form = ReviewForm(request.POST)
    form.is_valid()
    note = form.cleaned_data.get("note", "")
    try:
        if request.POST.get("decision") == "accept":
            services.progress_report_accept(report=report, actor=request.user, note=note)
            messages.success(request, _("Report accepted: the point's status is updated."))
        else:
            services.progress_report_reject(report=report, actor=request.user, reason=note)
            messages.success(request, _("Report rejected; the reporting member is told why."))
    except services.ActionPlanError as error:
        messages.error(request, error.message)
        return redirect("plans:progress_report_detail", pk=report.pk)
    return redirect("plans:review_queue")


@login_required
def review_queue(request):
    if not roles.can_review_progress_reports(request.user):
        raise PermissionDenied
    submitted, reviewed = selectors.reports_for_review()
    return render(
        request, "meetings/plans/review_queue.html",
        {"submitted": submitted, "reviewed": reviewed,
         "plans": ActionPlan.objects.select_related("meeting").order_by("-period_start")},
    )


@login_required
def point_history(request, pk):
    if not roles.can_review_progress_reports(request.user):
        raise PermissionDenied
    points = selectors.point_history(pk)
    for point in points:
        point.visible_reports = [
            report for report in point.progress_reports.all()
            if permissions.can_view_report(request.user, report)
        ]
    return render(request, "meetings/plans/point_history.html",
                  {"point": points[-1], "points": points})


@login_required
def carry_over(request, slug):
    if not roles.can_carry_over_points(request.user):
        raise PermissionDenied
    plan = get_object_or_404(ActionPlan, slug=slug)
    form = CarryOverForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            carried = services.action_points_carry_over(
                points=form.cleaned_data["points"], into_plan=form.cleaned_data["into_plan"],
                actor=request.user,
            )
        except services.ActionPlanError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, ngettext(
                "%(count)s point carried over.", "%(count)s points carried over.", len(carried),
            ) % {"count": len(carried)})
            return redirect(form.cleaned_data["into_plan"].get_absolute_url())
    return render(request, "meetings/plans/carry_over.html", {"plan": plan, "form": form})
