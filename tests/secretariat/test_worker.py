"""A real Celery worker against Redis and PostgreSQL: a job started through one app server is
run by the worker and seen finished through another app server, because its state lives in
the shared database and its file in the shared storage; the mail of registrations made on
two app servers is sent by the worker, the hand-off between them kept in the shared cache.
The app servers and the worker are separate processes sharing one database and one Redis
(database 6 is this suite's broker, 7 its cache); this test process only prepares the data
and watches, so its own Celery set-up is left untouched."""

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
CACHE = "redis://127.0.0.1:6379/7"
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

# An app server registering delegates with the production settings (the shared Redis cache
# holds the mail hand-off): argv is the meeting, the member and the addresses.
MAIL_APP_SERVER = """
import sys, django
django.setup()
from django.utils import timezone
from delegates import services
from meetings.models import Meeting, Member
meeting, member = Meeting.objects.get(pk=sys.argv[1]), Member.objects.get(pk=sys.argv[2])
for address in sys.argv[3:]:
    services.registration_submit(meeting=meeting, data={
        "member": member, "given_name": "Worker", "family_name": "Test", "email": address,
        "role": "delegate", "privacy_consent_at": timezone.now()})
"""


def _environment(media_root):
    database = connection.settings_dict
    return {
        **os.environ,
        "DATABASE_URL": (f"postgres://{database['USER']}@{database['HOST']}:"
                         f"{database['PORT']}/{database['NAME']}"),
        "CELERY_BROKER_URL": BROKER,
        "CACHE_URL": CACHE,
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


def test_the_mail_of_registrations_on_two_app_servers_is_sent_by_the_worker(
        tmp_path, media, worker):
    import redis

    from mail.models import OutgoingEmail
    from tests.factories import MeetingFactory, member

    redis.Redis.from_url(BROKER).flushdb()
    redis.Redis.from_url(CACHE).flushdb()
    meeting = MeetingFactory()
    addresses = [f"delegate{n}@example.org" for n in range(6)]
    for server in (addresses[:3], addresses[3:]):
        subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
            [sys.executable, "-c", MAIL_APP_SERVER, str(meeting.pk), str(member("VN").pk),
             *server], cwd=settings.BASE_DIR, env=_environment(media), capture_output=True,
            text=True, timeout=120, check=True)
    queued = OutgoingEmail.objects.filter(to__in=addresses)
    deadline = time.monotonic() + 60
    while queued.filter(sent_at__isnull=True).exists() and time.monotonic() < deadline:
        assert worker.poll() is None, (tmp_path / "worker.log").read_text()
        time.sleep(0.2)

    log = (tmp_path / "worker.log").read_text()
    assert queued.count() == 6
    assert not queued.filter(sent_at__isnull=True).exists(), log
    assert "mail.tasks.send_handed_off_mail" in log
    assert all(f"To: {address}" in log for address in addresses), log
