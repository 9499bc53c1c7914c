"""Personal API tokens: made and revoked by their owner on /api/tokens/, shown once, stored
hashed, refused once expired or revoked."""

import datetime as dt
import hashlib

import pytest
from django.test import Client as PlainClient
from django.utils import timezone

from api.models import ApiToken
from tests.api.conftest import client_with, token_for
from tests.delegates.staff_helpers import editor, viewer
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"


def test_token_page_needs_a_focal_point_or_staff(client):
    assert client.get("/api/tokens/").status_code == 302
    client.force_login(UserFactory())
    assert client.get("/api/tokens/").status_code == 403


def test_focal_point_makes_a_token_shown_once_and_stored_hashed(client, focal_de):
    client.force_login(focal_de)
    response = client.post("/api/tokens/", {"name": "HR system", "scope": "write", "days": 90})
    assert response.status_code == 200
    plaintext = response.context["new_token"]
    assert plaintext.startswith("asem_") and plaintext in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get(user=focal_de)
    assert (token.name, token.scope) == ("HR system", "write")
    assert token.digest == hashlib.sha512(plaintext.encode()).hexdigest()
    assert plaintext not in str(ApiToken.objects.values().get())
    assert dt.timedelta(days=89) < token.expiry - timezone.now() <= dt.timedelta(days=90)
    again = client.get("/api/tokens/")
    assert plaintext not in again.content.decode()
    assert token.token_key in again.content.decode()
    assert client_with(plaintext).get("/api/v1/registrations/").status_code == 200


def test_viewer_may_make_read_tokens_only(client):
    the_viewer = viewer()
    client.force_login(the_viewer)
    response = client.post("/api/tokens/", {"name": "Report", "scope": "write", "days": 30})
    assert response.context["new_token"] is None
    assert "scope" in response.context["form"].errors
    client.post("/api/tokens/", {"name": "Report", "scope": "read", "days": 30})
    assert ApiToken.objects.get(user=the_viewer).scope == "read"


def test_a_token_longer_than_allowed_is_refused(client, focal_de, settings):
    settings.API_TOKEN_MAX_DAYS = 90
    client.force_login(focal_de)
    response = client.post("/api/tokens/", {"name": "x", "scope": "read", "days": 365})
    assert "days" in response.context["form"].errors
    assert not ApiToken.objects.exists()


def test_passport_holders_make_tokens_after_the_second_factor_only():
    the_editor = editor()
    plain = PlainClient()
    plain.force_login(the_editor)
    response = plain.get("/api/tokens/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/two-step/")


def test_owner_revokes_a_token_and_it_stops_working(client, focal_de):
    plaintext = token_for(focal_de)
    token = ApiToken.objects.get(user=focal_de)
    client.force_login(focal_de)
    response = client.post(f"/api/tokens/{token.token_key}/revoke/")
    assert response.status_code == 302
    assert not ApiToken.objects.exists()
    refused = client_with(plaintext).get("/api/v1/registrations/")
    assert refused.status_code == 401
    assert refused["Content-Type"] == PROBLEM
    assert refused.json()["detail"] == "Invalid token."


def test_nobody_revokes_another_persons_token(client, focal_de, focal_fr):
    token_for(focal_fr)
    token = ApiToken.objects.get(user=focal_fr)
    client.force_login(focal_de)
    assert client.post(f"/api/tokens/{token.token_key}/revoke/").status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_an_expired_token_is_refused(focal_de):
    plaintext = token_for(focal_de)
    ApiToken.objects.update(expiry=timezone.now() - dt.timedelta(seconds=1))
    response = client_with(plaintext).get("/api/v1/registrations/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"


def test_a_token_of_a_deactivated_person_is_refused(focal_de):
    plaintext = token_for(focal_de)
    focal_de.is_active = False
    focal_de.save()
    assert client_with(plaintext).get("/api/v1/registrations/").status_code == 401


def test_a_malformed_token_is_refused(focal_de):
    response = client_with("asem_not-hex\u00e9").get("/api/v1/registrations/")
    assert response.status_code == 401


def test_token_use_is_recorded(focal_de):
    plaintext = token_for(focal_de)
    client_with(plaintext).get("/api/v1/registrations/")
    assert ApiToken.objects.get().last_used_at is not None


def test_tokens_are_throttled_each_on_its_own(focal_de, settings):
    settings.API_TOKEN_RATE = "2/minute"
    first, second = client_with(token_for(focal_de)), client_with(token_for(focal_de))
    assert [first.get("/api/v1/registrations/").status_code for _ in range(3)] == [200, 200, 429]
    assert second.get("/api/v1/registrations/").status_code == 200


def test_focal_points_and_staff_find_the_token_page(client, focal_de):
    client.force_login(focal_de)
    assert 'href="/api/tokens/"' in client.get("/focal/").content.decode()
    client.force_login(viewer())
    assert 'href="/api/tokens/"' in client.get("/staff/").content.decode()
