"""Reads for the secretariat's dashboard of one meeting: seats, counts, gaps and needs."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.db.models.functions import TruncDate

from delegates.enums import ACTIVE_STATUSES, SEAT_HOLDING_STATUSES, RegistrationStatus, Role
from delegates.models import Registration
from meetings.enums import MemberKind
from meetings.models import Member


def counts_by_status(meeting):
    """[(status, label, count)] for every status, zeros included, in the enum's order."""
    found = dict(meeting.registrations.values_list("status").annotate(n=Count("id")))
    return [(value, label, found.get(value, 0)) for value, label in RegistrationStatus.choices]


def counts_by_region(meeting):
    """[(label, seats held)] by ASEM region; observer organisations counted apart."""
    rows = dict(
        meeting.registrations.filter(status__in=SEAT_HOLDING_STATUSES)
        .values_list("member__region").annotate(n=Count("id"))
    )
    from meetings.enums import Region

    result = [(label, rows.get(value, 0)) for value, label in Region.choices]
    result.append((MemberKind.OBSERVER.label, rows.get("", 0)))
    return result


def delegations(meeting):
    """Members with at least one active registration, with their counts and whether a head
    of delegation is named, alphabetically."""
    return (
        Member.objects.filter(
            registrations__meeting=meeting, registrations__status__in=ACTIVE_STATUSES
        )
        .annotate(
            held=Count("registrations", filter=Q(
                registrations__meeting=meeting,
                registrations__status__in=SEAT_HOLDING_STATUSES)),
            confirmed=Count("registrations", filter=Q(
                registrations__meeting=meeting,
                registrations__status=RegistrationStatus.CONFIRMED)),
            waitlisted=Count("registrations", filter=Q(
                registrations__meeting=meeting,
                registrations__status=RegistrationStatus.WAITLISTED)),
            attended=Count("registrations", filter=Q(
                registrations__meeting=meeting, registrations__attended_at__isnull=False)),
            heads=Count("registrations", filter=Q(
                registrations__meeting=meeting,
                registrations__status__in=ACTIVE_STATUSES,
                registrations__role=Role.HEAD_OF_DELEGATION)),
        )
        .order_by("name")
    )


def members_without_registration(meeting):
    """ASEM partners with no active registration for the meeting yet."""
    registered = Registration.objects.filter(
        meeting=meeting, status__in=ACTIVE_STATUSES
    ).values("member_id")
    return Member.objects.filter(kind=MemberKind.PARTNER).exclude(pk__in=registered).order_by(
        "name"
    )


@dataclass(frozen=True)
class Needs:
    diets: list
    accessibility: list
    visa_letters: int


def special_needs(meeting):
    """Dietary needs counted by what people wrote, accessibility needs listed by person,
    and how many asked for a visa invitation letter (active registrations only)."""
    active = meeting.registrations.filter(status__in=ACTIVE_STATUSES)
    diets = list(
        active.exclude(dietary_needs="").values_list("dietary_needs")
        .annotate(n=Count("id")).order_by("-n", "dietary_needs")
    )
    accessibility = list(
        active.exclude(accessibility_needs="").select_related("member")
        .order_by("member__name", "family_name")
    )
    return Needs(diets=diets, accessibility=accessibility,
                 visa_letters=active.filter(needs_visa_letter=True).count())


def registrations_over_time(meeting):
    """[(ISO date, registrations that day, running total)] by day of submission."""
    days = (
        meeting.registrations.annotate(day=TruncDate("created_at")).values_list("day")
        .annotate(n=Count("id")).order_by("day")
    )
    total, series = 0, []
    for day, count in days:
        total += count
        series.append((day.isoformat(), count, total))
    return series


def chart_data(meeting, *, status_counts, region_counts, over_time):
    """The numbers the dashboard's charts draw, ready for `json_script`."""
    return {
        "status": {"labels": [str(label) for _v, label, _n in status_counts],
                   "values": [n for _v, _l, n in status_counts]},
        "region": {"labels": [str(label) for label, _n in region_counts],
                   "values": [n for _l, n in region_counts]},
        "time": {"labels": [day for day, _n, _t in over_time],
                 "values": [total for _d, _n, total in over_time]},
    }


def room_by_member(meeting):
    """[{'member', 'count'}] of checked-in people by member, most first."""
    return [
        {"member": name, "count": count}
        for name, count in meeting.registrations.filter(attended_at__isnull=False)
        .values_list("member__name").annotate(n=Count("id")).order_by("-n", "member__name")
    ]
