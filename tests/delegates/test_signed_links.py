import datetime as dt
import re

import pytest
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone

from delegates import links, services
from delegates.enums import RegistrationStatus as Status
from delegates.enums import Role
from delegates.models import Registration
from meetings.enums import MeetingStatus
from tests.factories import MeetingFactory, UserFactory, member

pytestmark = pytest.mark.django_db


def register(meeting, code="VN", n=0, **extra):
    return services.registration_submit(meeting=meeting, data={
        "member": member(code), "given_name": "Thị Minh Khai", "family_name": "Nguyễn",
        "family_name_first": True, "email": f"khai{n}@vn.example.org", "role": Role.DELEGATE,
        "privacy_consent_at": timezone.now(), **extra,
    })


def link_in(message):
    return re.search(r"http://\S+/registrations/\S+/", message.body).group(0)


def path_of(url):
    return url.split("127.0.0.1:8000", 1)[1] if "127.0.0.1:8000" in url else url


def payload(url):
    """(registration id, link version) of a link; tokens made a second apart differ."""
    return links.read_registration_token(url.rstrip("/").split("/")[-1])


def change_form(registration, **extra):
    return {
        "honorific": registration.honorific, "given_name": registration.given_name,
        "family_name": registration.family_name, "family_name_first": "on",
        "name_latin": "", "position": "", "organisation": "", "member": registration.member_id,
        "role": registration.role, "email": registration.email, "phone": "",
        "dietary_needs": "", "accessibility_needs": "", "arrival_date": "",
        "departure_date": "", **extra,
    }


def test_mailed_link_shows_the_registration(client, django_capture_on_commit_callbacks):
    meeting = MeetingFactory()
    with django_capture_on_commit_callbacks(execute=True):
        register(meeting)
    first = client.get(path_of(link_in(mail.outbox[0])))
    assert (first.status_code, first.url) == (302, "/registrations/current/")
    response = client.get(first.url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Nguyễn Thị Minh Khai" in content
    assert "Change my registration" in content
    assert 'content="noindex"' in content


def test_manage_page_query_count(client, django_assert_num_queries):
    registration = register(MeetingFactory())
    client.get(links.registration_path(registration))
    with django_assert_num_queries(4):  # session, registration, its questions, side events
        response = client.get(links.session_path())
    assert response.status_code == 200


def test_tampered_link_is_403(client):
    registration = register(MeetingFactory())
    token = links.registration_token(registration)
    response = client.get(reverse("delegates:registration_manage", args=[token[:-2] + "xx"]))
    assert response.status_code == 403
    assert "This link is not valid" in response.content.decode()


def test_link_for_another_registration_cannot_be_forged(client):
    registration = register(MeetingFactory())
    forged = signing.dumps({"r": registration.pk, "v": 1}, salt="another-salt")
    assert client.get(reverse("delegates:registration_manage",
                              args=[forged])).status_code == 403


def test_expired_link_is_410(client, monkeypatch):
    registration = register(MeetingFactory())
    token = links.registration_token(registration)
    monkeypatch.setattr(links, "MAX_AGE_DAYS", -1)  # any link is now older than allowed
    response = client.get(reverse("delegates:registration_manage", args=[token]))
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()


def test_cancel_through_link_then_old_link_is_410(client, django_capture_on_commit_callbacks):
    meeting = MeetingFactory()
    registration = register(meeting)
    path = links.registration_path(registration)
    cancel = links.registration_path(registration, "cancel")
    assert "Yes, cancel my registration" in client.get(cancel, follow=True).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(cancel)
    assert response.status_code == 200
    assert "Your registration is cancelled" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Status.CANCELLED
    assert registration.log_entries.first().action == "delegates.registration.cancelled"
    gone = client.get(path)
    assert gone.status_code == 410
    assert "This registration was cancelled" in gone.content.decode()
    assert client.post(cancel).status_code == 410


def test_cancel_through_link_promotes_first_waitlisted(client,
                                                       django_capture_on_commit_callbacks):
    meeting = MeetingFactory(capacity=1)
    holder = register(meeting, n=1)
    waiting = register(meeting, "TH", n=2)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(links.registration_path(holder, "cancel"))
    waiting.refresh_from_db()
    assert waiting.status == Status.PENDING
    assert [m.to for m in mail.outbox if m.subject.startswith("A seat is now yours")] == [
        [waiting.email]]


def test_change_arrival_date_through_link_supersedes_old_link(
    client, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory()
    registration = register(meeting)
    old_manage = links.registration_path(registration)
    change = links.registration_path(registration, "change")
    assert client.get(change, follow=True).status_code == 200
    arrival = meeting.start_date - dt.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(change, change_form(registration,
                                                    arrival_date=arrival.isoformat()))
    registration.refresh_from_db()
    assert registration.arrival_date == arrival
    assert (response.status_code, response.url) == (302, "/registrations/current/")
    assert payload(client.session[links.SESSION_KEY]) == (registration.pk, 2)
    assert "Your registration has been changed." in client.get(response.url).content.decode()
    old = client.get(old_manage)
    assert old.status_code == 410
    assert "This link has been replaced" in old.content.decode()
    assert mail.outbox[-1].subject == f"Registration changed: {meeting.title}"
    assert payload(link_in(mail.outbox[-1])) == (registration.pk, 2)


def test_change_with_bad_dates_changes_nothing(client):
    meeting = MeetingFactory()
    registration = register(meeting)
    change = links.registration_path(registration, "change")
    response = client.post(change, change_form(
        registration, arrival_date=meeting.end_date.isoformat(),
        departure_date=meeting.start_date.isoformat()))
    assert response.status_code == 200
    assert "departure_date" in response.context["form"].errors
    assert Registration.objects.get().link_version == 1
    assert client.get(links.registration_path(registration), follow=True).status_code == 200


def test_change_after_registration_closed_refused(client):
    meeting = MeetingFactory()
    registration = register(meeting)
    meeting.status = MeetingStatus.REGISTRATION_CLOSED
    meeting.save()
    token = links.registration_token(registration)
    manage = reverse("delegates:registration_manage", args=[token])
    assert "Change my registration" not in client.get(manage, follow=True).content.decode()
    response = client.post(reverse("delegates:registration_change", args=[token]),
                           change_form(registration, phone="123"))
    assert response.status_code == 302
    assert response.url == links.session_path()
    assert Registration.objects.get().phone == ""


def test_rejected_registration_link_is_410(client):
    registration = register(MeetingFactory())
    path = links.registration_path(registration)
    services.registration_reject(registration=registration, actor=UserFactory(is_staff=True),
                                 reason="Duplicate")
    response = client.get(path)
    assert response.status_code == 410
    assert "no longer active" in response.content.decode()


def test_waitlisted_manage_page_shows_place(client):
    meeting = MeetingFactory(capacity=0)
    register(meeting, n=1)
    second = register(meeting, "TH", n=2)
    content = client.get(links.registration_path(second), follow=True).content.decode()
    assert "Place on the meeting's waiting list: 2." in content
