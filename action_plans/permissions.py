"""Who may file, see and review progress reports on action points, and carry points over.

A focal point (`delegates.models.FocalPoint`) acts for one member: it may report on the points
that member leads or takes part in, and sees its own member's reports in every state. The
secretariat is anyone with the change permission on progress reports (the "Secretariat
editor" group); it reviews submitted reports and may file on any open point.
"""

from .enums import ActionPointStatus, ProgressReportState

REVIEW_PERMISSION = "action_plans.change_progressreport"
CARRY_OVER_PERMISSION = "action_plans.change_actionpoint"
CLOSED_STATUSES = (ActionPointStatus.CARRIED_OVER, ActionPointStatus.DROPPED)


def focal_member(user):
    """The member a signed-in user is a focal point of, or None."""
    if not user.is_authenticated:
        return None
    focal_point = getattr(user, "focal_point", None)
    return focal_point.member if focal_point else None


def is_secretariat(user):
    return user.is_authenticated and user.is_active and user.has_perm(REVIEW_PERMISSION)


def member_takes_part(member, action_point):
    """Whether the member leads or takes part in the point (reads the prefetched lists)."""
    if member is None:
        return False
    members = list(action_point.lead_members.all()) + list(
        action_point.participating_members.all()
    )
    return any(m.pk == member.pk for m in members)


def can_file_report(user, action_point):
    if action_point.status in CLOSED_STATUSES:
        return False
    if is_secretariat(user):
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
    if is_secretariat(user):
        return report.state != ProgressReportState.DRAFT or report.author_id == user.pk
    return False


def can_edit_report(user, report):
    if report.state != ProgressReportState.DRAFT:
        return False
    member = focal_member(user)
    if member is not None and report.member_id == member.pk:
        return True
    return is_secretariat(user) and report.author_id == user.pk


def can_review_report(user, report):
    return report.state == ProgressReportState.SUBMITTED and is_secretariat(user)


def can_carry_over(user):
    return user.is_authenticated and user.is_active and user.has_perm(CARRY_OVER_PERMISSION)
