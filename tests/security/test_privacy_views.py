"""Staff pages for a person's data: editors find, export and erase; nobody else gets in."""

import json

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from delegates.models import Registration
from tests.factories import FocalPointFactory, RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db

EMAIL = "lan.tran@vn.example.org"


@pytest.fixture
def editor(client):
    user = UserFactory(username="editor", is_staff=True)
    user.groups.add(Group.objects.get(name="Secretariat editor"))
    client.force_login(user)
    return user


def _user_in(group):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.mark.parametrize("name", ["person", "export", "erase"])
def test_privacy_pages_refuse_viewers_and_focal_points(client, name):
    url = reverse(f"privacy:{name}")
    for user in (_user_in("Secretariat viewer"), FocalPointFactory().user):
        client.force_login(user)
        assert client.post(url, {"email": EMAIL, "confirm": "on"}).status_code == 403


def test_privacy_page_sends_anonymous_visitors_to_sign_in(client):
    response = client.get(reverse("privacy:person"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_privacy_page_finds_what_is_held(client, editor):
    RegistrationFactory(email=EMAIL, given_name="Lan", family_name="Tran")

    response = client.post(reverse("privacy:person"), {"email": EMAIL.upper()})

    content = response.content.decode()
    assert response.status_code == 200
    assert "Lan Tran" in content
    assert "no-store" in response["Cache-Control"]


def test_privacy_export_downloads_json(client, editor):
    registration = RegistrationFactory(email=EMAIL, passport_number="C1234567")

    response = client.post(reverse("privacy:export"), {"email": EMAIL})

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="personal-data.json"'
    data = json.loads(response.content)
    assert [r["id"] for r in data["registrations"]] == [registration.pk]
    assert data["registrations"][0]["passport_number"] == "C1234567"
    assert data["exported_by"] == "editor"


def test_privacy_erase_needs_confirmation(client, editor):
    RegistrationFactory(email=EMAIL)

    response = client.post(reverse("privacy:erase"), {"email": EMAIL})

    assert response.status_code == 302
    assert Registration.objects.get().anonymised_at is None


def test_privacy_erase_anonymises(client, editor):
    RegistrationFactory(email=EMAIL)

    response = client.post(reverse("privacy:erase"), {"email": EMAIL, "confirm": "on"},
                           follow=True)

    assert response.status_code == 200
    assert "Erased. Registrations anonymised: 1 (cancelled first: 1)." in response.content.decode()
    assert Registration.objects.get().anonymised_at is not None
    assert not Registration.objects.filter(email=EMAIL).exists()


def test_privacy_export_refuses_get(client, editor):
    assert client.get(reverse("privacy:export")).status_code == 405


def test_found_records_page_gives_each_input_its_own_id(client, editor):
    RegistrationFactory(email=EMAIL)

    content = client.post(reverse("privacy:person"), {"email": EMAIL}).text

    assert content.count('id="id_email"') == 1
    assert content.count('id="id_erase_email"') == 1
    assert 'for="id_erase_confirm"' in content
