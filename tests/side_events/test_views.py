"""The side events pages: a delegate signs up behind their signed link, a focal point for a
person of their delegation, the secretariat signs people up and checks them in."""

import pytest
from django.urls import reverse

from delegates import links
from delegates.enums import RegistrationStatus
from side_events.enums import SignupStatus
from side_events.models import SideEventSignup
from side_events.services import signup_create
from tests.delegates.staff_helpers import Client, editor, viewer
from tests.factories import FocalPointFactory, RegistrationFactory, member

from .helpers import people, side_event

pytestmark = pytest.mark.django_db


def delegate_client(registration):
    client = Client()
    client.get(reverse("side_events:events", args=[links.registration_token(registration)]))
    return client


def page(client, registration=None, url=None):
    url = url or reverse("side_events:events", args=[links.SESSION_URL_TOKEN])
    return client.get(url).content.decode()


def test_a_delegate_signs_up_for_the_dinner_and_cancels():
    event = side_event(capacity=1, name="Official dinner")
    (person,) = people(event.meeting, 1)
    client = delegate_client(person)
    url = reverse("side_events:events", args=[links.SESSION_URL_TOKEN])
    assert "1 of 1" in page(client)

    response = client.post(url, {"event": event.pk, "action": "sign_up"}, follow=True)
    text = response.content.decode()
    assert "has a seat at Official dinner" in text
    assert "Seat held" in text and "0 of 1" in text
    assert SideEventSignup.objects.get().status == SignupStatus.SIGNED_UP

    response = client.post(url, {"event": event.pk, "action": "cancel"}, follow=True)
    assert "is no longer signed up for Official dinner" in response.content.decode()
    assert SideEventSignup.objects.get().status == SignupStatus.CANCELLED


def test_a_full_event_puts_the_delegate_on_its_waiting_list_and_says_so():
    event = side_event(capacity=1, name="Site visit")
    first, second = people(event.meeting, 2)
    signup_create(event=event, registration=first)
    client = delegate_client(second)
    assert "Join the waiting list" in page(client)

    response = client.post(reverse("side_events:events", args=[links.SESSION_URL_TOKEN]),
                           {"event": event.pk, "action": "sign_up"}, follow=True)
    assert "Site visit is full" in response.content.decode()
    assert SideEventSignup.objects.get(registration=second).status == SignupStatus.WAITLISTED


@pytest.mark.parametrize("posted", [
    {}, {"event": "x", "action": "sign_up"}, {"event": 10**20, "action": "sign_up"},
    {"event": 999999, "action": "sign_up"}, {"action": "fly"},
])
def test_a_broken_or_forged_button_gets_a_message_and_changes_nothing(posted):
    event = side_event()
    (person,) = people(event.meeting, 1)
    client = delegate_client(person)
    response = client.post(reverse("side_events:events", args=[links.SESSION_URL_TOKEN]),
                           posted, follow=True)
    assert response.status_code == 200
    assert response.context["messages"]
    assert not SideEventSignup.objects.exists()


def test_an_event_of_another_meeting_cannot_be_signed_up_for():
    mine, other = side_event(), side_event()
    (person,) = people(mine.meeting, 1)
    client = delegate_client(person)
    response = client.post(reverse("side_events:events", args=[links.SESSION_URL_TOKEN]),
                           {"event": other.pk, "action": "sign_up"}, follow=True)
    assert "no longer on the programme" in response.content.decode()
    assert not SideEventSignup.objects.exists()


def test_the_registration_page_leads_to_the_side_events_only_when_there_are_some():
    event = side_event()
    (person,) = people(event.meeting, 1)
    (alone,) = people(RegistrationFactory().meeting, 1)
    manage = reverse("delegates:registration_manage", args=[links.SESSION_URL_TOKEN])
    events = reverse("side_events:events", args=[links.SESSION_URL_TOKEN])

    assert events in delegate_client(person).get(manage).content.decode()
    assert events not in delegate_client(alone).get(manage).content.decode()


def test_a_focal_point_signs_a_delegate_of_their_delegation_up():
    event = side_event(name="Official dinner")
    (person,) = people(event.meeting, 1, "VN")
    client = Client()
    client.force_login(FocalPointFactory(member=member("VN")).user)
    delegation = client.get(reverse("delegates:focal_delegation", args=[event.meeting.slug]))
    url = reverse("side_events:focal_events", args=[person.pk])
    assert url in delegation.content.decode()

    response = client.post(url, {"event": event.pk, "action": "sign_up"}, follow=True)
    assert "has a seat at Official dinner" in response.content.decode()
    assert SideEventSignup.objects.get().registration == person


def test_a_waitlisted_person_is_told_why_there_is_no_button():
    event = side_event()
    person = RegistrationFactory(meeting=event.meeting, status=RegistrationStatus.WAITLISTED,
                                 member=member("VN"))
    client = Client()
    client.force_login(FocalPointFactory(member=member("VN")).user)
    text = client.get(reverse("side_events:focal_events", args=[person.pk])).content.decode()
    assert "Only a registration holding a seat at the meeting" in text
    assert 'value="sign_up"' not in text


def test_the_desk_checks_a_person_in_at_the_event():
    event = side_event(capacity=5, name="Customs-Trade Day")
    (person,) = people(event.meeting, 1)
    signup = signup_create(event=event, registration=person)
    client = Client()
    client.force_login(editor())
    url = reverse("staff:side_event", args=[event.meeting.slug, event.pk])

    response = client.post(url, {"action": "check_in", "signup": signup.pk}, follow=True)
    assert f"{person.full_name} is checked in" in response.content.decode()
    signup.refresh_from_db()
    assert signup.attended_at is not None
    overview = client.get(reverse("staff:side_events", args=[event.meeting.slug]))
    assert "Customs-Trade Day" in overview.content.decode()
    assert [(e.taken, e.attended) for e in overview.context["events"]] == [(1, 1)]


def test_the_secretariat_signs_a_person_up_by_address_even_when_sign_up_is_closed():
    event = side_event(signup_open=False)
    (person,) = people(event.meeting, 1)
    client = Client()
    client.force_login(editor())
    url = reverse("staff:side_event", args=[event.meeting.slug, event.pk])

    response = client.post(url, {"action": "sign_up", "email": person.email.upper()},
                           follow=True)
    assert "has a seat at" in response.content.decode()
    response = client.post(url, {"action": "sign_up", "email": "nobody@example.org"},
                           follow=True)
    assert "Nobody holding a seat" in response.content.decode()
    assert SideEventSignup.objects.count() == 1


def test_a_viewer_reads_the_list_without_the_buttons():
    event = side_event()
    (person,) = people(event.meeting, 1)
    signup_create(event=event, registration=person)
    client = Client()
    client.force_login(viewer())
    text = client.get(reverse("staff:side_event", args=[event.meeting.slug, event.pk])
                      ).content.decode()
    assert person.family_name in text
    assert 'value="check_in"' not in text


def test_the_host_gets_the_events_list_with_the_diets_of_those_coming():
    import io

    from openpyxl import load_workbook
    from pypdf import PdfReader

    from logistics.services import travel_details_save

    event = side_event(capacity=2, name="Official dinner")
    vegan, plain, waiting = people(event.meeting, 3)
    travel_details_save(registration=vegan, data={"diet": "vegan"})
    for registration in (vegan, plain, waiting):
        signup_create(event=event, registration=registration)
    client = Client()
    client.force_login(viewer())

    response = client.get(reverse("staff:side_event_export",
                                  args=[event.meeting.slug, event.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [[c for c in row if c] for row in sheet.iter_rows(values_only=True)]
    assert ["2 seats held"] in cells and ["1 waiting"] in cells
    assert ["Vegan", "1"] in cells and ["No special diet", "1"] in cells
    assert ["Everyone holding a seat at the event", "2"] in cells
    pdf = client.get(reverse("staff:side_event_export",
                             args=[event.meeting.slug, event.pk, "pdf"]))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert waiting.family_name in text and "Vegan" in text
    assert client.get(reverse("staff:side_event_export",
                              args=[event.meeting.slug, event.pk, "doc"])).status_code == 404


def test_the_seats_free_are_those_the_persons_delegation_may_still_take():
    event = side_event(capacity=10, delegation_cap=1, name="Site visit")
    first, second = people(event.meeting, 2, "DE")
    signup_create(event=event, registration=first)
    text = page(delegate_client(second))
    assert "9 of 10" in text and "at most 1 per delegation: 0 left for this delegation" in text
    assert "Join the waiting list" in text


def test_the_search_survives_a_check_in_whatever_it_holds():
    event = side_event()
    (person,) = people(event.meeting, 1)
    signup = signup_create(event=event, registration=person)
    client = Client()
    client.force_login(editor())
    url = reverse("staff:side_event", args=[event.meeting.slug, event.pk])
    response = client.post(url, {"action": "check_in", "signup": signup.pk, "q": "a&b=c#d"})
    assert response.status_code == 302
    assert response.url == f"{url}?q=a%26b%3Dc%23d"


def test_the_list_of_participants_says_how_each_takes_part_and_their_side_events():
    import csv
    import io

    from delegates import services as registrations

    event = side_event(capacity=1, name="Official dinner")
    visit = side_event(event.meeting, capacity=0, name="Site visit")
    (person,) = people(event.meeting, 1)
    signup_create(event=event, registration=person)
    signup_create(event=visit, registration=person)
    registrations.registration_confirm(registration=person, actor=editor())
    client = Client()
    client.force_login(viewer())
    response = client.get(reverse("staff:participants_export",
                                  args=[event.meeting.slug, "csv"]))
    rows = list(csv.DictReader(io.StringIO(
        b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert (rows[0]["Participation"], rows[0]["Side events"]) == (
        "In person", "Official dinner; Site visit (waiting)")
