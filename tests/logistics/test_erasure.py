"""Travel details go with the person: erased on request and anonymised with the
registration after the retention period, through `delegates.erasure`."""

import datetime as dt

import pytest

from logistics.models import TravelDetails
from logistics.services import rooms_booked, travel_details_save
from secretariat.privacy import anonymise_registration, erase_person
from tests.factories import MeetingFactory, RegistrationFactory, hotel_with_rooms

pytestmark = pytest.mark.django_db


def booked_person(meeting, hotel, email):
    registration = RegistrationFactory(meeting=meeting, email=email)
    travel_details_save(registration=registration, data={
        "arrival_flight": "VN 31", "hotel": hotel, "check_in": meeting.start_date,
        "check_out": meeting.start_date + dt.timedelta(days=1)})
    return registration


def test_erasing_a_person_erases_their_travel_and_frees_their_room():
    meeting = MeetingFactory()
    hotel = hotel_with_rooms(meeting, 2)
    booked_person(meeting, hotel, "gone@example.org")
    kept = booked_person(meeting, hotel, "kept@example.org")

    erase_person(email="gone@example.org", actor=None)

    assert list(TravelDetails.objects.values_list("registration", flat=True)) == [kept.pk]
    assert rooms_booked(hotel, meeting.start_date) == 1


def test_anonymising_a_registration_removes_its_travel_details():
    meeting = MeetingFactory()
    registration = booked_person(meeting, hotel_with_rooms(meeting, 2), "old@example.org")

    anonymise_registration(registration=registration)

    assert not TravelDetails.objects.exists()
