import os

import pytest
from django.db import connection


def pytest_configure(config):
    """The suite reads the compiled catalogues: compile those older than their .po (as
    `make install` does), so that `pytest` alone tests today's translations."""
    from scripts.compile_messages import compile_all

    compile_all()


def _running_in_ci():
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture(autouse=True)
def _postgres_only(request):
    """Tests marked `postgres` need PostgreSQL: they fail in CI without it, skip elsewhere."""
    if request.node.get_closest_marker("postgres") is None:
        return
    if connection.vendor == "postgresql":
        return
    message = "needs PostgreSQL: set DATABASE_URL=postgres://postgres@127.0.0.1:5432/asem_customs"
    if _running_in_ci():
        pytest.fail(message)
    pytest.skip(message)


def _redis_reachable():
    import redis

    try:
        return redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        return False


@pytest.fixture(autouse=True)
def _redis_only(request):
    """Tests marked `redis` need Redis on 127.0.0.1:6379: they fail in CI without it (.ci/run
    starts it), skip elsewhere."""
    if request.node.get_closest_marker("redis") is None or _redis_reachable():
        return
    message = "needs Redis on 127.0.0.1:6379"
    if _running_in_ci():
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(autouse=True)
def _media_of_the_test(settings, tmp_path_factory):
    """Files a test stores (documents, attachments, job results; the demo's documents) go to
    a folder of its own, never to the checkout's `media/`."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _english_at_the_start():
    """Each test starts in English: a request read in French leaves French active in the
    thread (LocaleMiddleware activates it and nothing deactivates it), and translated fields
    and their lookups follow the active language."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: cached public pages never leak between tests."""
    from django.core.cache import cache

    from meetings.page_cache import _dependency_hints

    cache.clear()
    _dependency_hints.clear()
    yield
    cache.clear()


def _load_demo_content():
    """The demo as `load_demo` loads it, less the documents and the record: the 12th, 13th
    and demonstration meetings, with registrations, progress reports and credentials."""
    from demo.accreditation import load_accreditation
    from demo.meetings import load_meetings
    from demo.progress import load_progress
    from demo.registrations import load_demo_meeting_registrations, load_twelfth_registrations

    twelfth, thirteenth, demonstration = load_meetings()
    load_progress(twelfth, thirteenth)
    load_twelfth_registrations(twelfth)
    load_demo_meeting_registrations(demonstration)
    load_accreditation(demonstration)
    return {"twelfth": twelfth.pk, "thirteenth": thirteenth.pk, "demonstration": demonstration.pk}


def _take_snapshot(load, django_db_blocker, tmp_path_factory):
    """`tests.snapshots.take(load)` with the files it stores in a folder of their own and
    the mail it sends kept out of the outbox."""
    from django.core import mail
    from django.test import override_settings

    from tests.snapshots import take

    outbox = list(getattr(mail, "outbox", []))
    with django_db_blocker.unblock(), override_settings(
            MEDIA_ROOT=str(tmp_path_factory.mktemp("snapshot-media"))):
        snapshot = take(load)
    mail.outbox = outbox
    return snapshot


@pytest.fixture(scope="session")
def _demo_snapshot(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, loaded once per test process (tests/snapshots.py)."""
    return _take_snapshot(_load_demo_content, django_db_blocker, tmp_path_factory)


@pytest.fixture
def demo(db, _demo_snapshot):
    """The demo as `load_demo` loads it, less the documents and the record: the 12th, 13th
    and demonstration meetings (written back from a snapshot, see tests/snapshots.py)."""
    from meetings.models import Meeting

    meetings = _demo_snapshot.restore()
    return {name: Meeting.objects.get(pk=pk) for name, pk in meetings.items()}


def _run_load_demo():
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)


@pytest.fixture(scope="session")
def _load_demo_snapshot(django_db_setup, django_db_blocker, tmp_path_factory):
    return _take_snapshot(_run_load_demo, django_db_blocker, tmp_path_factory)


@pytest.fixture
def loaded_demo(db, _load_demo_snapshot):
    """The database as `manage.py load_demo` leaves it, documents and record included
    (written back from a snapshot taken once per test process)."""
    _load_demo_snapshot.restore()


@pytest.fixture
def client():
    """The test client; its `force_login` signs staff in with both factors (staff_helpers)."""
    from tests.delegates.staff_helpers import Client

    return Client()


@pytest.fixture
def admin_client(db, admin_user):
    from tests.delegates.staff_helpers import Client

    client = Client()
    client.force_login(admin_user)
    return client
