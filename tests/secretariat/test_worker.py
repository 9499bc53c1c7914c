"""A real Celery worker against Redis and PostgreSQL: a job started through one app server
(this test process) is run by the worker and seen finished through another app server (a
second process), because its state lives in the shared database and its file in the shared
storage. Redis database 6 is this suite's broker."""

import os
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection

from secretariat.models import Job
from tests.delegates.staff_helpers import viewer

from .helpers import BADGE_COUNT, crowded_meeting, token_of

BROKER = "redis://127.0.0.1:6379/6"
pytestmark = [pytest.mark.postgres, pytest.mark.redis,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# The second app server: a fresh process that signs in as the person and reads the pages.
OTHER_SERVER = """
import sys, django
django.setup()
from django.contrib.auth import get_user_model
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
client = Client()
client.force_login(get_user_model().objects.get(username=sys.argv[1]))
page = client.get(f"/staff/jobs/{sys.argv[2]}/")
download = client.get(f"/staff/jobs/{sys.argv[2]}/download/")
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
def broker():
    """This process sends its tasks to Redis instead of running them itself."""
    import redis

    from asem_customs.celery import app

    redis.Redis.from_url(BROKER).flushdb()
    saved = app.conf.broker_url, app.conf.task_always_eager
    app.conf.broker_url, app.conf.task_always_eager = BROKER, False
    _forget_connections(app)
    yield app
    app.conf.broker_url, app.conf.task_always_eager = saved
    _forget_connections(app)


def _forget_connections(app):
    """Connections made with the other broker address are dropped, not reused."""
    if app._pool is not None:
        app._pool.force_close_all()
    app._pool = None
    app.amqp._producer_pool = None


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


def test_a_job_started_on_one_server_is_seen_finished_on_another(
        client, settings, tmp_path, media, broker, worker):
    meeting = crowded_meeting()
    client.force_login(viewer("worker-test-viewer"))

    response = client.post(f"/staff/{meeting.slug}/badges/", {"layout": "sheet"})
    token = token_of(response)
    deadline = time.monotonic() + 120
    while Job.objects.get(public_id=token).state != "done" and time.monotonic() < deadline:
        assert worker.poll() is None, (tmp_path / "worker.log").read_text()
        time.sleep(0.5)
    other = subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-c", OTHER_SERVER, "worker-test-viewer", token],
        cwd=settings.BASE_DIR, env={**_environment(media),
                                    "DJANGO_SETTINGS_MODULE": "asem_customs.test_settings"},
        capture_output=True, text=True, timeout=120, check=True)
    status, page = other.stdout.split("\n", 1)

    assert status == "200 200 %PDF-", (other.stderr, (tmp_path / "worker.log").read_text())
    assert f"Ready: {BADGE_COUNT} done." in page
