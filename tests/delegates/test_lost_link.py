""""Lost your link?": a delegate gets their signed link again by giving their address; the page
answers the same for an address nobody registered, is rate-limited, and cannot flood an
address."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from delegates.enums import RegistrationStatus
from delegates.models import RegistrationLogEntry
from mail.models import OutgoingEmail
from tests.factories import MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.django_db
URL = "/registrations/lost-link/"


def _ask(client, email, meeting=None, address="198.51.100.7"):
    data = {"email": email, "meeting": meeting.pk if meeting else ""}
    return client.post(URL, data, REMOTE_ADDR=address)


@pytest.fixture
def registration():
    return RegistrationFactory(meeting=MeetingFactory(title="Thirteenth Meeting"),
                               email="ana.example@example.org", given_name="Ana",
                               family_name="Example")


def test_a_registered_address_gets_its_working_link_again(
        client, registration, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _ask(client, "Ana.Example@example.org")

    assert response.status_code == 302
    assert response["Location"] == reverse("delegates:lost_link_sent")
    assert [message.to for message in mail.outbox] == [["ana.example@example.org"]]
    assert mail.outbox[0].subject == "Your registration link: Thirteenth Meeting"
    link = re.search(r"https?://[^/\s]+(/registrations/\S+/)", mail.outbox[0].body).group(1)
    page = client.get(link, follow=True)
    assert page.status_code == 200
    assert "Ana Example" in page.text
    assert RegistrationLogEntry.objects.filter(
        registration=registration, action="delegates.registration.link_resent").count() == 1


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, registration):
    known = _ask(client, "ana.example@example.org")
    unknown = _ask(client, "nobody@example.org")
    known_page = client.get(known["Location"])
    unknown_page = client.get(unknown["Location"])

    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    assert unknown_page.content == known_page.content
    assert OutgoingEmail.objects.filter(to="nobody@example.org").count() == 0


def test_only_the_meeting_asked_for_and_only_active_registrations(client, registration):
    other = RegistrationFactory(email="ana.example@example.org", meeting=MeetingFactory())
    RegistrationFactory(email="ana.example@example.org", meeting=MeetingFactory(),
                        status=RegistrationStatus.CANCELLED)

    _ask(client, "ana.example@example.org", meeting=registration.meeting)

    assert list(OutgoingEmail.objects.values_list("registration", flat=True)) == [
        registration.pk]
    assert other.emails.count() == 0


def test_asking_again_soon_sends_nothing_more(client, registration):
    _ask(client, "ana.example@example.org")
    _ask(client, "ana.example@example.org", address="198.51.100.8")

    assert OutgoingEmail.objects.filter(kind="registration_link").count() == 1


def test_the_page_is_rate_limited_per_client_address(client, settings, registration):
    settings.LOST_LINK_RATE_LIMIT = "2/h"
    for _ in range(2):
        _ask(client, "nobody@example.org")

    limited = _ask(client, "ana.example@example.org")
    other_client = _ask(client, "nobody@example.org", address="198.51.100.99")

    assert limited.status_code == 429
    assert OutgoingEmail.objects.count() == 0
    assert other_client.status_code == 302


def test_the_form_shows_errors_for_a_bad_address(client):
    response = client.post(URL, {"email": "not an address"})

    assert response.status_code == 200
    assert "Enter a valid email address." in response.text


def test_a_broken_link_page_points_to_the_lost_link_page(client):
    response = client.get("/registrations/not-a-token/")

    assert URL in response.text
