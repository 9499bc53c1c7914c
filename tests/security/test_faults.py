"""Faults: a database that stops answering, a mail server that is down, a crash midway
through an import. Visitors see a friendly page; nothing is lost and nothing is half-done."""

import datetime as dt

import pytest
from django.core import mail
from django.db import InterfaceError, OperationalError, connection
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from asem_customs.views import server_error
from delegates.models import Registration, RegistrationLogEntry
from mail.models import OutgoingEmail
from mail.outbox import send_queued
from secretariat import imports
from tests.delegates.test_register import form_data
from tests.factories import MeetingFactory, RegistrationFactory, member

SECRET = "secret-host.internal"


def _database_down(execute, sql, params, many, context):
    raise OperationalError(f"could not connect to server: {SECRET}")


def _assert_friendly_503(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "120"
    body = response.content.decode()
    assert "The site is briefly unavailable" in body
    assert SECRET not in body
    assert "Traceback" not in body


@pytest.mark.django_db
def test_page_answers_friendly_503_when_database_stops_answering():
    client = Client(raise_request_exception=False)

    with connection.execute_wrapper(_database_down):
        response = client.get(reverse("public:meeting_list"))

    _assert_friendly_503(response)


@pytest.mark.django_db
def test_healthz_answers_503_when_database_stops_answering(client):
    with connection.execute_wrapper(_database_down):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "down"}


@pytest.mark.django_db
def test_view_raising_operational_error_answers_friendly_503(settings):
    settings.ROOT_URLCONF = "tests.security.urls_faults"
    client = Client(raise_request_exception=False)

    _assert_friendly_503(client.get("/test-faults/database-gone/"))


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_server_error_outside_a_view_answers_503_for_database_errors(error):
    request = RequestFactory().get("/")
    try:
        raise error(SECRET)
    except error:
        response = server_error(request)

    _assert_friendly_503(response)


def test_server_error_for_other_errors_answers_500():
    request = RequestFactory().get("/")
    try:
        raise RuntimeError(SECRET)
    except RuntimeError:
        response = server_error(request)

    assert response.status_code == 500
    assert SECRET not in response.content.decode()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_pages_answer_friendly_503_when_postgresql_is_unreachable():
    client = Client(raise_request_exception=False)
    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict["PORT"] = "1"  # nothing listens there
    try:
        page = client.get(reverse("public:meeting_list"))
        health = client.get("/healthz")
    finally:
        connection.close()
        connection.settings_dict.update(saved)

    assert page.status_code == 503
    assert "The site is briefly unavailable" in page.content.decode()
    assert health.status_code == 503


@pytest.mark.django_db
def test_registration_is_saved_when_mail_server_is_down_and_mail_goes_later(
    client, settings, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 1  # nothing listens there
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("delegates:register", args=[meeting.slug]), form_data())

    assert response.status_code == 302
    registration = Registration.objects.get()
    queued = OutgoingEmail.objects.get()
    assert queued.registration == registration
    assert queued.sent_at is None
    assert queued.attempts == 1
    assert "ConnectionRefusedError" in queued.last_error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    result = send_queued(now=timezone.now() + dt.timedelta(hours=1))

    assert (result.sent, result.failed) == (1, 0)
    assert [message.to for message in mail.outbox] == [["khai@vn.example.org"]]
    queued.refresh_from_db()
    assert queued.sent_at is not None


def _fail_on_third_registration_insert():
    """The import inserts in bulk: registrations, their history, then their log entries;
    the third of these inserts fails, after the registrations are in."""
    inserts = []

    def wrapper(execute, sql, params, many, context):
        if sql.startswith('INSERT INTO "delegates_'):
            inserts.append(sql)
            if len(inserts) == 3:
                raise OperationalError("connection lost midway")
        return execute(sql, params, many, context)

    return wrapper


@pytest.mark.django_db
def test_import_crashing_midway_leaves_nothing(django_capture_on_commit_callbacks):
    meeting = MeetingFactory()
    rows = imports.preview([
        {"given_name": "Ana", "family_name": f"Row{n}", "email": f"row{n}@example.org"}
        for n in range(4)
    ])
    assert all(row.valid for row in rows)

    with django_capture_on_commit_callbacks(execute=True) as callbacks, \
            connection.execute_wrapper(_fail_on_third_registration_insert()), \
            pytest.raises(OperationalError):
        imports.import_rows(meeting=meeting, member=member("DE"), rows=rows, actor=None)

    assert Registration.objects.count() == 0
    assert RegistrationLogEntry.objects.count() == 0
    assert OutgoingEmail.objects.count() == 0
    assert callbacks == []
    assert mail.outbox == []


def _fail_on_third_status_update():
    updates = []

    def wrapper(execute, sql, params, many, context):
        if sql.startswith('UPDATE "delegates_registration" SET') and '"status"' in sql:
            updates.append(sql)
            if len(updates) == 3:
                raise OperationalError("connection lost midway")
        return execute(sql, params, many, context)

    return wrapper


@pytest.mark.django_db
def test_bulk_action_crashing_midway_leaves_nothing(django_capture_on_commit_callbacks):
    from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

    from tests.delegates.staff_helpers import Client as TwoFactorClient
    from tests.delegates.staff_helpers import editor

    client = TwoFactorClient(raise_request_exception=False)
    client.force_login(editor())
    meeting = MeetingFactory()
    pending = [RegistrationFactory(meeting=meeting) for _ in range(3)]

    with django_capture_on_commit_callbacks(execute=True), \
            connection.execute_wrapper(_fail_on_third_status_update()):
        response = client.post("/admin/delegates/registration/", {
            "action": "confirm", ACTION_CHECKBOX_NAME: [r.pk for r in pending]})

    _assert_friendly_503(response)
    assert set(Registration.objects.values_list("status", flat=True)) == {"pending"}
    assert RegistrationLogEntry.objects.count() == 0
    assert OutgoingEmail.objects.count() == 0
    assert mail.outbox == []
