"""Reads of meetings, agendas and plans that are more than one line of ORM."""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db.models import Case, Count, F, IntegerField, Min, Prefetch, Q, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from delegates.enums import RegistrationStatus, Role

from .enums import AgendaItemKind, MeetingStatus, MemberKind
from .models import ActionPlan, ActionPoint, AgendaItem, Meeting, Member, Speaker, Topic


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


def public_meetings():
    return Meeting.objects.select_related("series", "host_member")


def real_meetings():
    """Public meetings but those of demonstration series: what feeds, sitemaps and every
    count of participation are made of (invented delegates never count)."""
    return public_meetings().filter(series__is_demo=False)


def _not_over(today):
    """Meetings that have not ended by `today`; one that knows only its year is over once
    the year is, unless it is still only announced (see `_announced_without_dates`)."""
    return (
        Q(end_date__gte=today)
        | Q(end_date__isnull=True, start_date__gte=today)
        | Q(start_date__isnull=True, year__gte=today.year)
        | _announced_without_dates()
    )


def _announced_without_dates():
    """Announced and nothing more: no dates yet. Such a meeting is still to come, even when
    the year it was announced for has passed (the 13th Meeting, announced for 2019): nothing
    says it was held, so it is never listed among past meetings."""
    return Q(status=MeetingStatus.ANNOUNCED, start_date__isnull=True)


def upcoming_meetings(today=None):
    """Meetings still to come: those with dates first, by date (the next one leads the home
    page), then those only announced, by year."""
    today = today or timezone.localdate()
    return (
        public_meetings()
        .exclude(status=MeetingStatus.HELD)
        .filter(_not_over(today))
        .order_by(F("start_date").asc(nulls_last=True), "year", "number")
    )


def past_meetings(today=None):
    today = today or timezone.localdate()
    return (
        public_meetings()
        .filter(Q(status=MeetingStatus.HELD) | ~_not_over(today))
        .order_by("-year", "-start_date", "-number")
    )


def published_summaries():
    """Meetings with a public summary, the latest first (the Atom feed); no demonstration
    meeting."""
    return real_meetings().exclude(summary="").order_by("-year", "-number", "-pk")


def next_registration_change(now):
    """The next moment a registration window opens or closes, or None."""
    found = Meeting.objects.filter(status=MeetingStatus.REGISTRATION_OPEN).aggregate(
        opens=Min("registration_opens_at", filter=Q(registration_opens_at__gt=now)),
        closes=Min("registration_closes_at", filter=Q(registration_closes_at__gt=now)),
    )
    moments = [moment for moment in found.values() if moment is not None]
    return min(moments) if moments else None


def agenda_items_for(meeting):
    return (
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("reviews_plan", "reviews_plan__meeting")
        .prefetch_related(
            Prefetch("speakers", queryset=Speaker.objects.select_related("member")),
            "topics",
            "reporting_bodies",
        )
        .order_by("position")
    )


@dataclass(frozen=True)
class AgendaDay:
    day: object  # a date in the meeting's time zone, or None for untimed items
    items: list


def agenda_by_day(meeting, agenda_items):
    """The agenda split by the days of the meeting, in the venue's time zone; items without
    a time join the day before them (or stand first)."""
    try:
        zone = ZoneInfo(meeting.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        zone = dt.UTC
    days = []
    for item in agenda_items:
        day = item.starts_at.astimezone(zone).date() if item.starts_at else None
        if not days or (day is not None and days[-1].day != day):
            days.append(AgendaDay(day=day, items=[]))
        days[-1].items.append(item)
    return days


@dataclass(frozen=True)
class Delegation:
    member: Member
    participants: list


# Only what a published list of participants shows is loaded: no contact or travel data.
PUBLISHED_PARTICIPANT_FIELDS = (
    "given_name", "family_name", "family_name_first", "honorific", "position", "role",
    "meeting_id", "member_id", "member__name", "member__code", "member__kind",
)


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


def meeting_with_details(slug):
    return get_object_or_404(public_meetings(), slug=slug)


def next_meeting_in_series(meeting):
    return (
        public_meetings()
        .filter(series=meeting.series, number__gt=meeting.number)
        .order_by("number")
        .first()
    )


def previous_meeting_in_series(meeting):
    return (
        public_meetings()
        .filter(series=meeting.series, number__lt=meeting.number)
        .order_by("-number")
        .first()
    )


def topics_deliberated(agenda_items):
    """Topics of the deliberation items, in agenda order, each once."""
    seen = {}
    for item in agenda_items:
        if item.kind == AgendaItemKind.DELIBERATION:
            for topic in item.topics.all():
                seen.setdefault(topic.pk, topic)
    return list(seen.values())


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


def topic_agenda_items(topic):
    return (
        topic.agenda_items.select_related("meeting", "meeting__host_member")
        .order_by("-meeting__year", "-meeting__number", "position")
    )


def topics_with_counts():
    return Topic.objects.annotate(
        meetings=Count("agenda_items__meeting", distinct=True,
                       filter=Q(agenda_items__meeting__series__is_demo=False))
    ).order_by("name")
