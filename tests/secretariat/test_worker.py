"""A real Celery worker against Redis and PostgreSQL: a job started through one app server is
run by the worker and seen finished through another app server, because its state lives in
the shared database and its file in the shared storage. The two app servers and the worker are
separate processes sharing one database and one Redis (database 6 is this suite's broker); this
test process only prepares the data and watches, so its own Celery set-up is left untouched."""

import os
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection

from secretariat.models import Job
from tests.delegates.staff_helpers import viewer

from .helpers import BADGE_COUNT, crowded_meeting

BROKER = "redis://127.0.0.1:6379/6"
pytestmark = [pytest.mark.postgres, pytest.mark.redis,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# An app server: a fresh process that signs in as the person and starts a job or reads it.
APP_SERVER = """
import sys, django
django.setup()
from django.contrib.auth import get_user_model
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
client = Client()
client.force_login(get_user_model().objects.get(username=sys.argv[1]))
if sys.argv[2] == "start":
    response = client.post(f"/staff/{sys.argv[3]}/badges/", {"layout": "sheet"})
    print(response.status_code, response.url.rstrip("/").split("/")[-1])
else:
    page = client.get(f"/staff/jobs/{sys.argv[3]}/")
    download = client.get(f"/staff/jobs/{sys.argv[3]}/download/")
    body = b"".join(download.streaming_content)[:5] if download.streaming else b""
    print(page.status_code, download.status_code, body.decode("latin-1"))
    print(page.text)
"""


def _environment(media_root):
    database = connection.settings_dict
    return {
        **os.environ,
        "DATABASE_URL": (f"postgres://{database['USER']}@{database['HOST']}:"
                         f"{database['PORT']}/{database['NAME']}"),
        "CELERY_BROKER_URL": BROKER,
        "MEDIA_ROOT": str(media_root),
        "DJANGO_SECRET_KEY": "worker-test-only-not-a-secret",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SETTINGS_MODULE": "asem_customs.settings",
    }


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def worker(tmp_path, media):
    log = (tmp_path / "worker.log").open("w")
    process = subprocess.Popen(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-m", "celery", "-A", "asem_customs", "worker", "--pool=solo",
         "--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "info"],
        cwd=settings.BASE_DIR, env=_environment(media), stdout=log,
        stderr=subprocess.STDOUT)
    yield process
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    log.close()


def _app_server(media, *arguments):
    """Run one request of an app server in a process of its own, with the broker set."""
    return subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-c", APP_SERVER, *arguments],
        cwd=settings.BASE_DIR, env={**_environment(media),
                                    "DJANGO_SETTINGS_MODULE": "asem_customs.test_settings"},
        capture_output=True, text=True, timeout=120, check=True)


def test_a_job_started_on_one_server_is_seen_finished_on_another(tmp_path, media, worker):
    import redis

    redis.Redis.from_url(BROKER).flushdb()
    meeting = crowded_meeting()
    viewer("worker-test-viewer")

    started = _app_server(media, "worker-test-viewer", "start", meeting.slug)
    code, token = started.stdout.split()
    deadline = time.monotonic() + 120
    while Job.objects.get(public_id=token).state != "done" and time.monotonic() < deadline:
        assert worker.poll() is None, (tmp_path / "worker.log").read_text()
        time.sleep(0.5)
    other = _app_server(media, "worker-test-viewer", "read", token)
    status, page = other.stdout.split("\n", 1)

    assert code == "302", started.stderr
    assert status == "200 200 %PDF-", (other.stderr, (tmp_path / "worker.log").read_text())
    assert f"Ready: {BADGE_COUNT} done." in page
