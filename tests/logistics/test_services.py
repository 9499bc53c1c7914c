"""The one way travel details are saved: the dates, flights, transfers, hotel nights within
the room blocks, who may change whose, and the log."""

import datetime as dt

import pytest
from django.utils import timezone

from delegates.enums import RegistrationStatus
from logistics.enums import Diet
from logistics.models import TravelDetails
from logistics.services import TravelError, rooms_booked, travel_details_save
from tests.factories import (
    FocalPointFactory,
    MeetingFactory,
    RegistrationFactory,
    hotel_with_rooms,
    member,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    return MeetingFactory()


def registration(meeting, **kwargs):
    return RegistrationFactory(meeting=meeting, **kwargs)


def day(meeting, offset):
    return meeting.start_date + dt.timedelta(days=offset)


def error_of(**kwargs):
    with pytest.raises(TravelError) as caught:
        travel_details_save(**kwargs)
    return caught.value.code, caught.value.field


def test_travel_details_saved_with_the_registrations_dates_and_needs(meeting):
    person = registration(meeting)

    travel = travel_details_save(registration=person, data={
        "arrival_date": day(meeting, -1), "arrival_time": dt.time(14, 35),
        "arrival_flight": "vn-0031", "arrival_airport": " Noi Bai ", "arrival_transfer": True,
        "departure_date": day(meeting, 2), "diet": Diet.HALAL,
        "dietary_needs": "No shellfish", "accessibility_needs": "Step-free access"})

    person.refresh_from_db()
    assert (travel.arrival_flight, travel.arrival_airport, travel.diet) == (
        "VN 31", "Noi Bai", "halal")
    assert (person.arrival_date, person.departure_date, person.dietary_needs,
            person.accessibility_needs) == (day(meeting, -1), day(meeting, 2), "No shellfish",
                                            "Step-free access")
    assert person.log_entries.get().action == "logistics.travel_details.changed"


def test_saving_again_changes_the_same_details(meeting):
    person = registration(meeting)
    travel_details_save(registration=person, data={"arrival_flight": "LH 782"})
    travel_details_save(registration=person, data={"arrival_flight": "EK 2A"})

    assert list(TravelDetails.objects.values_list("arrival_flight", flat=True)) == ["EK 2A"]


@pytest.mark.parametrize("typed", ["123", "V", "VN", "VN 12345", "Vietnam Airlines", "VN#31"])
def test_a_flight_number_that_cannot_be_one_is_refused(meeting, typed):
    assert error_of(registration=registration(meeting),
                    data={"departure_flight": typed}) == ("flight_number", "departure_flight")


def test_departure_before_arrival_is_refused(meeting):
    assert error_of(registration=registration(meeting), data={
        "arrival_date": day(meeting, 1), "departure_date": day(meeting, 0)}) == (
        "departure_before_arrival", "departure_date")


def test_dates_far_from_the_meeting_are_refused(meeting):
    assert error_of(registration=registration(meeting), data={
        "arrival_date": day(meeting, -30)}) == ("too_far_from_the_meeting", "arrival_date")


def test_a_transfer_needs_the_flights_time_and_airport(meeting):
    person = registration(meeting)
    assert error_of(registration=person, data={
        "departure_date": day(meeting, 2), "departure_transfer": True}) == (
        "transfer_without_time", "departure_time")
    assert error_of(registration=person, data={
        "departure_date": day(meeting, 2), "departure_time": dt.time(9),
        "departure_transfer": True}) == ("transfer_without_airport", "departure_airport")


def test_hotel_nights_are_booked_within_the_room_block(meeting):
    hotel = hotel_with_rooms(meeting, 1)
    first, second = registration(meeting), registration(meeting)
    nights = {"hotel": hotel, "check_in": day(meeting, -1), "check_out": day(meeting, 1)}
    travel_details_save(registration=first, data=nights)

    assert rooms_booked(hotel, day(meeting, 0)) == 1
    assert error_of(registration=second, data=nights) == ("hotel_full", "hotel")
    # the first person may change their own booking within the same rooms
    travel_details_save(registration=first, data={**nights, "check_out": day(meeting, 0)})
    travel_details_save(registration=second, data={
        **nights, "check_in": day(meeting, 0)})
    assert rooms_booked(hotel, day(meeting, 0)) == 1


def test_a_night_without_a_room_block_is_refused(meeting):
    hotel = hotel_with_rooms(meeting, 5)
    assert error_of(registration=registration(meeting), data={
        "hotel": hotel, "check_in": day(meeting, -1), "check_out": day(meeting, 3)}) == (
        "no_room_block", "check_in")


def test_a_hotel_needs_nights_in_order(meeting):
    hotel = hotel_with_rooms(meeting, 5)
    person = registration(meeting)
    assert error_of(registration=person, data={"hotel": hotel}) == (
        "nights_required", "check_in")
    assert error_of(registration=person, data={
        "hotel": hotel, "check_in": day(meeting, 1), "check_out": day(meeting, 0)}) == (
        "check_out_first", "check_out")


def test_a_hotel_of_another_meeting_is_refused(meeting):
    other = hotel_with_rooms(MeetingFactory(), 5)
    assert error_of(registration=registration(meeting), data={
        "hotel": other, "check_in": day(meeting, 0), "check_out": day(meeting, 1)}) == (
        "other_meeting", "hotel")


def test_a_waiting_registration_books_no_room(meeting):
    hotel = hotel_with_rooms(meeting, 5)
    assert error_of(registration=registration(meeting, status=RegistrationStatus.WAITLISTED),
                    data={"hotel": hotel, "check_in": day(meeting, 0),
                          "check_out": day(meeting, 1)}) == ("no_seat", "hotel")


def test_a_cancelled_registration_gives_its_room_back(meeting):
    hotel = hotel_with_rooms(meeting, 1)
    first = registration(meeting)
    nights = {"hotel": hotel, "check_in": day(meeting, 0), "check_out": day(meeting, 1)}
    travel_details_save(registration=first, data=nights)
    first.status = RegistrationStatus.CANCELLED
    first.save()

    travel_details_save(registration=registration(meeting), data=nights)
    assert rooms_booked(hotel, day(meeting, 0)) == 1


def test_a_focal_point_changes_only_its_own_delegation(meeting):
    focal = FocalPointFactory(member=member("FR")).user
    assert error_of(registration=registration(meeting, member=member("DE")),
                    data={"arrival_flight": "AF 1"}, actor=focal) == (
        "not_your_delegation", None)
    travel_details_save(registration=registration(meeting, member=member("FR")),
                        data={"arrival_flight": "AF 1"}, actor=focal)


def test_after_the_meeting_only_the_secretariat_changes_travel(meeting):
    meeting.start_date = timezone.localdate() - dt.timedelta(days=10)
    meeting.end_date = meeting.start_date
    meeting.save()
    assert error_of(registration=registration(meeting), data={"diet": Diet.VEGAN}) == (
        "meeting_over", None)


def test_a_cancelled_registration_has_no_travel_to_change(meeting):
    assert error_of(registration=registration(meeting, status=RegistrationStatus.CANCELLED),
                    data={"diet": Diet.VEGAN}) == ("inactive", None)


def test_unknown_fields_are_a_programming_error(meeting):
    with pytest.raises(TypeError):
        travel_details_save(registration=registration(meeting), data={"passport_number": "X"})


def test_a_person_put_on_the_waiting_list_gives_back_their_room_and_keeps_their_flights(
        meeting):
    from delegates import services as registrations
    from delegates.models import RegistrationLogEntry
    from tests.delegates.staff_helpers import editor

    hotel = hotel_with_rooms(meeting, 1)
    nights = {"hotel": hotel, "check_in": day(meeting, -1), "check_out": day(meeting, 1)}
    first, second = registration(meeting), registration(meeting)
    travel_details_save(registration=first, data={"arrival_flight": "VN 31", **nights})

    registrations.registration_waitlist(registration=first, actor=editor())
    travel_details_save(registration=second, data=nights)  # the room is free again
    registrations.registration_confirm(registration=first, actor=editor("editor-2"))

    kept = TravelDetails.objects.get(registration=first)
    assert (kept.arrival_flight, kept.hotel, kept.check_in) == ("VN 31", None, None)
    assert rooms_booked(hotel, day(meeting, 0)) == 1  # never two in the one room
    assert RegistrationLogEntry.objects.filter(
        registration=first, action="logistics.hotel_nights.released").exists()
    with pytest.raises(TravelError) as error:
        travel_details_save(registration=first, data=nights)
    assert error.value.code == "hotel_full"
