"""Reads of registrations and seats that are more than one line of ORM."""

import unicodedata
from dataclasses import dataclass

from django.db import connection
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.db.models.functions import Lower

from meetings.selectors import upcoming_meetings

from .enums import (
    ACTIVE_STATUSES,
    ADDRESS_HOLDING_STATUSES,
    SEAT_HOLDING_STATUSES,
    Participation,
    RegistrationStatus,
    Role,
)
from .models import HeldSeats, Registration, badge_code_candidates


def seats_left_for_member(*, capacity, held, delegation_cap, member_held):
    """Seats a member's delegation may still take: what its own cap leaves and what the
    meeting leaves, whichever is less (never below 0). The one count behind the seat
    rules, the focal point's pages and the dashboard."""
    return max(min(delegation_cap - member_held, capacity - held), 0)


@dataclass(frozen=True)
class Seats:
    """Seats of a meeting, and of one member's delegation when a member is given; the
    numbers the public form, the focal point's pages and the dashboard show."""

    capacity: int
    held: int
    waiting: int
    delegation_cap: int | None = None
    member_held: int | None = None
    member_waiting: int | None = None
    # Online seats (`Meeting.online_capacity`, 0: in person only), counted apart.
    online_capacity: int = 0
    online_held: int = 0

    @property
    def online_left(self):
        return max(self.online_capacity - self.online_held, 0)

    @property
    def left(self):
        return max(self.capacity - self.held, 0)

    @property
    def percent_held(self):
        return round(100 * self.held / self.capacity) if self.capacity else 100

    @property
    def member_left(self):
        """Seats this member may still take (`seats_left_for_member`)."""
        if self.delegation_cap is None:
            return None
        return seats_left_for_member(capacity=self.capacity, held=self.held,
                                     delegation_cap=self.delegation_cap,
                                     member_held=self.member_held)


def seats(meeting, member=None):
    """Seat counts in one query: those of the room (`held`, the delegation's), and the
    online seats apart."""
    seated = Q(status__in=SEAT_HOLDING_STATUSES)
    holding = seated & Q(participation=Participation.IN_PERSON)
    waiting = Q(status=RegistrationStatus.WAITLISTED)
    aggregates = {"held": Count("id", filter=holding), "waiting": Count("id", filter=waiting),
                  "online_held": Count("id", filter=seated & Q(
                      participation=Participation.ONLINE))}
    if member is not None:
        aggregates["member_held"] = Count("id", filter=holding & Q(member=member))
        aggregates["member_waiting"] = Count("id", filter=waiting & Q(member=member))
    counts = Registration.objects.filter(meeting=meeting).aggregate(**aggregates)
    return Seats(
        capacity=meeting.capacity, held=counts["held"], waiting=counts["waiting"],
        delegation_cap=meeting.delegation_cap if member is not None else None,
        member_held=counts.get("member_held"), member_waiting=counts.get("member_waiting"),
        online_capacity=meeting.online_capacity, online_held=counts["online_held"],
    )


def _address_holders(meeting):
    return Registration.objects.filter(meeting=meeting, status__in=ADDRESS_HOLDING_STATUSES)


def email_taken(meeting, email, exclude=None):
    """Whether a registration for `meeting` that still holds its address (pending, confirmed,
    waitlisted or awaiting confirmation) has `email`, case ignored; `exclude` is the
    registration being changed (or its id). The rule of the constraint
    `registration_one_active_per_email`, asked first for a clear message."""
    # Compared as the constraint's index holds it (LOWER), so the index answers: UPPER
    # (`iexact`) read every registration of the meeting, 40 ms of lock at 50,000.
    taken = _address_holders(meeting).alias(address=Lower("email")).filter(
        address=Lower(Value((email or "").strip())))
    if exclude is not None:
        taken = taken.exclude(pk=getattr(exclude, "pk", exclude))
    return taken.exists()


def head_taken(meeting, member, exclude=None):
    """Whether `member`'s delegation to `meeting` already has a head of delegation that is
    pending, confirmed or waitlisted; `exclude` is the registration being changed (or its
    id). The rule of the constraint `registration_one_head_per_delegation`, asked first for
    a clear message by the form, the import, the bulk registration and the services."""
    heads = Registration.objects.filter(
        meeting=meeting, member=member, role=Role.HEAD_OF_DELEGATION,
        status__in=ACTIVE_STATUSES,
    )
    if exclude is not None:
        heads = heads.exclude(pk=getattr(exclude, "pk", exclude))
    return heads.exists()


def emails_taken(meeting, emails):
    """The lower-cased addresses among `emails` that `email_taken` refuses, in one query."""
    wanted = {(email or "").strip().lower() for email in emails} - {""}
    return set(_address_holders(meeting).annotate(email_lower=Lower("email"))
               .filter(email_lower__in=wanted).values_list("email_lower", flat=True))


def seats_held_by_delegation(meeting, participation=Participation.IN_PERSON):
    """member id -> the seats of `participation` its delegation holds at `meeting` (pending
    or confirmed registrations), for the members that hold any. One query: on PostgreSQL of
    `HeldSeats`, which a trigger keeps (at most one row per member, whatever the size of the
    meeting); elsewhere a count of the seat holders, grouped by member."""
    if connection.vendor == "postgresql":
        rows = (HeldSeats.objects.filter(meeting_id=meeting.pk, participation=participation,
                                         held__gt=0)
                .values_list("member_id", "held"))
    else:
        rows = (Registration.objects.filter(meeting=meeting, status__in=SEAT_HOLDING_STATUSES,
                                            participation=participation)
                .order_by().values("member").annotate(held=Count("id"))
                .values_list("member", "held"))
    return dict(rows)


def full_delegations(meeting):
    """Ids of the members whose delegation holds all the seats in the room one delegation
    may have: a new registration for them goes on the waiting list. One query."""
    return {member_id for member_id, held in seats_held_by_delegation(meeting).items()
            if held >= meeting.delegation_cap}


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
        .select_related("member", "photo")
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
    holding = Q(registrations__status__in=SEAT_HOLDING_STATUSES,
                registrations__participation=Participation.IN_PERSON)
    mine = Q(registrations__member=member)
    return upcoming_meetings(today).annotate(
        held=Count("registrations", filter=holding),
        member_held=Count("registrations", filter=holding & mine),
        member_waiting=Count(
            "registrations", filter=mine & Q(registrations__status=RegistrationStatus.WAITLISTED)
        ),
    )


# --- check-in --------------------------------------------------------------------------------


def registration_by_badge_code(code):
    """The registration (of any meeting) whose badge carries this typed or scanned code, or
    None; see `delegates.models.badge_code_candidates` for how a code may be typed."""
    candidates = badge_code_candidates(code)
    if not candidates:
        return None
    return (Registration.objects.select_related("member", "meeting", "photo")
            .filter(badge_code__in=candidates).first())


# Letters that Unicode does not decompose into a base letter and an accent.
_UNSPLIT_LETTERS = str.maketrans({"đ": "d", "ð": "d", "ø": "o", "ł": "l", "æ": "ae",
                                  "œ": "oe", "ı": "i", "þ": "th"})


def folded(text):
    """Text for matching names: without accents and case, so that "nguyen" finds "Nguyễn"."""
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    bare = "".join(character for character in decomposed if not unicodedata.combining(character))
    return bare.translate(_UNSPLIT_LETTERS)


SEARCH_MIN_LENGTH = 2
SEARCH_LIMIT = 8


def checkin_search(meeting, query, *, limit=SEARCH_LIMIT):
    """People of the meeting (pending, confirmed or on the waiting list) whose given,
    family or Latin name holds every word of `query`, ignoring case and accents. Returns
    (at most `limit` registrations in name order, whether there were more).

    Names are matched here rather than in SQL: neither SQLite nor PostgreSQL without the
    unaccent extension compares "Nguyễn" with "nguyen", and a meeting has hundreds of
    people, not millions (two queries whatever the size)."""
    words = folded(query).split()
    if len("".join(words)) < SEARCH_MIN_LENGTH:
        return [], False
    names = (Registration.objects.filter(meeting=meeting, status__in=ACTIVE_STATUSES)
             .order_by("family_name", "given_name", "pk")
             .values_list("pk", "given_name", "family_name", "name_latin"))
    found = [pk for pk, *parts in names
             if all(word in folded(" ".join(parts)) for word in words)]
    people = Registration.objects.select_related("member", "photo").in_bulk(found[:limit])
    return [people[pk] for pk in found[:limit]], len(found) > limit
