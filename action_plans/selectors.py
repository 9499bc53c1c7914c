"""Reads of the action plan follow-up: plans with their progress, a focal point's action
points, the reports a user may see, and the secretariat's review queue."""

from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from . import permissions
from .enums import OPEN_POINT_STATUSES, ProgressReportState
from .models import (
    ActionPlan,
    ActionPoint,
    ActionPointStatusChange,
    ProgressReport,
    ProgressReportAttachment,
)


def accepted_reports():
    return (
        ProgressReport.objects.filter(state=ProgressReportState.ACCEPTED)
        .select_related("member")
        .order_by("report_date", "id")
    )


def points_with_progress():
    """Points with area, members, predecessor, official status changes and accepted reports
    (in `accepted_reports`, oldest first): a fixed number of queries for any number of
    points."""
    return (
        ActionPoint.objects.select_related(
            "area", "plan", "carried_over_from", "carried_over_from__plan",
            "carried_over_to", "carried_over_to__plan",
        )
        .prefetch_related(
            "lead_members",
            "participating_members",
            Prefetch(
                "status_changes",
                queryset=ActionPointStatusChange.objects.order_by("effective_on", "id"),
            ),
            Prefetch("progress_reports", queryset=accepted_reports(), to_attr="accepted_reports"),
            Prefetch("carried_over_from__progress_reports", queryset=accepted_reports(),
                     to_attr="accepted_reports"),
            Prefetch(
                "carried_over_from__status_changes",
                queryset=ActionPointStatusChange.objects.order_by("effective_on", "id"),
            ),
        )
        .order_by("number")
    )


def plan_with_progress(slug):
    """The public plan page: the plan, its meeting, and every point with its progress."""
    return get_object_or_404(
        ActionPlan.objects.select_related("meeting", "meeting__series").prefetch_related(
            Prefetch("points", queryset=points_with_progress())
        ),
        slug=slug,
    )


def plan_review_points(plan):
    """The points of a plan under review, each with its latest accepted report in
    `latest_report` (None when there is none)."""
    points = list(points_with_progress().filter(plan=plan))
    for point in points:
        point.latest_report = point.accepted_reports[-1] if point.accepted_reports else None
    return points


def points_for_member(member):
    """The points a member leads or takes part in, with the member's own reports in every
    state (`member_reports`, newest first)."""
    return (
        ActionPoint.objects.filter(Q(lead_members=member) | Q(participating_members=member))
        .distinct()
        .select_related("area", "plan", "plan__meeting")
        .prefetch_related(
            "lead_members",
            "participating_members",
            Prefetch(
                "progress_reports",
                queryset=ProgressReport.objects.filter(member=member).order_by(
                    "-report_date", "-id"
                ),
                to_attr="member_reports",
            ),
        )
        .order_by("-plan__period_start", "number")
    )


def open_points_by_plan():
    """Points still open (not started or in progress), for the secretariat's pages."""
    return (
        ActionPoint.objects.filter(
            status__in=OPEN_POINT_STATUSES
        )
        .select_related("area", "plan")
        .prefetch_related("lead_members")
        .order_by("-plan__period_start", "number")
    )


def report_for(user, pk):
    """One report the user may see, with its point and attachments, or 404."""
    report = get_object_or_404(
        ProgressReport.objects.select_related(
            "action_point", "action_point__plan", "action_point__area", "member", "author",
            "reviewed_by",
        ).prefetch_related(
            Prefetch("attachments", queryset=ProgressReportAttachment.objects.order_by("id"))
        ),
        pk=pk,
    )
    if not permissions.can_view_report(user, report):
        raise Http404
    return report


def reports_for_review():
    """Submitted reports, oldest first, and the latest reviewed ones."""
    base = ProgressReport.objects.select_related(
        "action_point", "action_point__plan", "member", "author", "reviewed_by"
    )
    return (
        base.filter(state=ProgressReportState.SUBMITTED).order_by("submitted_at", "id"),
        base.filter(
            state__in=[ProgressReportState.ACCEPTED, ProgressReportState.REJECTED]
        ).order_by("-reviewed_at", "-id")[:20],
    )


def lineage(point):
    """The point's predecessors in earlier plans, oldest first, each with its status changes
    and accepted reports."""
    chain = []
    current = point.carried_over_from
    while current is not None:
        current = points_with_progress().get(pk=current.pk)
        chain.append(current)
        current = current.carried_over_from
    return list(reversed(chain))


def report_history(report):
    """Each change of the report's state, oldest first, with who made it: one entry per
    state the report went through (edits within a state are left out)."""
    entries, last_state = [], None
    for record in report.history.select_related("history_user").order_by(
        "history_date", "history_id"
    ):
        if record.state != last_state:
            entries.append(record)
            last_state = record.state
    return entries


def point_history(point_pk):
    """A point and its predecessors, oldest first, each with every status change (and who
    made it) and every progress report with its author and reviewer."""
    points = []
    current = get_object_or_404(ActionPoint.objects.select_related("plan"), pk=point_pk)
    while current is not None:
        points.append(current)
        current = current.carried_over_from
    return list(
        ActionPoint.objects.filter(pk__in=[p.pk for p in points])
        .select_related("plan", "area")
        .prefetch_related(
            Prefetch(
                "status_changes",
                queryset=ActionPointStatusChange.objects.select_related("actor", "report")
                .order_by("effective_on", "id"),
            ),
            Prefetch(
                "progress_reports",
                queryset=ProgressReport.objects.select_related(
                    "member", "author", "reviewed_by"
                ).order_by("report_date", "id"),
            ),
        )
        .order_by("plan__period_start")
    )
