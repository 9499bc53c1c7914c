"""Who may file, see and review progress reports on action points, and carry points over.

A focal point (`delegates.models.FocalPoint`) acts for one member: it may report on the points
that member leads or takes part in, and sees its own member's reports in every state. The
secretariat is anyone who may review progress reports (`asem_customs.roles`); it reviews
submitted reports and may file on any open point.
"""

from asem_customs.roles import can_review_progress_reports, focal_member

from .enums import CLOSED_POINT_STATUSES, ProgressReportState


def member_takes_part(member, action_point):
    """Whether the member leads or takes part in the point (reads the prefetched lists)."""
    if member is None:
        return False
    members = list(action_point.lead_members.all()) + list(
        action_point.participating_members.all()
    )
    return any(m.pk == member.pk for m in members)


def can_file_report(user, action_point):
    if action_point.status in CLOSED_POINT_STATUSES:
        return False
    if can_review_progress_reports(user):
        return True
    return member_takes_part(focal_member(user), action_point)


def can_view_report(user, report):
    """Accepted reports are public. Otherwise: the reporting member's focal points see every
    state; the secretariat sees everything past the draft, and drafts it wrote itself."""
    if report.state == ProgressReportState.ACCEPTED:
        return True
    member = focal_member(user)
    if member is not None and report.member_id == member.pk:
        return True
    if can_review_progress_reports(user):
        return report.state != ProgressReportState.DRAFT or report.author_id == user.pk
    return False


def can_edit_report(user, report):
    if report.state != ProgressReportState.DRAFT:
        return False
    member = focal_member(user)
    if member is not None and report.member_id == member.pk:
        return True
    return can_review_progress_reports(user) and report.author_id == user.pk


def can_review_report(user, report):
    return report.state == ProgressReportState.SUBMITTED and can_review_progress_reports(user)
