"""Who reaches the secretariat's pages, and what the others see: sign-in for those not signed
in (and back to the page), a 403 that says why for those without access, and the links that
lead staff to their tools."""

import uuid

import pytest

from tests.delegates.staff_helpers import editor, viewer
from tests.factories import FocalPointFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    return MeetingFactory()


def staff_pages(meeting):
    return [
        "/staff/",
        f"/staff/{meeting.slug}/",
        f"/staff/{meeting.slug}/badges/",
        f"/staff/{meeting.slug}/check-in/",
        f"/staff/{meeting.slug}/import/",
        f"/staff/{meeting.slug}/visa-letters/",
        f"/staff/jobs/{uuid.uuid4()}/",
        "/staff/privacy/",
        "/plans/secretariat/reports/",
        "/focal/",
    ]


def test_signed_out_person_is_sent_to_sign_in_and_back(client, meeting):
    for url in staff_pages(meeting):
        response = client.get(url)
        assert (response.status_code, response.url) == (302, f"/accounts/login/?next={url}"), url


def test_signed_out_check_in_desk_is_sent_to_sign_in(client, meeting):
    response = client.post(f"/staff/{meeting.slug}/check-in/scan/", {"code": "K7QX-M2PD-9RTA"},
                           HTTP_ACCEPT="application/json")

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next=/staff/{meeting.slug}/check-in/scan/"


def test_signed_in_without_access_gets_a_403_that_says_why(client, meeting):
    focal = FocalPointFactory()
    client.force_login(focal.user)

    response = client.get(f"/staff/{meeting.slug}/")

    assert response.status_code == 403
    assert "ask the secretariat for access" in response.text
    assert f"You are signed in as {focal.user.username}." in response.text
    assert (f'href="/accounts/login/?next=/staff/{meeting.slug}/"' in response.text)
    assert "Sign in with another account" in response.text


def test_viewer_at_the_check_in_desk_is_told_it_is_for_editors(client, meeting):
    client.force_login(viewer())

    response = client.get(f"/staff/{meeting.slug}/check-in/")

    assert response.status_code == 403
    assert "check-in and import are for secretariat editors" in response.text


def test_viewer_asking_for_personal_data_tools_is_told_who_may(client):
    client.force_login(viewer())

    response = client.get("/staff/privacy/")

    assert response.status_code == 403
    assert "who may see passport details handle requests about personal data" in response.text


def test_footer_offers_sign_in_only_to_signed_out_people(client):
    page = client.get("/")

    assert '<a href="/accounts/login/">Sign in</a>' in page.text
    assert 'href="/admin/"' not in page.text
    assert "Secretariat workspace" not in page.text


def test_footer_leads_signed_in_staff_to_their_workspace(client):
    client.force_login(viewer())

    page = client.get("/")

    assert '<a href="/staff/">Secretariat workspace</a>' in page.text
    assert '<a href="/accounts/login/">Sign in</a>' not in page.text


def test_footer_shows_no_sign_in_to_a_signed_in_focal_point(client):
    client.force_login(FocalPointFactory().user)

    page = client.get("/")

    assert page.status_code == 200
    assert "Sign in" not in page.text
    assert "sign-in" not in page.text
    assert "Secretariat workspace" not in page.text


def test_workspace_links_review_queue_and_personal_data_tools_for_editors(client):
    client.force_login(editor())

    page = client.get("/staff/")

    assert 'href="/plans/secretariat/reports/">Progress reports to review</a>' in page.text
    assert 'href="/staff/privacy/">Requests about personal data</a>' in page.text
    assert client.get("/plans/secretariat/reports/").status_code == 200
    assert client.get("/staff/privacy/").status_code == 200


def test_workspace_shows_viewers_only_the_tools_they_may_use(client):
    client.force_login(viewer())

    page = client.get("/staff/")

    assert page.status_code == 200
    assert "Progress reports to review" not in page.text
    assert "Requests about personal data" not in page.text
