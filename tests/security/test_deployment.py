"""Production settings: check --deploy, debug off, secret key required, friendly errors."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management.utils import get_random_secret_key
from django.test import Client
from django.urls import get_resolver

from asem_customs import views

BASE_DIR = Path(__file__).resolve().parents[2]


def _run_with_production_env(code_or_args, **extra_env):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key != "PYTEST_XDIST_WORKER"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="asem_customs.settings",
        DJANGO_ALLOWED_HOSTS="meetings.example.org",
        # Production as its environment alone sets it: not the demo's `.env` that `make run`
        # may have left in the project folder (debug on, its own secret key).
        DJANGO_ENV_FILE="",
    )
    env.update(extra_env)
    return subprocess.run(  # noqa: S603
        [sys.executable, *code_or_args],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120, check=False,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = _run_with_production_env(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DJANGO_SECRET_KEY=get_random_secret_key(),
        DJANGO_DEBUG="0",
        CACHE_URL="redis://127.0.0.1:6379/7",  # production shares its cache between workers
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_check_deploy_warns_when_the_rate_limit_would_count_per_process():
    result = _run_with_production_env(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DJANGO_SECRET_KEY=get_random_secret_key(),
        DJANGO_DEBUG="0",
        CACHE_URL="locmemcache://",
    )

    assert result.returncode == 1
    assert "(asem_customs.W010) The registration rate limit counts in the cache" in (
        result.stderr)


def test_debug_is_off_when_not_set():
    result = _run_with_production_env(
        ["-c", "from django.conf import settings; print(settings.DEBUG)"],
        DJANGO_SECRET_KEY=get_random_secret_key(),
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_production_refuses_to_start_without_secret_key():
    result = _run_with_production_env(
        ["-c", "from django.conf import settings; print(settings.DEBUG)"],
        DJANGO_SECRET_KEY="",
    )

    assert result.returncode == 1
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_settings_are_hardened(settings):
    # Read from the module as production would import it (test settings only add to it).
    from asem_customs import settings as production

    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert production.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert production.SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_PROTO", "https")
    assert production.X_FRAME_OPTIONS == "DENY"
    assert production.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"


def test_server_error_page_is_friendly_and_leaks_nothing(db, settings):
    settings.ROOT_URLCONF = "tests.security.urls_faults"
    client = Client(raise_request_exception=False)

    response = client.get("/test-faults/crash/")

    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong on our side" in body
    assert "secret detail" not in body
    assert "Traceback" not in body
    assert "Content-Security-Policy" in response.headers


def test_site_urlconf_uses_the_friendly_server_error_view():
    assert get_resolver().resolve_error_handler(500) is views.server_error


@pytest.mark.parametrize("path", ["/", "/admin/login/", "/accounts/login/"])
def test_every_page_carries_a_strict_content_security_policy(client, db, path):
    response = client.get(path)

    header = response.headers["Content-Security-Policy"]
    policy = dict(part.strip().split(" ", 1) for part in header.split(";"))
    assert policy["script-src"] == "'self'"
    assert policy["default-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"
    assert "unsafe-inline" not in header
    assert "unsafe-eval" not in header


@pytest.mark.parametrize("secret", ["$" + "k" * 49, "$DJANGO_DEBUG-not-a-reference", r"a\$b$c"])
def test_secret_key_starting_with_a_dollar_is_read_as_written(secret):
    result = _run_with_production_env(
        ["-c", "from django.conf import settings; print(settings.SECRET_KEY)"],
        DJANGO_SECRET_KEY=secret,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == secret


def test_urls_and_addresses_are_read_as_written():
    result = _run_with_production_env(
        ["-c", "from django.conf import settings; "
               "print(settings.EMAIL_HOST_PASSWORD); print(settings.SITE_URL)"],
        DJANGO_SECRET_KEY=get_random_secret_key(),
        EMAIL_URL="smtp+tls://mailer:$ecret@mail.example.org:587",
        SITE_URL="$SITE",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["$ecret", "$SITE"]


def test_the_secretariat_address_is_read_from_the_environment():
    read = ["-c", "from django.conf import settings; print(settings.SECRETARIAT_EMAIL)"]
    default = _run_with_production_env(
        read, DJANGO_SECRET_KEY=get_random_secret_key(),
        DEFAULT_FROM_EMAIL="Customs Secretariat <office@example.org>")
    chosen = _run_with_production_env(
        read, DJANGO_SECRET_KEY=get_random_secret_key(),
        SECRETARIAT_EMAIL="review@example.org")

    assert (default.returncode, chosen.returncode) == (0, 0), default.stderr + chosen.stderr
    assert (default.stdout.strip(), chosen.stdout.strip()) == (
        "office@example.org", "review@example.org")
