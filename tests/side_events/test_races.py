"""Many people signing up for the last seats of a side event at the same moment, against the
real PostgreSQL database (threads with their own connections, released together as in
tests/delegates/test_races.py). The event's row lock keeps its seats within `capacity` and
`delegation_cap` and leaves nobody waiting while a seat they fit is free; the last test shows
that without the lock the race does happen."""

import threading

import pytest
from django.db import transaction

from delegates import services as registrations
from side_events import services
from side_events.enums import SignupStatus
from side_events.models import SideEvent, SideEventSignup
from tests.delegates.staff_helpers import editor
from tests.delegates.test_races import lock_switched_off, run_together
from tests.factories import MeetingFactory

from .helpers import people, side_event

pytestmark = [pytest.mark.postgres,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]
CODES = ["VN", "TH", "DE", "FR", "JP", "KR", "CN", "SG", "MY", "ID", "PH", "IT"]


def taken(event, code=None):
    signups = SideEventSignup.objects.filter(event=event, status=SignupStatus.SIGNED_UP)
    if code:
        signups = signups.filter(registration__member__code=code)
    return signups.count()


def check_race_for_the_last_seats():
    event = side_event(MeetingFactory(capacity=50, delegation_cap=50), capacity=3)
    guests = [people(event.meeting, 1, code)[0] for code in CODES]
    results = run_together(12, lambda i: services.signup_create(event=event,
                                                                registration=guests[i]))
    assert [r for r in results if isinstance(r, Exception)] == []
    assert taken(event) == 3
    assert SideEventSignup.objects.filter(event=event,
                                          status=SignupStatus.WAITLISTED).count() == 9


def check_race_within_one_delegation():
    event = side_event(MeetingFactory(capacity=50, delegation_cap=50), capacity=10,
                       delegation_cap=2)
    germans = people(event.meeting, 8, "DE")
    run_together(8, lambda i: services.signup_create(event=event, registration=germans[i]))
    assert taken(event, "DE") == 2


def check_race_of_cancellations_and_sign_ups():
    """Seats given back while others sign up: never over the limit, nobody left waiting for
    a free seat."""
    event = side_event(MeetingFactory(capacity=50, delegation_cap=50), capacity=4)
    holders = [people(event.meeting, 1, code)[0] for code in CODES[:4]]
    newcomers = [people(event.meeting, 1, code)[0] for code in CODES[4:10]]
    signups = [services.signup_create(event=event, registration=r) for r in holders]
    actor = editor()

    def work(i):
        if i < 2:
            return services.signup_cancel(signup=signups[i], actor=actor)
        if i < 4:  # a registration cancelled at the meeting gives its event seat back
            return registrations.registration_cancel(registration=holders[i], actor=actor)
        return services.signup_create(event=event, registration=newcomers[i - 4])

    results = run_together(10, work)
    assert [r for r in results if isinstance(r, Exception)] == []
    assert taken(event) == 4
    assert SideEventSignup.objects.filter(event=event,
                                          status=SignupStatus.WAITLISTED).count() == 2


def check_every_kind_of_change_at_once_ends_without_a_deadlock():
    """Seats given back at the event and at the meeting, people waiting who cancel, the desk
    checking in, a waitlisted registration's sign-up and a move to another delegation, all
    at the same moment: each ends, none waits for another in a circle (PostgreSQL would
    abort one with "deadlock detected")."""
    meeting = MeetingFactory(capacity=8, delegation_cap=8)
    event = side_event(meeting, capacity=3, delegation_cap=2)
    holders = [people(meeting, 1, code)[0] for code in ("DE", "FR", "JP")]
    waiting = [people(meeting, 1, code)[0] for code in ("TH", "VN", "KR")]
    seats = [services.signup_create(event=event, registration=r) for r in holders]
    queue = [services.signup_create(event=event, registration=r) for r in waiting]
    on_meeting_list = people(meeting, 1, "SG", status="waitlisted")[0]
    actor = editor()
    work = [
        lambda: services.signup_cancel(signup=seats[0], actor=actor),
        lambda: services.signup_cancel(signup=queue[0], actor=actor),
        lambda: services.signup_mark_attended(signup=seats[1], actor=actor),
        lambda: registrations.registration_cancel(registration=holders[1], actor=actor),
        lambda: registrations.registration_cancel(registration=waiting[1], actor=actor),
        lambda: services.signup_create(event=event, registration=on_meeting_list),
        lambda: registrations.registration_update(
            registration=holders[2], data={"member": waiting[2].member}, actor=actor),
        lambda: services.signup_cancel(signup=queue[2], actor=actor),
    ]
    results = run_together(len(work), lambda i: work[i]())
    unexpected = [r for r in results if isinstance(r, Exception)
                  and not isinstance(r, services.SignupError)]
    assert unexpected == []
    assert taken(event) <= 3


def sign_up_slowly(registration, event, *, lock, all_counted):
    """The steps of signup_create; without the lock, no sign-up is stored before every one
    has counted the free seats."""
    with transaction.atomic():
        if lock:
            event = services.lock_event(event)
        status = (SignupStatus.SIGNED_UP if services._fits(event, registration.member_id)
                  else SignupStatus.WAITLISTED)
        if not lock:
            all_counted.wait(timeout=10)
        return SideEventSignup.objects.create(event=event, registration=registration,
                                              status=status)


def event_lock_switched_off():
    # The event read again without its meeting's seat lock.
    return lock_switched_off(services, "lock_event", SideEvent)


def check_without_the_lock_the_seats_are_overbooked():
    event = side_event(MeetingFactory(capacity=50, delegation_cap=50), capacity=1)
    guests = [people(event.meeting, 1, code)[0] for code in CODES[:6]]
    all_counted = threading.Barrier(6)
    run_together(6, lambda i: sign_up_slowly(guests[i], event, lock=False,
                                             all_counted=all_counted))
    assert taken(event) == 6  # everyone counted the same free seat
    with_lock = side_event(event.meeting, capacity=1)
    run_together(6, lambda i: sign_up_slowly(guests[i], with_lock, lock=True,
                                             all_counted=None))
    assert taken(with_lock) == 1


def check_the_service_unlocked_overbooks_under_load():
    overbooked = []
    for _round in range(5):
        event = side_event(MeetingFactory(capacity=50, delegation_cap=50), capacity=1)
        guests = [people(event.meeting, 1, code)[0] for code in CODES]
        with event_lock_switched_off():
            run_together(12, lambda i, g=guests, e=event: services.signup_create(
                event=e, registration=g[i]))
        overbooked.append(taken(event) > 1)
        if overbooked[-1]:
            break
    assert any(overbooked)


def test_event_seats_never_exceed_their_limits_under_racing_sign_ups():
    check_race_for_the_last_seats()
    check_race_within_one_delegation()
    check_race_of_cancellations_and_sign_ups()
    for _round in range(3):
        check_every_kind_of_change_at_once_ends_without_a_deadlock()


def test_without_the_event_lock_the_race_is_real():
    check_without_the_lock_the_seats_are_overbooked()
    check_the_service_unlocked_overbooks_under_load()
