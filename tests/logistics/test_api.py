"""The API's registrations carry the travel details for the secretariat's tokens; a focal
point's token reads its delegation as before, without them."""

import datetime as dt

import pytest

from logistics.services import travel_details_save
from tests.api.conftest import callers, de_registration, focal_de, focal_fr, meeting  # noqa: F401
from tests.factories import hotel_with_rooms

pytestmark = pytest.mark.django_db
LIST = "/api/v1/registrations/"


def test_the_secretariat_reads_travel_details(callers, de_registration, meeting):  # noqa: F811
    hotel = hotel_with_rooms(meeting, 3, name="Demonstration Hotel")
    travel_details_save(registration=de_registration, data={
        "arrival_time": dt.time(7, 5), "arrival_flight": "LH 772",
        "arrival_date": meeting.start_date, "hotel": hotel, "check_in": meeting.start_date,
        "check_out": meeting.end_date, "diet": "vegan"})

    body = callers["viewer"].get(f"{LIST}{de_registration.pk}/").json()

    assert body["travel"] == {
        "arrival_time": "07:05:00", "arrival_flight": "LH 772", "arrival_airport": "",
        "arrival_transfer": False, "departure_time": None, "departure_flight": "",
        "departure_airport": "", "departure_transfer": False, "hotel": "Demonstration Hotel",
        "check_in": meeting.start_date.isoformat(), "check_out": meeting.end_date.isoformat(),
        "diet": "vegan"}
    assert body["arrival_date"] == meeting.start_date.isoformat()
    assert "travel" not in callers["focal_de"].get(f"{LIST}{de_registration.pk}/").json()


def test_without_travel_details_the_field_is_null(callers, de_registration):  # noqa: F811
    assert callers["editor"].get(f"{LIST}{de_registration.pk}/").json()["travel"] is None
