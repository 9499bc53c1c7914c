"""Reads of the public pages that combine meetings with attendance and action plans: the
counts of delegates, the published list of participants, the plans adopted at a meeting and
members' participation. Reads of meetings alone are in `meetings.selectors`."""

from dataclasses import dataclass, replace

from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, Prefetch, Q, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404

from action_plans.models import ActionPlan, ActionPoint
from delegates.enums import RegistrationStatus, Role
from meetings.enums import MemberKind
from meetings.models import Member
from meetings.selectors import (  # noqa: F401 - the public pages read these too
    agenda_by_day,
    agenda_items_for,
    meeting_with_details,
    meetings_around,
    past_meetings,
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
    # Of the delegates, those the published list names, and their delegations.
    named: int = 0
    named_delegations: int = 0


def meeting_attendance(meeting):
    """Delegates and ASEM partners counted from confirmed registrations (attended ones
    included); observer organisations' delegates count as delegates, not as members. Also
    how many of them, and of how many delegations, agreed to be named."""
    named = Q(publish_name=True)
    counts = meeting.registrations.filter(status=RegistrationStatus.CONFIRMED).aggregate(
        delegates=Count("id"),
        members=Count("member", distinct=True, filter=Q(member__kind=MemberKind.PARTNER)),
        named=Count("id", filter=named),
        named_delegations=Count("member", distinct=True, filter=named),
    )
    return Attendance(**counts)


@dataclass(frozen=True)
class Delegation:
    member: Member
    participants: list
    # Begun on the page before (`from_page_before`) or in the column before, on a wide
    # screen (`from_column_before`: a phone shows the one column, names running on).
    from_page_before: bool = False
    from_column_before: bool = False


# The list of participants' own page names this many people at a time.
PARTICIPANTS_PER_PAGE = 500


def _published_registrations(meeting):
    """Confirmed registrations whose holders agreed to appear, in the order of the list: by
    delegation (the host's first when the meeting says so, then by name), head of
    delegation first."""
    host_first = meeting.host_member_id if meeting.list_host_first else None
    return (
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


def _by_delegation(registrations):
    delegations = []
    for registration in registrations:
        if not delegations or delegations[-1].member.pk != registration.member_id:
            delegations.append(Delegation(member=registration.member, participants=[]))
        delegations[-1].participants.append(registration)
    return delegations


@dataclass(frozen=True)
class ParticipantsPage:
    page: object  # a django.core.paginator.Page of registrations
    # The page's names by delegation in two columns of about as many names each: a
    # delegation cut between them is headed again at the top of the second.
    columns: list
    # The page numbers to offer, with Paginator.ELLIPSIS where some are left out.
    numbers: list


def _in_two_columns(delegations):
    """`delegations` cut into two lists of about as many names each."""
    half = (sum(len(delegation.participants) for delegation in delegations) + 1) // 2
    first, second, count = [], [], 0
    for delegation in delegations:
        if count >= half:
            second.append(delegation)
        elif count + len(delegation.participants) <= half:
            first.append(delegation)
        else:
            cut = half - count
            first.append(replace(delegation, participants=delegation.participants[:cut]))
            second.append(replace(delegation, participants=delegation.participants[cut:],
                                  from_page_before=False, from_column_before=True))
        count += len(delegation.participants)
    return [first, second]


def published_participants_page(meeting, number):
    """One page of the list of participants as published (`_published_registrations`),
    PARTICIPANTS_PER_PAGE names by delegation: the meeting page links to it. Raises
    Http404 when the meeting does not publish its list; a page number past the end gives
    the last page, one below 1 or that is not a number the first."""
    if not meeting.publish_participants:
        raise Http404("This meeting does not publish its list of participants.")
    registrations = _published_registrations(meeting)
    paginator = Paginator(registrations, PARTICIPANTS_PER_PAGE)
    try:
        if int(number) < 1:
            number = 1  # get_page would give the last page
    except (TypeError, ValueError):
        pass  # not a number: get_page gives the first
    page = paginator.get_page(number)
    delegations = _by_delegation(page.object_list)
    if page.has_previous() and delegations:
        before = registrations.values_list("member_id", flat=True)[page.start_index() - 2]
        if before == delegations[0].member.pk:
            delegations[0] = replace(delegations[0], from_page_before=True)
    numbers = list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
    return ParticipantsPage(page=page, columns=_in_two_columns(delegations), numbers=numbers)


def action_plans_adopted_at(meeting):
    return (
        ActionPlan.objects.filter(meeting=meeting)
        .prefetch_related(
            Prefetch(
                "points",
                queryset=ActionPoint.objects.select_related("area"),
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
