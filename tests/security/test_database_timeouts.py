"""A database server that accepts connections and never answers: every page and /healthz
answer the friendly 503 within seconds instead of hanging until the app server gives up."""

import json
import socket
import time

import psycopg
import pytest
from django.core.management.utils import get_random_secret_key
from django.db import connection
from django.test import Client

from tests.security.test_deployment import _run_with_production_env
from tests.security.test_faults import _assert_friendly_503

REQUESTS = """
import json, time
import django
django.setup()
from django.conf import settings
from django.test import Client
# No collectstatic here: plain static file names instead of the production manifest.
settings.STORAGES = {**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
client = Client(raise_request_exception=False, HTTP_HOST="meetings.example.org")
answers = []
for path in ["/healthz", "/", "/meetings/", "/members/"]:
    start = time.monotonic()
    response = client.get(path, secure=True)
    answers.append([path, response.status_code, round(time.monotonic() - start, 1),
                    "The site is briefly unavailable" in response.content.decode()])
print(json.dumps(answers))
"""


@pytest.fixture
def silent_database():
    """A TCP port that accepts connections (the kernel completes them) and never answers."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    yield server.getsockname()[1]
    server.close()


def test_every_page_answers_503_within_seconds_when_the_database_never_answers(
    silent_database,
):
    result = _run_with_production_env(
        ["-c", REQUESTS],
        DJANGO_SECRET_KEY=get_random_secret_key(),
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{silent_database}/asem_customs",
        DATABASE_CONNECT_TIMEOUT="2",
    )

    assert result.returncode == 0, result.stderr[-2000:]
    answers = json.loads(result.stdout.strip().splitlines()[-1])
    assert [(path, status) for path, status, _seconds, _page in answers] == [
        ("/healthz", 503), ("/", 503), ("/meetings/", 503), ("/members/", 503),
    ]
    assert all(seconds < 6 for _path, _status, seconds, _page in answers), answers
    assert all(page for path, _status, _seconds, page in answers if path != "/healthz")


def test_connecting_to_a_silent_server_gives_up_after_the_connect_timeout(silent_database):
    start = time.monotonic()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(host="127.0.0.1", port=silent_database, user="postgres",
                        dbname="asem_customs", connect_timeout=1)

    assert time.monotonic() - start < 4


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_cancels_statements_that_run_past_the_statement_timeout(settings):
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        (timeout,) = cursor.fetchone()

    assert timeout == f"{settings.DATABASE_STATEMENT_TIMEOUT_MS // 1000}s"
    assert connection.settings_dict["OPTIONS"]["connect_timeout"] == 5


@pytest.mark.django_db
def test_psycopg_error_outside_django_wrapper_answers_friendly_503(settings):
    settings.ROOT_URLCONF = "tests.security.urls_faults"
    client = Client(raise_request_exception=False)

    _assert_friendly_503(client.get("/test-faults/cursor-gone/"))
