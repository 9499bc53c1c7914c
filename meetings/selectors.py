"""Reads of meetings data that are more than one line of ORM: which meetings are public,
upcoming or past, their agendas by day, and the meetings of a series or a topic."""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db.models import Count, F, Min, Prefetch, Q, Subquery
from django.http import Http404
from django.utils import timezone

from asem_customs.page_versions import kept_under

from .enums import AgendaItemKind, MeetingStatus
from .models import AgendaItem, Meeting, Member, Speaker, Topic


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


def member_choices():
    """Every member, in the order the forms offer them (by kind, then name). Kept in the cache
    until a member is saved (the ``site`` version): the registration form shows and checks
    them on every visit."""
    return kept_under([], "member-choices",
                      lambda: list(Member.objects.order_by("kind", "name")))


def meeting_with_details(slug):
    """The public meeting with this slug, with its series and host (404 when there is
    none). Kept in the cache until a meeting is saved (the ``meetings`` version), as the
    registration form reads it on every submission; a missing slug is never kept."""
    meeting = kept_under(["meetings"], f"meeting:{slug}",
                         lambda: public_meetings().filter(slug=slug).first())
    if meeting is None:
        raise Http404("No such meeting.")
    return meeting


def meetings_around(meeting):
    """(the previous, the next) public meeting of the same series, or None, in one query:
    the two numbers nearest to this one's, asked as subqueries."""
    same_series = public_meetings().filter(series_id=meeting.series_id)
    nearest_before = same_series.filter(number__lt=meeting.number).order_by("-number")
    nearest_after = same_series.filter(number__gt=meeting.number).order_by("number")
    around = same_series.filter(
        Q(number=Subquery(nearest_before.values("number")[:1]))
        | Q(number=Subquery(nearest_after.values("number")[:1])))
    before = after = None
    for other in around:
        if other.number < meeting.number:
            before = other
        else:
            after = other
    return before, after


def topics_deliberated(agenda_items):
    """Topics of the deliberation items, in agenda order, each once."""
    seen = {}
    for item in agenda_items:
        if item.kind == AgendaItemKind.DELIBERATION:
            for topic in item.topics.all():
                seen.setdefault(topic.pk, topic)
    return list(seen.values())


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
