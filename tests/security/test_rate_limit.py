"""The public registration form is limited per client address (django-ratelimit, counted only
after the CSRF check); everything else is not."""

import os

import pytest
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, RequestFactory
from django.urls import reverse

from asem_customs.middleware import client_ip
from asem_customs.rate_limits import normalised_rate
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
    assert normalised_rate(settings.REGISTRATION_RATE_LIMIT) == "60/h"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("60/h", "60/h"), ("10/m", "10/m"), (" 100 / 15m ", "100/15m"), ("500/D", "500/d"),
     ("off", None), ("", None), ("OFF", None)],
)
def test_normalised_rate_reads_count_and_period(value, expected):
    assert normalised_rate(value) == expected


@pytest.mark.parametrize("value", ["60", "sixty/h", "60/w", "/h", "60/h/2"])
def test_normalised_rate_refuses_malformed_values(value):
    with pytest.raises(ImproperlyConfigured):
        normalised_rate(value)


def test_malformed_rate_is_a_system_check_error(settings):
    settings.REGISTRATION_RATE_LIMIT = "sixty/h"

    errors = [message for message in run_checks() if message.id == "asem_customs.E010"]

    assert len(errors) == 1
    assert "REGISTRATION_RATE_LIMIT must look like '60/h'" in errors[0].msg


def _csrf_token(client, url):
    client.get(url, REMOTE_ADDR=OFFICE)
    return client.cookies["csrftoken"].value


def test_posts_without_csrf_token_are_refused_and_never_lock_the_visitor_out(
    settings, register_url
):
    """A hostile page can make a visitor's browser post to the form without the token; those
    posts are refused (403) and must not use up the visitor's allowance."""
    settings.REGISTRATION_RATE_LIMIT = "2/h"
    hostile = Client(enforce_csrf_checks=True)
    statuses = [hostile.post(register_url, form_data(), REMOTE_ADDR=OFFICE).status_code
                for _ in range(5)]

    visitor = Client(enforce_csrf_checks=True)
    token = _csrf_token(visitor, register_url)
    response = visitor.post(register_url, form_data(csrfmiddlewaretoken=token),
                            REMOTE_ADDR=OFFICE)

    assert statuses == [403] * 5
    assert response.status_code == 302
    assert Registration.objects.count() == 1


def test_posts_with_csrf_token_are_counted(settings, register_url):
    settings.REGISTRATION_RATE_LIMIT = "2/h"
    visitor = Client(enforce_csrf_checks=True)
    token = _csrf_token(visitor, register_url)

    statuses = [visitor.post(register_url, {"csrfmiddlewaretoken": token},
                             REMOTE_ADDR=OFFICE).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]


def _deploy_warnings():
    return [message for message in run_checks(include_deployment_checks=True)
            if message.id == "asem_customs.W010"]


def test_check_deploy_warns_when_the_limit_counts_per_process(settings):
    settings.REGISTRATION_RATE_LIMIT = "60/h"  # the test settings use LocMemCache

    warnings = _deploy_warnings()

    assert len(warnings) == 1
    assert "each worker process counts apart" in warnings[0].msg
    assert "LocMemCache" in warnings[0].msg


def test_check_deploy_is_quiet_with_a_shared_cache_or_without_a_limit(settings):
    settings.CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache",
                                   "LOCATION": "redis://127.0.0.1:6379/7"}}
    with_redis = _deploy_warnings()
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.REGISTRATION_RATE_LIMIT = "off"

    assert (with_redis, _deploy_warnings()) == ([], [])


def test_ordinary_check_does_not_fail_on_the_demo_cache(settings):
    """django-ratelimit's own refusal of a per-process cache is silenced (the demo and
    runserver run one process); the deploy check above warns instead."""
    reported = [m.id for m in run_checks() if not m.is_silenced()]
    silenced = {m.id for m in run_checks() if m.is_silenced()}

    assert [i for i in reported if "ratelimit" in i or i.endswith("W010")] == []
    assert silenced == {"django_ratelimit.E003", "django_ratelimit.W001"}


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
        # (The pages' versions and readings live there too: only the counters are looked at.)
        keys = redis.Redis(host="127.0.0.1", port=6379, db=14).keys(f"{prefix}:*:rl:*")
    finally:
        from django.core.cache import cache

        cache.clear()

    assert statuses == [200, 200, 429]
    assert len(keys) == 1
