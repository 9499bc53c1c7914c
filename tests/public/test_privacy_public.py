"""No public page shows a delegate's contact, travel or passport data; names only where the
secretariat publishes the list of participants, and only of those who consented."""

import pytest
from django.urls import reverse

from delegates.enums import RegistrationStatus
from delegates.models import Registration
from tests.factories import MeetingFactory, RegistrationFactory


def public_urls(demo):
    urls = [
        "/",
        reverse("public:meeting_list"),
        reverse("public:member_list"),
        reverse("public:topic_list"),
        reverse("public:summaries_feed"),
        reverse("public:sitemap"),
        reverse("public:robots_txt"),
    ]
    for meeting in demo.values():
        urls += [
            meeting.get_absolute_url(),
            reverse("public:meeting_agenda", args=[meeting.slug]),
            meeting.series.get_absolute_url(),
        ]
        if meeting.dates_known:
            urls.append(reverse("public:meeting_ical", args=[meeting.slug]))
        urls += [plan.get_absolute_url() for plan in meeting.action_plans.all()]
    codes = Registration.objects.values_list("member__code", flat=True).distinct()
    urls += [reverse("public:member_detail", args=[code.lower()]) for code in codes]
    urls += [reverse("public:topic_detail", args=[slug]) for slug in
             ("passenger-name-records", "product-safety")]
    return urls


@pytest.fixture
def demo_published(demo):
    """The demo with every switch that could show names turned on."""
    for meeting in demo.values():
        meeting.publish_participants = True
        meeting.save()
    Registration.objects.update(
        dietary_needs="Invented vegetarian need", accessibility_needs="Invented ramp need",
        passport_number="X1234567", passport_nationality="Inventedland",
    )
    return demo


def test_no_email_phone_passport_or_needs_of_any_demo_registration_on_any_public_page(
    client, demo_published
):
    registrations = list(Registration.objects.all())
    assert len(registrations) > 100
    pages = {url: client.get(url) for url in public_urls(demo_published)}

    for url, response in pages.items():
        assert response.status_code == 200, url
        text = response.content.decode().lower()
        for registration in registrations:
            assert registration.email.lower() not in text, url
            assert registration.phone and registration.phone not in text, url
        for secret in ("x1234567", "inventedland", "invented vegetarian", "invented ramp",
                       "@example.org"):
            assert secret not in text, url


def test_names_appear_only_for_consenting_confirmed_participants(client, db):
    meeting = MeetingFactory(publish_participants=True)
    RegistrationFactory(meeting=meeting, given_name="Consenting", publish_name=True,
                        status=RegistrationStatus.CONFIRMED)
    RegistrationFactory(meeting=meeting, given_name="Private", publish_name=False,
                        status=RegistrationStatus.CONFIRMED)
    RegistrationFactory(meeting=meeting, given_name="Pending", publish_name=True,
                        status=RegistrationStatus.PENDING)

    text = client.get(f"{meeting.get_absolute_url()}participants/").text

    assert "Consenting" in text
    assert "Private" not in text
    assert "Pending" not in text


def test_no_names_when_the_meeting_does_not_publish_its_list(client, db):
    meeting = MeetingFactory(publish_participants=False)
    RegistrationFactory(meeting=meeting, given_name="Consenting", publish_name=True,
                        status=RegistrationStatus.CONFIRMED)

    response = client.get(meeting.get_absolute_url())

    assert "Consenting" not in response.text
    assert "List of participants" not in response.text
    assert client.get(f"{meeting.get_absolute_url()}participants/").status_code == 404
