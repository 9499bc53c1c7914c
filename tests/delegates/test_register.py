import datetime as dt
import re
import unicodedata

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from delegates.enums import RegistrationStatus as Status
from delegates.enums import Role
from delegates.models import Registration
from meetings.enums import MeetingStatus, MemberKind
from meetings.models import Member
from tests.factories import MeetingFactory, RegistrationFactory, member

pytestmark = pytest.mark.django_db


def form_data(**extra):
    return {
        "honorific": "Ms.", "given_name": "Thị Minh Khai", "family_name": "Nguyễn",
        "family_name_first": "on", "name_latin": "NGUYEN Thi Minh Khai",
        "position": "Deputy Director-General", "organisation": "General Department of Customs",
        "member": member("VN").pk, "role": Role.DELEGATE, "email": "khai@vn.example.org",
        "phone": "", "dietary_needs": "Vegetarian", "accessibility_needs": "",
        "arrival_date": "", "departure_date": "", "privacy_consent": "on", **extra,
    }


def register_url(meeting):
    return reverse("delegates:register", args=[meeting.slug])


def confirmation_path(message):
    """The confirmation link of the first mail, as a path on this site."""
    links = re.findall(r"^https?://\S+/registrations/\S+/confirm/$", message.body, re.M)
    assert len(links) == 1, message.body
    return links[0].removeprefix(settings.SITE_URL)


def confirm_from_mail(client, message, **kwargs):
    """Follow the link of the first mail and press the button, as the owner of the address."""
    opened = client.get(confirmation_path(message))
    assert opened.status_code == 302  # the token is swapped for the session
    assert client.get(opened.url).status_code == 200
    return client.post(opened.url, **kwargs)


def test_register_page_shows_form_and_seats(client, django_assert_num_queries):
    meeting = MeetingFactory(capacity=10)
    RegistrationFactory(meeting=meeting)
    # meeting, seats, full delegations, the meeting's questions, members for the select
    with django_assert_num_queries(5):
        response = client.get(register_url(meeting))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'name="given_name"' in content
    assert 'id="passport-fields"' in content
    assert "9 seats are still free." in content
    assert reverse("delegates:privacy") in content


def test_register_page_keeps_the_meeting_and_sees_the_secretariat_close_it_at_once(
        client, django_assert_num_queries):
    meeting = MeetingFactory(capacity=10)
    client.get(register_url(meeting))
    # The meeting, its questions and the members come from the cache: seats, full
    # delegations.
    with django_assert_num_queries(2):
        assert 'name="given_name"' in client.get(register_url(meeting)).content.decode()

    meeting.status = MeetingStatus.REGISTRATION_CLOSED
    meeting.save()
    content = client.get(register_url(meeting)).content.decode()
    assert "Registration is closed" in content
    assert client.post(register_url(meeting), form_data()).status_code == 200
    assert Registration.objects.count() == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_accepted_submission_asks_the_database_little_and_takes_no_savepoint(client):
    """Its one read is the delegations' seats (for the "full" warning), once the meeting,
    its questions, the members and the wordings are kept; then one transaction of inserts
    (the registration, its history, its log entry, its mail) without a savepoint. (The mail
    is sent after the commit: by the worker in production, here in the request.)"""
    meeting = MeetingFactory(capacity=10)
    client.post(register_url(meeting), form_data(email="first@vn.example.org"))
    data = form_data()

    with CaptureQueriesContext(connection) as queries:
        response = client.post(register_url(meeting), data)

    assert response.status_code == 302
    statements = [query["sql"].split()[0].upper() for query in queries]
    request_transaction = statements[:statements.index("COMMIT") + 1]
    assert request_transaction == ["SELECT", "BEGIN", "INSERT", "INSERT", "INSERT", "INSERT",
                                   "COMMIT"], "\n".join(query["sql"][:120] for query in queries)


def test_the_members_offered_follow_every_change_at_once(client):
    meeting = MeetingFactory(capacity=10)
    client.get(register_url(meeting))  # the members are kept now
    added = Member.objects.create(code="XA", name="Examplestan", kind=MemberKind.OBSERVER)
    viet_nam = member("VN")
    viet_nam.name = "Viet Nam (renamed)"
    viet_nam.save()

    page = client.get(register_url(meeting)).content.decode()
    assert "Examplestan" in page and "Viet Nam (renamed)" in page

    removed = added.pk
    added.delete()
    assert "Examplestan" not in client.get(register_url(meeting)).content.decode()
    response = client.post(register_url(meeting), form_data(member=removed))
    assert response.status_code == 200
    assert "not one of the available choices" in response.content.decode()
    assert client.post(register_url(meeting), form_data(member="x")).status_code == 200
    assert client.post(register_url(meeting), form_data(member=viet_nam.pk)).status_code == 302
    assert Registration.objects.get().member == viet_nam


def test_register_vietnamese_name_stored_nfc_and_redirected_to_confirmation(
    client, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory()
    decomposed = unicodedata.normalize("NFD", "Nguyễn")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(register_url(meeting), form_data(family_name=decomposed))
    registration = Registration.objects.get()
    assert registration.family_name == "Nguyễn"
    assert registration.family_name == unicodedata.normalize("NFC", decomposed)
    assert registration.full_name == "Nguyễn Thị Minh Khai"
    assert registration.status == Status.UNCONFIRMED
    assert registration.privacy_consent_at is not None
    assert response.status_code == 302
    assert response.url == reverse("delegates:register_sent", args=[meeting.slug])
    page = client.get(response.url)
    assert "Check your email to confirm your registration" in page.content.decode()
    assert len(mail.outbox) == 1
    assert "Nguyễn" not in mail.outbox[0].body  # nothing typed on the form goes out

    with django_capture_on_commit_callbacks(execute=True):
        response = confirm_from_mail(client, mail.outbox[0])
    registration.refresh_from_db()
    assert registration.status == Status.PENDING
    assert response.status_code == 302
    assert response.url.startswith("/registrations/")
    page = client.get(response.url)
    assert "Thank you: your registration is received" in page.content.decode()
    assert len(mail.outbox) == 2
    assert "Dear Nguyễn Thị Minh Khai," in mail.outbox[1].body


@pytest.mark.parametrize("given,family", [
    ("민준", "김"), ("สมชาย", "ใจดี"), ("伟", "王"), ("Болд", "Баатарын"),
    ("Jürgen", "Müller-Lüdenscheidt"), ("", "Sukarno"),
])
def test_register_names_in_every_script(client, given, family):
    meeting = MeetingFactory()
    response = client.post(register_url(meeting), form_data(given_name=given,
                                                             family_name=family))
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (registration.given_name, registration.family_name) == (given, family)


def test_register_full_meeting_says_waitlisted(client, django_capture_on_commit_callbacks):
    meeting = MeetingFactory(capacity=1)
    RegistrationFactory(meeting=meeting)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(register_url(meeting), form_data())
    response = confirm_from_mail(client, mail.outbox[0], follow=True)
    content = response.content.decode()
    assert Registration.objects.get(email="khai@vn.example.org").status == Status.WAITLISTED
    assert "You are on the waiting list" in content
    assert "All seats are taken." in client.get(register_url(meeting)).content.decode()


def test_register_bad_input_stores_nothing_and_marks_fields(client):
    meeting = MeetingFactory()
    response = client.post(register_url(meeting), form_data(
        given_name="", family_name="", email="not-an-email", privacy_consent=""))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["family_name"] == [
        "Give your family name, or your name if it has one part."]
    assert form.errors["email"] == ["Enter a valid email address."]
    assert form.errors["privacy_consent"] == ["This field is required."]
    assert Registration.objects.count() == 0


def test_register_departure_before_arrival_refused(client):
    meeting = MeetingFactory()
    start = meeting.start_date
    response = client.post(register_url(meeting), form_data(
        arrival_date=start.isoformat(),
        departure_date=(start - dt.timedelta(days=1)).isoformat()))
    assert response.context["form"].errors["departure_date"] == [
        "The departure date cannot be before the arrival date."]


def test_register_arrival_after_meeting_refused(client):
    meeting = MeetingFactory()
    late = (meeting.end_date + dt.timedelta(days=1)).isoformat()
    response = client.post(register_url(meeting), form_data(arrival_date=late))
    assert response.context["form"].errors["arrival_date"] == [
        "You would arrive after the meeting has ended."]


def test_register_visa_letter_requires_passport_details(client):
    meeting = MeetingFactory()
    response = client.post(register_url(meeting), form_data(needs_visa_letter="on"))
    errors = response.context["form"].errors
    assert {name: errors[name] for name in (
        "passport_number", "passport_nationality", "passport_expires_on", "date_of_birth")} == {
        name: ["Needed for the visa invitation letter."] for name in (
            "passport_number", "passport_nationality", "passport_expires_on", "date_of_birth")}
    assert Registration.objects.count() == 0


def test_register_passport_expiring_before_meeting_end_refused(client):
    meeting = MeetingFactory()
    response = client.post(register_url(meeting), form_data(
        needs_visa_letter="on", passport_number="C1234567", passport_nationality="Viet Nam",
        passport_expires_on=meeting.end_date.isoformat(), date_of_birth="1980-02-03"))
    assert response.context["form"].errors["passport_expires_on"] == [
        "Your passport must still be valid after the meeting."]


def test_register_with_visa_letter_stores_passport(client):
    meeting = MeetingFactory()
    client.post(register_url(meeting), form_data(
        needs_visa_letter="on", passport_number="C1234567", passport_nationality="Viet Nam",
        passport_expires_on="2040-01-01", date_of_birth="1980-02-03"))
    registration = Registration.objects.get()
    assert (registration.passport_number, registration.date_of_birth) == (
        "C1234567", dt.date(1980, 2, 3))


def test_register_passport_ignored_without_visa_letter(client):
    meeting = MeetingFactory()
    client.post(register_url(meeting), form_data(passport_number="C1234567"))
    assert Registration.objects.get().passport_number == ""


def test_register_duplicate_email_refused_on_the_field(client):
    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting, email="KHAI@vn.example.org")
    response = client.post(register_url(meeting), form_data())
    assert response.context["form"].errors["email"] == [
        "This email address is already registered for this meeting."]
    assert Registration.objects.count() == 1


def test_a_taken_address_is_told_with_the_other_mistakes_at_once(client):
    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting, email="khai@vn.example.org")

    response = client.post(register_url(meeting), form_data(family_name="", given_name="",
                                                            departure_date="2000-01-01",
                                                            arrival_date="2000-01-02"))

    errors = response.context["form"].errors
    assert errors["email"] == ["This email address is already registered for this meeting."]
    assert "family_name" in errors and "departure_date" in errors
    assert Registration.objects.count() == 1


def test_register_head_of_delegation_is_only_asked_for_and_never_disclosed(client):
    """The public form may not tell whether a delegation has its head: the choice is a
    request the focal point or the secretariat grants (tests/delegates/test_confirmation)."""
    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting, member=member("VN"), role=Role.HEAD_OF_DELEGATION)
    response = client.post(register_url(meeting), form_data(role=Role.HEAD_OF_DELEGATION),
                           follow=True)
    assert "already has a head" not in response.content.decode()
    registration = Registration.objects.get(email="khai@vn.example.org")
    assert (registration.role, registration.head_requested) == (Role.DELEGATE, True)


def test_register_public_cannot_choose_secretariat_role(client):
    meeting = MeetingFactory()
    response = client.post(register_url(meeting), form_data(role=Role.SECRETARIAT))
    assert "role" in response.context["form"].errors


def test_register_closed_shows_when_it_closed(client):
    closes = dt.datetime(2026, 1, 10, 12, 0, tzinfo=dt.UTC)
    meeting = MeetingFactory(status=MeetingStatus.REGISTRATION_CLOSED,
                             registration_opens_at=closes - dt.timedelta(days=30),
                             registration_closes_at=closes)
    response = client.get(register_url(meeting))
    content = response.content.decode()
    assert "Registration is closed" in content
    assert "Registration closed on 10 January 2026, 12:00 UTC." in content
    assert 'name="given_name"' not in content
    assert client.post(register_url(meeting), form_data()).status_code == 200
    assert Registration.objects.count() == 0


def test_register_not_yet_open_shows_when_it_opens(client):
    opens = timezone.now() + dt.timedelta(days=3)
    meeting = MeetingFactory(registration_opens_at=opens)
    content = client.get(register_url(meeting)).content.decode()
    assert "Registration is not open yet" in content
    assert f"Registration opens on {opens:%-d %B %Y, %H:%M} UTC." in content


def test_register_announced_without_date_says_not_announced(client):
    meeting = MeetingFactory(status=MeetingStatus.ANNOUNCED, registration_opens_at=None)
    content = client.get(register_url(meeting)).content.decode()
    assert "The date registration opens has not been announced yet." in content


def test_privacy_notice_page(client):
    response = client.get(reverse("delegates:privacy"))
    assert response.status_code == 200
    assert "Passport details go only to the host administration" in response.content.decode()


def test_register_page_has_no_inline_script(client):
    content = client.get(register_url(MeetingFactory())).content.decode()
    assert "<script>" not in content
    assert "style=" not in content


def test_closing_time_shown_in_the_venue_time_zone(client):
    closes = dt.datetime(2017, 9, 29, 16, 0, tzinfo=dt.UTC)
    meeting = MeetingFactory(status=MeetingStatus.REGISTRATION_CLOSED, time_zone="Europe/Berlin",
                             registration_opens_at=closes - dt.timedelta(days=30),
                             registration_closes_at=closes)
    content = client.get(register_url(meeting)).content.decode()
    assert "Registration closed on 29 September 2017, 18:00 Berlin time." in content


def test_register_honorific_is_free_text_with_suggestions(client):
    meeting = MeetingFactory()

    page = client.get(register_url(meeting)).content.decode()
    response = client.post(register_url(meeting), form_data(honorific="Dato'"))

    assert 'list="id_honorific-suggestions"' in page
    assert re.search(r'<datalist id="id_honorific-suggestions">.*<option value="H.E."></option>',
                     page)
    assert response.status_code == 302
    assert Registration.objects.get().honorific == "Dato'"
