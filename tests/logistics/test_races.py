"""Many people booking the last rooms of a night at the same moment, against the real
PostgreSQL database (threads with their own connections, released together as in
tests/delegates/test_races.py). The hotel's row lock keeps every night within its room
block; the last test shows that without the lock the race does happen."""

import datetime as dt
import threading

import pytest
from django.db import transaction

from logistics import services
from logistics.models import Hotel, TravelDetails
from tests.delegates.test_races import lock_switched_off, run_together
from tests.factories import MeetingFactory, RegistrationFactory, hotel_with_rooms

pytestmark = [pytest.mark.postgres,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def booked(hotel, night):
    return services.rooms_booked(hotel, night)


def people(meeting, count):
    return [RegistrationFactory(meeting=meeting) for _ in range(count)]


def nights_of(meeting):
    return {"check_in": meeting.start_date - dt.timedelta(days=1),
            "check_out": meeting.start_date + dt.timedelta(days=1)}


def check_race_for_the_last_rooms():
    meeting = MeetingFactory()
    hotel = hotel_with_rooms(meeting, 3)
    guests = people(meeting, 10)
    results = run_together(10, lambda i: services.travel_details_save(
        registration=guests[i], data={"hotel": hotel, **nights_of(meeting)}))
    errors = [r for r in results if isinstance(r, Exception)]
    assert {(type(e), e.code) for e in errors} == {(services.TravelError, "hotel_full")}
    assert len(errors) == 7
    assert booked(hotel, meeting.start_date) == 3
    assert booked(hotel, meeting.start_date - dt.timedelta(days=1)) == 3


def check_race_of_overlapping_stays():
    """Stays of different nights meet on one night: it never holds more than its block."""
    meeting = MeetingFactory()
    hotel = hotel_with_rooms(meeting, 2)
    guests = people(meeting, 8)
    eve, first = meeting.start_date - dt.timedelta(days=1), meeting.start_date

    def book(i):
        stay = ({"check_in": eve, "check_out": first + dt.timedelta(days=1)} if i % 2
                else {"check_in": first, "check_out": first + dt.timedelta(days=2)})
        return services.travel_details_save(registration=guests[i],
                                            data={"hotel": hotel, **stay})

    run_together(8, book)
    for night in (eve, first, first + dt.timedelta(days=1)):
        assert booked(hotel, night) <= 2
    assert booked(hotel, first) == 2


def book_slowly(registration, hotel, nights, *, lock, all_counted=None):
    """The steps of travel_details_save; with `all_counted` (a barrier, without the lock),
    no booking is stored before every one has counted the free rooms."""
    with transaction.atomic():
        if lock:
            services.lock_hotel(hotel)
        services.check_rooms_free(hotel=hotel, nights=[nights["check_in"]],
                                  registration_id=registration.pk)
        if all_counted is not None:
            all_counted.wait(timeout=10)
        return TravelDetails.objects.create(registration=registration, hotel=hotel, **nights)


def check_without_the_lock_rooms_are_overbooked():
    meeting = MeetingFactory()
    hotel = hotel_with_rooms(meeting, 1)
    guests = people(meeting, 6)
    nights = {"check_in": meeting.start_date, "check_out": meeting.start_date
              + dt.timedelta(days=1)}
    all_counted = threading.Barrier(6)
    run_together(6, lambda i: book_slowly(guests[i], hotel, nights, lock=False,
                                          all_counted=all_counted))
    assert booked(hotel, meeting.start_date) == 6  # everyone counted the same free room


def check_with_the_lock_the_same_steps_do_not_overbook():
    meeting = MeetingFactory()
    hotel = hotel_with_rooms(meeting, 1)
    guests = people(meeting, 6)
    nights = {"check_in": meeting.start_date, "check_out": meeting.start_date
              + dt.timedelta(days=1)}
    results = run_together(6, lambda i: book_slowly(guests[i], hotel, nights, lock=True))
    assert {e.code for e in results if isinstance(e, Exception)} == {"hotel_full"}
    assert booked(hotel, meeting.start_date) == 1


def room_lock_switched_off():
    return lock_switched_off(services, "lock_hotel", Hotel)


def check_the_service_unlocked_overbooks_under_load():
    overbooked = []
    for _round in range(5):
        meeting = MeetingFactory()
        hotel = hotel_with_rooms(meeting, 1)
        guests = people(meeting, 16)
        with room_lock_switched_off():
            run_together(16, lambda i, g=guests, h=hotel, m=meeting: (
                services.travel_details_save(registration=g[i],
                                             data={"hotel": h, **nights_of(m)})))
        overbooked.append(booked(hotel, meeting.start_date) > 1)
        if overbooked[-1]:
            break
    assert any(overbooked)


def test_rooms_never_exceed_the_block_under_racing_bookings():
    check_race_for_the_last_rooms()
    check_race_of_overlapping_stays()


def test_without_the_room_lock_the_race_is_real():
    check_without_the_lock_rooms_are_overbooked()
    check_with_the_lock_the_same_steps_do_not_overbook()
    check_the_service_unlocked_overbooks_under_load()
