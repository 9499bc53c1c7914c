"""The travel page of a delegate (behind the signed link) and of a focal point: the same
form and service, each person only their own."""

import datetime as dt

import pytest
from django.urls import reverse

from delegates import links
from logistics.models import TravelDetails
from tests.delegates.staff_helpers import Client
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


def form(meeting, **extra):
    eve = meeting.start_date - dt.timedelta(days=1)
    return {"arrival_date": eve.isoformat(), "arrival_time": "14:35", "arrival_flight": "tg 560",
            "arrival_airport": "Noi Bai", "arrival_transfer": "on",
            "departure_date": meeting.end_date.isoformat(), "diet": "vegan",
            "dietary_needs": "", "accessibility_needs": "", **extra}


def delegate_client(registration):
    """A client that opened the mailed link: the token now lives in the session."""
    client = Client()
    response = client.get(reverse("logistics:travel", args=[links.registration_token(
        registration)]))
    assert response.status_code == 302
    assert response.url == reverse("logistics:travel", args=[links.SESSION_URL_TOKEN])
    return client


def test_delegate_tells_their_travel_through_the_link(meeting):
    registration = RegistrationFactory(meeting=meeting)
    client = delegate_client(registration)
    page = client.get(reverse("logistics:travel", args=["current"]))
    assert page.status_code == 200
    assert "Passport" not in page.content.decode()

    response = client.post(reverse("logistics:travel", args=["current"]), form(meeting))

    assert response.status_code == 302
    assert response.url == links.session_path("manage")
    travel = TravelDetails.objects.get(registration=registration)
    assert (travel.arrival_flight, travel.arrival_transfer, travel.diet) == (
        "TG 560", True, "vegan")


def test_delegate_sees_why_a_booking_is_refused(meeting):
    hotel = hotel_with_rooms(meeting, 1, name="Hanoi Daewoo")
    first, second = RegistrationFactory(meeting=meeting), RegistrationFactory(meeting=meeting)
    stay = {"hotel": hotel.pk, "check_in": meeting.start_date.isoformat(),
            "check_out": meeting.end_date.isoformat()}
    delegate_client(first).post(reverse("logistics:travel", args=["current"]),
                                form(meeting, **stay))

    response = delegate_client(second).post(reverse("logistics:travel", args=["current"]),
                                            form(meeting, **stay))

    assert response.status_code == 200
    assert "Hanoi Daewoo has no room left for the night of" in response.content.decode()
    assert not TravelDetails.objects.filter(registration=second).exists()


def test_a_bad_flight_number_is_shown_on_its_field(meeting):
    client = delegate_client(RegistrationFactory(meeting=meeting))
    response = client.post(reverse("logistics:travel", args=["current"]),
                           form(meeting, arrival_flight="Thai Airways"))
    assert response.status_code == 200
    assert "Write the flight number as on the ticket" in response.content.decode()


def test_the_registration_page_leads_to_the_travel_page(meeting):
    client = delegate_client(RegistrationFactory(meeting=meeting))
    page = client.get(links.session_path("manage")).content.decode()
    assert reverse("logistics:travel", args=["current"]) in page


def test_focal_point_tells_the_travel_of_their_delegation(meeting):
    focal = FocalPointFactory(member=member("DE")).user
    registration = RegistrationFactory(meeting=meeting, member=member("DE"))
    client = Client()
    client.force_login(focal)
    url = reverse("logistics:focal_travel", args=[registration.pk])
    assert client.get(url).status_code == 200

    response = client.post(url, form(meeting))

    assert response.status_code == 302
    assert TravelDetails.objects.get(registration=registration).arrival_flight == "TG 560"
    delegation = client.get(reverse("delegates:focal_delegation", args=[meeting.slug]))
    assert url in delegation.content.decode()


def test_focal_point_cannot_reach_another_members_registration(meeting):
    focal = FocalPointFactory(member=member("DE")).user
    other = RegistrationFactory(meeting=meeting, member=member("FR"))
    client = Client()
    client.force_login(focal)
    url = reverse("logistics:focal_travel", args=[other.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, form(meeting)).status_code == 404
    assert not TravelDetails.objects.exists()
