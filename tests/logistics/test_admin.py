"""Travel details in the admin go through the service: the quota holds there too."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from logistics.models import TravelDetails
from logistics.services import travel_details_save
from tests.delegates.staff_helpers import Client, editor, viewer
from tests.factories import MeetingFactory, RegistrationFactory, hotel_with_rooms

pytestmark = pytest.mark.django_db


def stay(meeting, hotel):
    return {"hotel": hotel.pk, "check_in": meeting.start_date.isoformat(),
            "check_out": (meeting.start_date + dt.timedelta(days=1)).isoformat(),
            "arrival_flight": "", "arrival_airport": "", "departure_flight": "",
            "departure_airport": "", "diet": ""}


def test_staff_add_travel_details_within_the_quota():
    meeting = MeetingFactory()
    hotel = hotel_with_rooms(meeting, 1, name="Lotte Hotel")
    first, second = RegistrationFactory(meeting=meeting), RegistrationFactory(meeting=meeting)
    client = Client()
    client.force_login(editor())
    url = reverse("admin:logistics_traveldetails_add")

    response = client.post(url, {"registration": first.pk, **stay(meeting, hotel)})
    assert response.status_code == 302
    assert TravelDetails.objects.get().registration == first
    assert first.log_entries.get().action == "logistics.travel_details.changed"

    response = client.post(url, {"registration": second.pk, **stay(meeting, hotel)})
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)][-1].startswith(
        "Lotte Hotel has no room left for the night of")
    assert TravelDetails.objects.count() == 1


def test_viewers_read_travel_details_but_do_not_change_them():
    meeting = MeetingFactory()
    travel = travel_details_save(registration=RegistrationFactory(meeting=meeting),
                                 data={"arrival_flight": "VN 31"})
    client = Client()
    client.force_login(viewer())
    change = reverse("admin:logistics_traveldetails_change", args=[travel.pk])
    assert client.get(reverse("admin:logistics_traveldetails_changelist")).status_code == 200
    assert client.get(change).status_code == 200
    assert client.post(change, {"arrival_flight": "XX 1"}).status_code == 403
