"""Webhooks: the registration services announce their events after commit, each endpoint
of the meeting that subscribed gets a signed delivery (ids and statuses, no personal data),
failures are retried with growing waits, staff read the log and replay."""

import datetime as dt
import http.server
import json
import threading

import pytest
from django.db import transaction
from django.utils import timezone

from api import services, tasks, webhooks
from api.enums import DeliveryStatus
from api.models import WebhookDelivery, WebhookEndpoint
from delegates import services as registration_services
from tests.delegates.staff_helpers import editor, viewer
from tests.factories import member

pytestmark = pytest.mark.django_db
ALL_EVENTS = ["registration.submitted", "registration.confirmed", "registration.waitlisted",
              "registration.cancelled", "registration.checked_in", "document.published"]


class Receiver(http.server.BaseHTTPRequestHandler):
    received = []
    answer = 204

    def do_POST(self):  # noqa: N802 - the name http.server calls
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append({"headers": dict(self.headers), "body": body})
        self.send_response(type(self).answer)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def receiver(settings):
    """A local receiver: allowed only because the tests set WEBHOOKS_ALLOW_PRIVATE_ADDRESSES."""
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = True
    Receiver.received, Receiver.answer = [], 204
    server = http.server.HTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/hooks/asem"
    server.shutdown()
    server.server_close()
    thread.join()


def _endpoint(meeting, url, **extra):
    return WebhookEndpoint.objects.create(meeting=meeting, url=url,
                                          events=extra.pop("events", ALL_EVENTS), **extra)


def test_confirmation_is_delivered_signed_without_personal_data(
        receiver, meeting, de_registration, django_capture_on_commit_callbacks):
    endpoint = _endpoint(meeting, receiver)
    with django_capture_on_commit_callbacks(execute=True):
        registration_services.registration_confirm(registration=de_registration,
                                                   actor=editor())
    assert len(Receiver.received) == 1
    request = Receiver.received[0]
    assert request["headers"]["X-ASEM-Event"] == "registration.confirmed"
    assert webhooks.verify(endpoint.secret, request["body"],
                           request["headers"]["X-ASEM-Signature"])
    assert not webhooks.verify("whsec_other", request["body"],
                               request["headers"]["X-ASEM-Signature"])
    payload = json.loads(request["body"])
    assert payload["event"] == "registration.confirmed"
    assert payload["data"] == {"registration": {
        "id": de_registration.pk, "meeting": meeting.slug, "member": "DE",
        "status": "confirmed", "role": "delegate", "checked_in": False,
        "url": f"http://127.0.0.1:8000/api/v1/registrations/{de_registration.pk}/"}}
    text = request["body"].decode()
    assert de_registration.email not in text and de_registration.family_name not in text
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_status) == (
        DeliveryStatus.DELIVERED, 1, 204)
    assert str(delivery.event_id) == request["headers"]["X-ASEM-Delivery"] == payload["id"]


def test_every_registration_event_is_announced(receiver, meeting, focal_de,
                                               django_capture_on_commit_callbacks):
    _endpoint(meeting, receiver)
    the_editor = editor()
    with django_capture_on_commit_callbacks(execute=True):
        registration = registration_services.registration_submit(
            meeting=meeting, actor=focal_de, data={
                "member": member("DE"), "given_name": "Lena", "family_name": "Vogel",
                "email": "lena@example.org", "privacy_consent_at": timezone.now()})
        registration_services.registration_waitlist(registration=registration,
                                                    actor=the_editor)
        registration_services.registration_confirm(registration=registration,
                                                   actor=the_editor)
        registration_services.registration_mark_attended(registration=registration,
                                                         actor=the_editor)
        registration_services.registration_cancel(registration=registration,
                                                  actor=the_editor)
    assert [r["headers"]["X-ASEM-Event"] for r in Receiver.received] == [
        "registration.submitted", "registration.waitlisted", "registration.confirmed",
        "registration.checked_in", "registration.cancelled"]


def test_an_event_of_a_meeting_without_endpoints_costs_one_query(
        meeting, de_registration, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert webhooks.queue_deliveries("registration.confirmed",
                                         registration=de_registration.pk,
                                         meeting=meeting.pk) == []


def test_nothing_is_announced_for_a_change_rolled_back(receiver, meeting, de_registration,
                                                       django_capture_on_commit_callbacks):
    _endpoint(meeting, receiver)
    with (django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError),
          transaction.atomic()):
        registration_services.registration_confirm(registration=de_registration,
                                                   actor=editor())
        raise RuntimeError
    assert Receiver.received == []
    assert not WebhookDelivery.objects.exists()


def test_endpoints_get_only_their_events_and_their_members(
        receiver, meeting, de_registration, fr_registration,
        django_capture_on_commit_callbacks):
    _endpoint(meeting, receiver, member=member("FR"))
    _endpoint(meeting, receiver + "/cancelled-only", events=["registration.cancelled"])
    _endpoint(meeting, receiver + "/inactive", is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        registration_services.registration_confirm(registration=de_registration,
                                                   actor=editor())
        registration_services.registration_confirm(registration=fr_registration,
                                                   actor=editor("editor2"))
    assert [json.loads(r["body"])["data"]["registration"]["member"]
            for r in Receiver.received] == ["FR"]


def test_a_failing_receiver_is_retried_with_growing_waits_then_given_up(
        receiver, meeting, de_registration, django_capture_on_commit_callbacks):
    Receiver.answer = 500
    _endpoint(meeting, receiver)
    with django_capture_on_commit_callbacks(execute=True):
        registration_services.registration_confirm(registration=de_registration,
                                                   actor=editor())
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.error) == (
        DeliveryStatus.PENDING, 1, "The receiver answered 500.")
    wait = delivery.next_attempt_at - delivery.last_attempt_at
    assert dt.timedelta(minutes=1) <= wait < dt.timedelta(minutes=2)
    assert services.webhook_deliveries_due() == []
    for attempt in range(2, webhooks.MAX_ATTEMPTS + 1):
        WebhookDelivery.objects.update(next_attempt_at=timezone.now())
        tasks.deliver_due_webhooks()
        delivery.refresh_from_db()
        assert delivery.attempts == attempt
    assert delivery.status == DeliveryStatus.FAILED
    assert len(Receiver.received) == webhooks.MAX_ATTEMPTS
    Receiver.answer = 200
    services.webhook_delivery_replay(delivery=delivery, actor=editor("editor3"))
    tasks.deliver_webhook(delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.DELIVERED, 1)


def test_a_delivery_is_sent_once_even_if_its_task_runs_twice(receiver, meeting,
                                                             de_registration):
    endpoint = _endpoint(meeting, receiver)
    delivery = WebhookDelivery.objects.create(endpoint=endpoint, event="registration.confirmed",
                                              payload={"id": "x"}, next_attempt_at=timezone.now())
    tasks.deliver_webhook(delivery.pk)
    tasks.deliver_webhook(delivery.pk)
    assert len(Receiver.received) == 1


def test_a_worker_lost_mid_send_is_picked_up_again(meeting):
    endpoint = _endpoint(meeting, "https://93.184.215.14/")
    stale = WebhookDelivery.objects.create(
        endpoint=endpoint, event="registration.confirmed", payload={},
        status=DeliveryStatus.SENDING, last_attempt_at=timezone.now() - dt.timedelta(hours=1))
    assert services.webhook_deliveries_due() == [stale.pk]


@pytest.mark.parametrize("url", [
    "https://127.0.0.1/hook", "https://10.1.2.3/hook", "https://[::1]/hook",
    "https://169.254.169.254/latest/meta-data", "http://93.184.215.14/hook",
    "https://user:pw@93.184.215.14/hook", "ftp://93.184.215.14/",
])
def test_unsafe_addresses_are_refused(url, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False
    with pytest.raises(webhooks.UnsafeAddress):
        webhooks.check_url(url)


def test_a_public_https_address_is_accepted(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False
    assert webhooks.check_url("https://93.184.215.14:8443/hook") == (
        "93.184.215.14", 8443, "93.184.215.14")


def test_a_delivery_to_an_address_turned_private_fails_without_sending(meeting, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False
    endpoint = _endpoint(meeting, "https://127.0.0.1:9/hook")
    delivery = WebhookDelivery.objects.create(endpoint=endpoint, event="registration.confirmed",
                                              payload={}, next_attempt_at=timezone.now())
    webhooks.deliver(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.error.startswith("The address leads to a private or local network")


def test_signature_is_refused_when_too_old():
    header = webhooks.sign("whsec_x", b"{}", 1_000_000)
    assert webhooks.verify("whsec_x", b"{}", header, now=1_000_100)
    assert not webhooks.verify("whsec_x", b"{}", header, now=1_000_000 + 301)
    assert not webhooks.verify("whsec_x", b"{}", "garbage")


# --- the admin ----------------------------------------------------------------------------


def test_editor_registers_an_endpoint_in_the_admin_and_unsafe_ones_are_refused(
        client, meeting, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False
    the_editor = editor()
    client.force_login(the_editor)
    form = {"meeting": meeting.pk, "url": "https://10.0.0.5/hook",
            "events": ["registration.confirmed"], "is_active": "on"}
    refused = client.post("/admin/api/webhookendpoint/add/", form)
    assert refused.status_code == 200
    assert "private or local network" in refused.content.decode()
    form["url"] = "https://93.184.215.14/hook"
    assert client.post("/admin/api/webhookendpoint/add/", form).status_code == 302
    endpoint = WebhookEndpoint.objects.get()
    assert (endpoint.created_by, endpoint.events) == (the_editor, ["registration.confirmed"])
    assert endpoint.secret.startswith("whsec_")


def test_editor_reads_the_delivery_log_and_replays(client, meeting):
    endpoint = _endpoint(meeting, "https://93.184.215.14/hook")
    delivery = WebhookDelivery.objects.create(endpoint=endpoint, event="registration.confirmed",
                                              payload={}, status=DeliveryStatus.FAILED,
                                              attempts=8)
    client.force_login(editor())
    assert client.get("/admin/api/webhookdelivery/").status_code == 200
    assert client.get(f"/admin/api/webhookdelivery/{delivery.pk}/change/").status_code == 200
    response = client.post("/admin/api/webhookdelivery/", {
        "action": "replay", "_selected_action": [delivery.pk]})
    assert response.status_code == 302
    delivery.refresh_from_db()
    # Due again; handed to a worker once the request's transaction commits.
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.PENDING, 0)


def test_viewers_read_endpoints_and_deliveries_without_the_secret_nor_replay(client, meeting):
    endpoint = _endpoint(meeting, "https://93.184.215.14/hook")
    delivery = WebhookDelivery.objects.create(endpoint=endpoint, event="registration.confirmed",
                                              payload={}, status=DeliveryStatus.FAILED)
    client.force_login(viewer())
    page = client.get(f"/admin/api/webhookendpoint/{endpoint.pk}/change/")
    assert page.status_code == 200
    assert endpoint.secret not in page.content.decode()
    assert client.get("/admin/api/webhookendpoint/add/").status_code == 403
    log = client.get("/admin/api/webhookdelivery/")
    assert log.status_code == 200
    assert "replay" not in log.content.decode()
    client.post("/admin/api/webhookdelivery/", {"action": "replay",
                                                "_selected_action": [delivery.pk]})
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED


def test_a_published_document_is_announced_to_the_meetings_endpoints(
        receiver, meeting, django_capture_on_commit_callbacks):
    from documents import services as document_services
    from documents.enums import Access
    from tests.documents.helpers import add

    endpoint = _endpoint(meeting, receiver, events=["document.published"])
    with django_capture_on_commit_callbacks(execute=True):
        draft = add(meeting, access=Access.PUBLIC, publish=False, title="Provisional agenda",
                    symbol="ASEM/DGC/13/1")
    assert Receiver.received == []  # added, not published: nothing to tell
    with django_capture_on_commit_callbacks(execute=True):
        document_services.document_publish(document=draft, actor=editor())
        document_services.document_publish(document=draft, actor=editor())  # already is
    [request] = Receiver.received
    assert request["headers"]["X-ASEM-Event"] == "document.published"
    assert webhooks.verify(endpoint.secret, request["body"],
                           request["headers"]["X-ASEM-Signature"])
    data = json.loads(request["body"])["data"]["document"]
    assert data["id"] == str(draft.public_id) and data["symbol"] == "ASEM/DGC/13/1"
    assert data["meeting"] == meeting.slug and data["access"] == "public"
    assert data["url"].endswith(f"/api/v1/documents/{draft.public_id}/")


def test_a_members_endpoint_hears_of_no_secretariat_only_document(
        receiver, meeting, django_capture_on_commit_callbacks):
    from documents.enums import Access
    from tests.documents.helpers import add

    _endpoint(meeting, receiver, events=["document.published"], member=member("DE"))
    with django_capture_on_commit_callbacks(execute=True):
        add(meeting, access=Access.SECRETARIAT, symbol="S/1")
        add(meeting, access=Access.PARTICIPANTS, symbol="S/2")
    symbols = [json.loads(r["body"])["data"]["document"]["symbol"] for r in Receiver.received]
    assert symbols == ["S/2"]


def _rows(count):
    return [{"given_name": "Imported", "family_name": f"Delegate {n}",
             "email": f"imported{n}@de.example.org", "role": "delegate",
             "privacy_consent_at": timezone.now()} for n in range(count)]


def test_an_import_announces_each_person_and_reads_the_endpoints_once(
        receiver, meeting, django_capture_on_commit_callbacks):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _endpoint(meeting, receiver, events=["registration.submitted"])
    with CaptureQueriesContext(connection) as queries, \
            django_capture_on_commit_callbacks(execute=True):
        registration_services.registrations_submit_bulk(
            meeting=meeting, member=member("DE"), rows=_rows(3), actor=editor())

    assert [r["headers"]["X-ASEM-Event"] for r in Receiver.received] == [
        "registration.submitted"] * 3
    endpoint_reads = [q for q in queries.captured_queries
                      if 'FROM "api_webhookendpoint"' in q["sql"] and "IN (" in q["sql"]]
    assert len(endpoint_reads) == 1


def test_a_meeting_without_endpoints_reads_none_and_an_endpoint_added_hears_the_next_event(
        receiver, meeting, de_registration, fr_registration,
        django_capture_on_commit_callbacks):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with django_capture_on_commit_callbacks(execute=True):
        registration_services.registration_confirm(registration=de_registration,
                                                   actor=editor())
    with CaptureQueriesContext(connection) as queries, \
            django_capture_on_commit_callbacks(execute=True):
        registration_services.registration_waitlist(registration=de_registration,
                                                    actor=editor())
    assert not [q for q in queries.captured_queries
                if 'FROM "api_webhookendpoint"' in q["sql"]]

    endpoint = _endpoint(meeting, receiver)
    with django_capture_on_commit_callbacks(execute=True):
        registration_services.registration_confirm(registration=fr_registration,
                                                   actor=editor())
    assert [r["headers"]["X-ASEM-Event"] for r in Receiver.received] == [
        "registration.confirmed"]

    endpoint.is_active = False
    endpoint.save()
    with django_capture_on_commit_callbacks(execute=True):
        registration_services.registration_cancel(registration=fr_registration,
                                                  actor=editor())
    assert len(Receiver.received) == 1


def test_the_events_of_a_savepoint_rolled_back_are_dropped_and_the_rest_delivered(
        receiver, meeting, de_registration, fr_registration,
        django_capture_on_commit_callbacks):
    _endpoint(meeting, receiver)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        registration_services.registration_confirm(registration=de_registration,
                                                   actor=editor())
        try:
            with transaction.atomic():
                registration_services.registration_confirm(registration=fr_registration,
                                                           actor=editor())
                raise RuntimeError("the second change fails")
        except RuntimeError:
            pass

    bodies = [json.loads(r["body"]) for r in Receiver.received]
    assert [(b["event"], b["data"]["registration"]["id"]) for b in bodies] == [
        ("registration.confirmed", de_registration.pk)]
