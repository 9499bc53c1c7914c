"""Reads of the public pages that combine meetings with attendance and action plans: the
counts of delegates, the published list of participants, the plans adopted at a meeting and
members' participation. Reads of meetings alone are in `meetings.selectors`."""

from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Prefetch, Q, Value, When
from django.shortcuts import get_object_or_404

from action_plans.models import ActionPlan, ActionPoint
from delegates.enums import RegistrationStatus, Role
from meetings.enums import MemberKind
from meetings.models import Member
from meetings.selectors import (  # noqa: F401 - the public pages read these too
    agenda_by_day,
    agenda_items_for,
    meeting_with_details,
    next_meeting_in_series,
    past_meetings,
    previous_meeting_in_series,
    public_meetings,
    published_summaries,
    real_meetings,
    topic_agenda_items,
    topics_deliberated,
    topics_with_counts,
    upcoming_meetings,
)

PUBLISHED_PARTICIPANT_FIELDS = (
    "given_name", "family_name", "family_name_first", "honorific", "position", "role",
    "meeting_id", "member_id", "member__name", "member__code", "member__kind",
)


@dataclass(frozen=True)
class Attendance:
    delegates: int
    members: int


def meeting_attendance(meeting):
    """Delegates and ASEM partners counted from confirmed registrations (attended ones
    included); observer organisations' delegates count as delegates, not as members."""
    counts = meeting.registrations.filter(status=RegistrationStatus.CONFIRMED).aggregate(
        delegates=Count("id"),
        members=Count("member", distinct=True, filter=Q(member__kind=MemberKind.PARTNER)),
    )
    return Attendance(delegates=counts["delegates"], members=counts["members"])


@dataclass(frozen=True)
class Delegation:
    member: Member
    participants: list


def published_participants(meeting):
    """The list of participants as published: confirmed registrations whose holders agreed
    to appear, by delegation (the host's first when the meeting says so, then by name),
    head of delegation first. Empty unless the meeting publishes its list."""
    if not meeting.publish_participants:
        return []
    host_first = meeting.host_member_id if meeting.list_host_first else None
    registrations = (
        meeting.registrations.filter(status=RegistrationStatus.CONFIRMED, publish_name=True)
        .select_related("member")
        .only(*PUBLISHED_PARTICIPANT_FIELDS)
        .annotate(
            host_rank=Case(When(member_id=host_first, then=Value(0)), default=Value(1),
                           output_field=IntegerField()),
            head_rank=Case(When(role=Role.HEAD_OF_DELEGATION, then=Value(0)), default=Value(1),
                           output_field=IntegerField()),
        )
        .order_by("host_rank", "member__name", "head_rank", "family_name", "given_name", "pk")
    )
    delegations = []
    for registration in registrations:
        if not delegations or delegations[-1].member.pk != registration.member_id:
            delegations.append(Delegation(member=registration.member, participants=[]))
        delegations[-1].participants.append(registration)
    return delegations


def action_plans_adopted_at(meeting):
    return (
        ActionPlan.objects.filter(meeting=meeting)
        .prefetch_related(
            Prefetch(
                "points",
                queryset=ActionPoint.objects.select_related("area").prefetch_related(
                    "lead_members"
                ),
            )
        )
        .order_by("period_start")
    )


def action_plan_with_points(slug):
    return get_object_or_404(
        ActionPlan.objects.select_related("meeting", "meeting__series").prefetch_related(
            Prefetch(
                "points",
                queryset=ActionPoint.objects.select_related("area").prefetch_related(
                    "lead_members", "participating_members"
                ),
            )
        ),
        slug=slug,
    )


def members_with_participation():
    """Every member with the number of meetings its delegation attended (counts only; no
    demonstration meeting)."""
    return Member.objects.annotate(
        meetings_attended=Count(
            "registrations__meeting",
            filter=Q(registrations__status=RegistrationStatus.CONFIRMED,
                     registrations__meeting__series__is_demo=False),
            distinct=True,
        ),
        observer_last=Case(When(kind=MemberKind.OBSERVER, then=Value(1)), default=Value(0),
                           output_field=IntegerField()),
    ).order_by("observer_last", "region", "name")


def member_participation(member):
    """Per meeting, how many of the member's delegates were confirmed: counts, no names; no
    demonstration meeting."""
    return (
        real_meetings()
        .filter(registrations__member=member, registrations__status=RegistrationStatus.CONFIRMED)
        .annotate(delegates=Count("registrations"))
        .order_by("-year", "-number")
    )
