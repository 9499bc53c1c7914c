"""The public registration form is limited per client address; everything else is not."""

import os

import pytest
from django.test import RequestFactory
from django.urls import reverse

from asem_customs.middleware import client_ip, parse_rate
from delegates.models import Registration
from tests.delegates.test_register import form_data
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

OFFICE = "203.0.113.5"


@pytest.fixture
def register_url():
    return reverse("delegates:register", args=[MeetingFactory().slug])


def _post(client, url, data=None, address=OFFICE):
    return client.post(url, data or {}, REMOTE_ADDR=address)


def test_registration_posts_within_limit_are_served(client, settings, register_url):
    settings.REGISTRATION_RATE_LIMIT = "3/h"

    statuses = [_post(client, register_url).status_code for _ in range(3)]

    assert statuses == [200, 200, 200]


def test_registration_post_over_limit_answers_429_and_stores_nothing(
    client, settings, register_url
):
    settings.REGISTRATION_RATE_LIMIT = "3/h"
    for _ in range(3):
        _post(client, register_url)

    response = _post(client, register_url, form_data())

    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    content = response.content.decode()
    assert "Too many attempts from your address" in content
    assert "Nothing you entered in the last attempt was saved." in content
    assert Registration.objects.count() == 0


def test_registration_limit_counts_each_address_apart(client, settings, register_url):
    settings.REGISTRATION_RATE_LIMIT = "2/h"
    for _ in range(3):
        _post(client, register_url)

    assert _post(client, register_url, address="198.51.100.20").status_code == 200


def test_registration_limit_leaves_reading_the_form_alone(client, settings, register_url):
    settings.REGISTRATION_RATE_LIMIT = "1/h"
    for _ in range(2):
        _post(client, register_url)

    assert client.get(register_url, REMOTE_ADDR=OFFICE).status_code == 200


def test_registration_limit_off_never_limits(client, settings, register_url):
    settings.REGISTRATION_RATE_LIMIT = "off"

    statuses = {_post(client, register_url).status_code for _ in range(5)}

    assert statuses == {200}


def test_registration_limit_default_is_generous_for_one_office(settings):
    assert parse_rate(settings.REGISTRATION_RATE_LIMIT) == (60, 3600)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("60/h", (60, 3600)), ("10/m", (10, 60)), ("100/15m", (100, 900)), ("500/d", (500, 86400)),
     ("off", None), ("", None), ("OFF", None)],
)
def test_parse_rate_reads_count_and_period(value, expected):
    assert parse_rate(value) == expected


@pytest.mark.parametrize("value", ["60", "sixty/h", "60/w", "/h", "60/h/2"])
def test_parse_rate_refuses_malformed_values(value):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        parse_rate(value)


def test_client_ip_ignores_forwarded_header_without_trusted_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="192.0.2.1"
    )

    assert client_ip(request) == "10.0.0.2"


def test_client_ip_behind_one_proxy_takes_the_address_it_saw(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.5"
    )

    assert client_ip(request) == "203.0.113.5"


def _redis_reachable():
    import redis

    try:
        return redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        return False


def test_registration_limit_is_shared_through_redis(client, settings, register_url):
    if not _redis_reachable():
        message = "needs Redis on 127.0.0.1:6379"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message)  # .ci/run starts Redis: in CI this test must run
        pytest.skip(message)
    import uuid

    import redis

    prefix = f"ratelimit-test-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    settings.CACHES = {"default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/14",
        "KEY_PREFIX": prefix,
    }}
    settings.REGISTRATION_RATE_LIMIT = "2/h"
    try:
        statuses = [_post(client, register_url).status_code for _ in range(3)]
        # Another app server reads the same counter straight from Redis.
        keys = redis.Redis(host="127.0.0.1", port=6379, db=14).keys(f"{prefix}:*")
    finally:
        from django.core.cache import cache

        cache.clear()

    assert statuses == [200, 200, 429]
    assert len(keys) == 1
