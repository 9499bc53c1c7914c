"""Password guessing: after AXES_FAILURE_LIMIT failures a username is locked from that
address on every sign-in page, even with the right password; other addresses still sign in."""

import pytest
from django.conf import settings
from django.http import HttpRequest

from tests.factories import UserFactory

PASSWORD = "correct-horse-battery"
LOGIN_PAGES = ["/accounts/login/", "/admin/login/?next=/admin/"]


@pytest.fixture
def staff(db):
    return UserFactory(username="clerk", is_staff=True)


def _attempt(client, url, password, address="192.0.2.10"):
    return client.post(
        url, {"username": "clerk", "password": password}, REMOTE_ADDR=address
    )


@pytest.mark.parametrize("url", LOGIN_PAGES)
def test_login_locks_out_after_failure_limit(client, staff, url):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _attempt(client, url, "wrong-guess").status_code == 200
    assert _attempt(client, url, "wrong-guess").status_code == 429

    response = _attempt(client, url, PASSWORD)

    assert response.status_code == 429
    assert "Too many attempts from your address" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("url", LOGIN_PAGES)
def test_login_lockout_does_not_reach_other_addresses(client, staff, url):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _attempt(client, url, "wrong-guess")

    response = _attempt(client, url, PASSWORD, address="198.51.100.7")

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)


def test_login_success_resets_the_failure_count(client, staff):
    url = LOGIN_PAGES[0]
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _attempt(client, url, "wrong-guess")
    assert _attempt(client, url, PASSWORD).status_code == 302
    client.logout()

    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _attempt(client, url, "wrong-guess")

    assert _attempt(client, url, PASSWORD).status_code == 302


def test_client_login_works_when_given_a_request(client, staff):
    # The axes backend needs the request; tests mostly use force_login instead.
    assert client.login(request=HttpRequest(), username="clerk", password=PASSWORD)


@pytest.mark.parametrize("url", LOGIN_PAGES)
@pytest.mark.parametrize("username", ["x" * 10_000, "clerk\x00", "\u202eclerk", "' OR 1=1 --"])
def test_login_with_hostile_username_answers_form_not_500(client, staff, url, username):
    response = client.post(url, {"username": username, "password": "wrong-guess"},
                           REMOTE_ADDR="192.0.2.10")

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_long_usernames_are_locked_out_too(client, db):
    url, username = LOGIN_PAGES[0], "y" * 10_000
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(url, {"username": username, "password": "guess"}, REMOTE_ADDR="192.0.2.10")

    response = client.post(url, {"username": username, "password": "guess"},
                           REMOTE_ADDR="192.0.2.10")

    assert response.status_code == 429
