"""Reads of registrations and seats that are more than one line of ORM."""

from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Q, Value, When

from meetings.selectors import upcoming_meetings

from .enums import SEAT_HOLDING_STATUSES, RegistrationStatus
from .models import Registration


@dataclass(frozen=True)
class Seats:
    """Seats of a meeting, and of one member's delegation when a member is given."""

    capacity: int
    held: int
    waiting: int
    delegation_cap: int | None = None
    member_held: int | None = None
    member_waiting: int | None = None

    @property
    def left(self):
        return max(self.capacity - self.held, 0)

    @property
    def member_left(self):
        """Seats this member may still take: its own cap and the meeting's, whichever is less."""
        if self.delegation_cap is None:
            return None
        return max(min(self.delegation_cap - self.member_held, self.left), 0)


def seats(meeting, member=None):
    """Seat counts in one query."""
    holding = Q(status__in=SEAT_HOLDING_STATUSES)
    waiting = Q(status=RegistrationStatus.WAITLISTED)
    aggregates = {"held": Count("id", filter=holding), "waiting": Count("id", filter=waiting)}
    if member is not None:
        aggregates["member_held"] = Count("id", filter=holding & Q(member=member))
        aggregates["member_waiting"] = Count("id", filter=waiting & Q(member=member))
    counts = Registration.objects.filter(meeting=meeting).aggregate(**aggregates)
    return Seats(
        capacity=meeting.capacity, held=counts["held"], waiting=counts["waiting"],
        delegation_cap=meeting.delegation_cap if member is not None else None,
        member_held=counts.get("member_held"), member_waiting=counts.get("member_waiting"),
    )


def full_delegations(meeting):
    """Ids of the members whose delegation holds all the seats one delegation may have: a
    new registration for them goes on the waiting list. One query."""
    return set(
        Registration.objects.filter(meeting=meeting, status__in=SEAT_HOLDING_STATUSES)
        .values("member").annotate(held=Count("id"))
        .filter(held__gte=meeting.delegation_cap).values_list("member", flat=True)
    )


def registration_for_link(registration_id):
    return (
        Registration.objects.select_related("meeting", "meeting__series",
                                            "meeting__host_member", "member")
        .filter(pk=registration_id)
        .first()
    )


def delegation(meeting, member):
    """A member's registrations for a meeting: seat holders first, then the waiting list in
    its order, then cancelled and rejected ones."""
    return (
        Registration.objects.filter(meeting=meeting, member=member)
        .select_related("member")
        .annotate(
            status_order=Case(
                When(status__in=SEAT_HOLDING_STATUSES, then=Value(0)),
                When(status=RegistrationStatus.WAITLISTED, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by("status_order", "created_at", "id")
    )


def waiting_position(registration):
    """1 for the oldest waitlisted registration of the meeting, and so on; None if not waiting."""
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    earlier = Registration.objects.filter(
        meeting_id=registration.meeting_id, status=RegistrationStatus.WAITLISTED
    ).filter(
        Q(created_at__lt=registration.created_at)
        | Q(created_at=registration.created_at, id__lt=registration.id)
    )
    return earlier.count() + 1


def focal_point_meetings(member, today=None):
    """Meetings still to come, with the seats held in total and by `member`'s delegation and
    the member's registrations on the waiting list (counts in the same query)."""
    holding = Q(registrations__status__in=SEAT_HOLDING_STATUSES)
    mine = Q(registrations__member=member)
    return upcoming_meetings(today).annotate(
        held=Count("registrations", filter=holding),
        member_held=Count("registrations", filter=holding & mine),
        member_waiting=Count(
            "registrations", filter=mine & Q(registrations__status=RegistrationStatus.WAITLISTED)
        ),
    )
