"""Signed links to a registration: a tampered, forged, expired, superseded or dead link
answers 403 or 410 on every page it opens, shows nothing of the person, and changes nothing."""

import time

import pytest
from django.core import signing
from django.urls import reverse

from delegates import links, services
from delegates.enums import RegistrationStatus as Status
from delegates.models import Registration, RegistrationLogEntry
from secretariat import privacy
from tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db

ACTIONS = ["manage", "change", "cancel"]
PERSONAL = {
    "given_name": "Sakura", "family_name": "Watanabe", "email": "sakura.w@jp.example.org",
    "phone": "+81 3 0000 0000", "passport_number": "TZ9876543",
    "dietary_needs": "No shellfish",
}


@pytest.fixture
def registration():
    return RegistrationFactory(**PERSONAL)


def _url(token, action):
    return reverse(f"delegates:registration_{action}", args=[token])


def _expired_token(registration):
    class SignedLongAgo(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time()) - (links.MAX_AGE_DAYS + 1) * 86400)

    return SignedLongAgo(salt=links.SALT).sign_object(
        {"r": registration.pk, "v": registration.link_version})


def _tampered_token(registration):
    token = links.registration_token(registration)
    return token[:-1] + ("A" if token[-1] != "A" else "B")


def _forged_token(registration):
    # Right shape, signed with another salt (another purpose of the same secret key).
    return signing.dumps({"r": registration.pk, "v": registration.link_version})


def _superseded_token(registration):
    token = links.registration_token(registration)
    Registration.objects.filter(pk=registration.pk).update(
        link_version=registration.link_version + 1)
    return token


def _cancelled_token(registration):
    token = links.registration_token(registration)
    services.registration_cancel(registration=registration)
    return token


def _anonymised_token(registration):
    token = links.registration_token(registration)
    privacy.anonymise_registration(registration=registration)
    return token


def _deleted_token(registration):
    token = links.registration_token(registration)
    registration.log_entries.all().delete()
    registration.emails.all().delete()
    Registration.objects.filter(pk=registration.pk).delete()
    return token


BAD_LINKS = [
    ("tampered", _tampered_token, 403),
    ("forged", _forged_token, 403),
    ("garbage", lambda registration: "not-a-token", 403),
    ("expired", _expired_token, 410),
    ("superseded", _superseded_token, 410),
    ("cancelled", _cancelled_token, 410),
    ("anonymised", _anonymised_token, 410),
    ("deleted", _deleted_token, 410),
]


def _assert_leaks_nothing(response, registration):
    body = response.content.decode()
    for value in (*PERSONAL.values(), registration.badge_code):
        assert value not in body
    assert "csrfmiddlewaretoken" not in body  # no form to act on
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize(("kind", "make_token", "status"), BAD_LINKS,
                         ids=[kind for kind, *_ in BAD_LINKS])
@pytest.mark.parametrize("action", ACTIONS)
def test_bad_link_answers_clear_page_and_leaks_nothing(client, registration, kind,
                                                      make_token, status, action):
    token = make_token(registration)

    response = client.get(_url(token, action))

    assert response.status_code == status
    _assert_leaks_nothing(response, registration)
    assert "This link" in response.content.decode() or "This registration" in \
        response.content.decode()


@pytest.mark.parametrize(("kind", "make_token", "status"), BAD_LINKS,
                         ids=[kind for kind, *_ in BAD_LINKS])
@pytest.mark.parametrize("action", ["change", "cancel"])
def test_bad_link_post_changes_nothing(client, registration, kind, make_token, status,
                                       action):
    token = make_token(registration)
    before = list(Registration.objects.values())
    entries = RegistrationLogEntry.objects.count()

    response = client.post(_url(token, action), {"given_name": "Mallory",
                                                 "family_name": "Mallory"})

    assert response.status_code == status
    _assert_leaks_nothing(response, registration)
    assert list(Registration.objects.values()) == before
    assert RegistrationLogEntry.objects.count() == entries


def test_good_link_still_works(client, registration):
    response = client.get(_url(links.registration_token(registration), "manage"), follow=True)

    assert response.redirect_chain == [("/registrations/current/", 302)]
    assert response.status_code == 200
    assert "Watanabe" in response.content.decode()
    assert registration.status == Status.PENDING
