"""Reads of meetings, agendas and plans that are more than one line of ORM."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from delegates.enums import RegistrationStatus

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


def upcoming_meetings(today=None):
    today = today or timezone.localdate()
    return (
        public_meetings()
        .exclude(status=MeetingStatus.HELD)
        .filter(Q(start_date__gte=today) | Q(start_date__isnull=True, year__gte=today.year))
        .order_by("year", "start_date", "number")
    )


def past_meetings(today=None):
    today = today or timezone.localdate()
    return (
        public_meetings()
        .filter(Q(status=MeetingStatus.HELD) | Q(end_date__lt=today))
        .order_by("-year", "-start_date", "-number")
    )


def agenda_items_for(meeting):
    return (
        AgendaItem.objects.filter(meeting=meeting)
        .prefetch_related(
            Prefetch("speakers", queryset=Speaker.objects.select_related("member")),
            "topics",
            "reporting_bodies",
        )
        .order_by("position")
    )


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
    """Every member with the number of meetings its delegation attended (counts only)."""
    return Member.objects.annotate(
        meetings_attended=Count(
            "registrations__meeting",
            filter=Q(registrations__status=RegistrationStatus.CONFIRMED),
            distinct=True,
        )
    ).order_by("kind", "region", "name")


def member_participation(member):
    """Per meeting, how many of the member's delegates were confirmed: counts, no names."""
    return (
        public_meetings()
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
        meetings=Count("agenda_items__meeting", distinct=True)
    ).order_by("name")
