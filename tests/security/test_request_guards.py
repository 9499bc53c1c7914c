"""Oversized request bodies are refused before anything reads them; private pages are
never kept by a shared cache or the browser (`Cache-Control: no-store`)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from delegates import links
from tests.delegates.staff_helpers import editor
from tests.factories import FocalPointFactory, MeetingFactory, RegistrationFactory, member

pytestmark = pytest.mark.django_db


class UnreadableBody:
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


def test_oversized_anonymous_post_is_refused_unread_before_the_csrf_check():
    meeting = MeetingFactory()
    client = Client(enforce_csrf_checks=True, raise_request_exception=True)

    response = client.generic(
        "POST", reverse("delegates:register", args=[meeting.slug]),
        content_type="multipart/form-data; boundary=xyz",
        CONTENT_LENGTH=str(300 * 1024 * 1024), **{"wsgi.input": UnreadableBody()},
    )

    assert response.status_code == 413
    assert "What you sent is too large" in response.text
    assert "at most 55.0\xa0MB together" in response.text
    assert response["Connection"] == "close"


def test_a_body_within_the_limit_still_meets_the_csrf_check():
    meeting = MeetingFactory()
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("delegates:register", args=[meeting.slug]), {"a": "b"})

    assert response.status_code == 403


def test_upload_larger_than_the_setting_is_refused(client, settings):
    settings.MAX_REQUEST_BODY_BYTES = 1024 * 1024
    client.force_login(editor())
    upload = SimpleUploadedFile("report.pdf", b"%PDF-" + b"x" * (1024 * 1024))

    response = client.post("/plans/reports/1/edit/", {"attachments": upload})

    assert response.status_code == 413


def test_malformed_content_length_is_a_bad_request():
    response = Client().generic("POST", "/", CONTENT_LENGTH="lots")

    assert response.status_code == 400


@pytest.mark.parametrize("path", ["/staff/", "/admin/", "/staff/privacy/"])
def test_staff_pages_are_never_stored(client, path):
    client.force_login(editor())

    response = client.get(path, follow=True)

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_public_page_for_a_signed_in_person_is_never_stored(client):
    client.force_login(editor())

    assert "no-store" in client.get("/")["Cache-Control"]


def test_focal_point_pages_are_never_stored(client):
    focal_point = FocalPointFactory(member=member("DE"))
    client.force_login(focal_point.user)

    response = client.get(reverse("delegates:focal_home"))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_signed_link_page_is_never_stored_even_without_sign_in(client):
    registration = RegistrationFactory(meeting=MeetingFactory())

    # The mailed link swaps its token for the session, then the page itself shows.
    redirect = client.get(links.registration_path(registration))
    response = client.get(redirect.url)

    assert redirect.status_code == 302
    assert "no-store" in redirect["Cache-Control"]
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_anonymous_public_pages_stay_cacheable(client):
    MeetingFactory()

    response = client.get("/")

    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
