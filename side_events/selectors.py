"""Reading side events and sign-ups for the pages (no locks; the services count again)."""

from django.db.models import Count, Q

from .enums import ACTIVE_SIGNUP_STATUSES, SignupStatus
from .models import SideEvent, SideEventSignup


def with_counts(events, *, member_id=None):
    """`events` each with `taken` (seats), `waiting` and `attended` (sign-ups), and with
    `member_id` also `delegation_taken` (the seats that member's delegation holds)."""
    seated = Q(signups__status=SignupStatus.SIGNED_UP)
    counts = {
        "taken": Count("signups", filter=seated),
        "waiting": Count("signups", filter=Q(signups__status=SignupStatus.WAITLISTED)),
        "attended": Count("signups", filter=seated & Q(signups__attended_at__isnull=False)),
    }
    if member_id is not None:
        counts["delegation_taken"] = Count("signups", filter=seated & Q(
            signups__registration__member_id=member_id))
    return events.annotate(**counts)


def events_with_counts(meeting):
    """The meeting's side events, each with `taken` (seats), `waiting` and `attended`."""
    return list(with_counts(SideEvent.objects.filter(meeting=meeting)))


def events_of_registration(registration):
    """[(event, the person's active sign-up or None)] for every side event of the
    registration's meeting, the event with `taken` seats, the seats `left` at the event, those
    its delegation may still take (`delegation_left`, None without seats per member) and the
    seats `free` for the person (the fewer of the two)."""
    signups = {signup.event_id: signup for signup in SideEventSignup.objects.filter(
        registration=registration, status__in=ACTIVE_SIGNUP_STATUSES)}
    events = with_counts(SideEvent.objects.filter(meeting_id=registration.meeting_id),
                         member_id=registration.member_id)
    rows = []
    for event in events:
        event.left = max(event.capacity - event.taken, 0)
        event.delegation_left = None
        if event.delegation_cap is not None:
            event.delegation_left = max(event.delegation_cap - event.delegation_taken, 0)
        event.free = min(event.left, event.delegation_left if event.delegation_left is not None
                         else event.left)
        rows.append((event, signups.get(event.pk)))
    return rows


def signups_of_registration(registration):
    """The active sign-ups of a registration, with their events, in time order."""
    return list(SideEventSignup.objects.filter(
        registration=registration, status__in=ACTIVE_SIGNUP_STATUSES
    ).select_related("event").order_by("event__starts_at", "event__name"))


def event_signups(event, query=""):
    """The active sign-ups of an event (seats first, then the waiting list in its order),
    filtered by a part of the name, the email address or the member."""
    signups = SideEventSignup.objects.filter(
        event=event, status__in=ACTIVE_SIGNUP_STATUSES
    ).select_related("registration", "registration__member")
    if query:
        signups = signups.filter(Q(registration__family_name__icontains=query)
                                 | Q(registration__given_name__icontains=query)
                                 | Q(registration__name_latin__icontains=query)
                                 | Q(registration__email__iexact=query)
                                 | Q(registration__member__name__icontains=query))
    return list(signups.order_by("status", "created_at", "id"))  # seats first
