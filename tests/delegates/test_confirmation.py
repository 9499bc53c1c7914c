"""A registration from the public form holds a seat only once its address is confirmed; head
of delegation asked for on the form waits for the focal point or the secretariat."""

import datetime as dt
import io

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from delegates import services, tasks
from delegates.enums import RegistrationStatus as Status
from delegates.enums import Role
from delegates.models import Registration
from mail.models import OutgoingEmail
from tests.delegates.staff_helpers import editor
from tests.delegates.test_admin_actions import URL as ADMIN_URL
from tests.delegates.test_admin_actions import act
from tests.delegates.test_register import confirm_from_mail, confirmation_path, form_data
from tests.factories import FocalPointFactory, MeetingFactory, RegistrationFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def send_mail(django_capture_on_commit_callbacks):
    """Mail leaves after commit: run the callbacks of everything done inside."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def register(client, meeting, send_mail, **extra):
    with send_mail():
        return client.post(reverse("delegates:register", args=[meeting.slug]),
                           form_data(**extra))


def test_unconfirmed_registrations_hold_no_seat(client, send_mail):
    meeting = MeetingFactory(capacity=3, delegation_cap=3)
    for number in range(10):  # invented addresses, never confirmed
        register(client, meeting, send_mail, email=f"nobody{number}@invented.example.org")

    page = client.get(reverse("delegates:register", args=[meeting.slug])).content.decode()

    assert Registration.objects.filter(status=Status.UNCONFIRMED).count() == 10
    assert "3 seats are still free." in page


def test_submitter_gets_no_link_to_the_registration(client, send_mail):
    meeting = MeetingFactory()

    response = register(client, meeting, send_mail)
    page = client.get(response.url).content.decode()

    assert "/registrations/" not in response.url + page


def test_first_mail_echoes_nothing_typed_on_the_form(client, send_mail):
    meeting = MeetingFactory(title="13th ASEM Customs DG-Commissioners Meeting")

    register(client, meeting, send_mail, given_name="Winner! Claim your prize at",
             family_name="http://prize.example.net", position="Spam Officer")

    (message,) = mail.outbox
    assert message.to == ["khai@vn.example.org"]
    assert message.subject == (
        "Please confirm your registration: 13th ASEM Customs DG-Commissioners Meeting")
    assert "prize" not in message.body and "Winner" not in message.body
    assert "Spam" not in message.body and "Dear" not in message.body
    assert "The link works for 48 hours." in message.body
    assert confirmation_path(message).startswith("/registrations/")


def test_unconfirmed_address_is_kept_against_a_second_submission(client, send_mail):
    meeting = MeetingFactory()
    register(client, meeting, send_mail)

    response = register(client, meeting, send_mail, given_name="Other")

    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "This email address is already registered for this meeting."]
    assert len(mail.outbox) == 1


def test_confirming_takes_a_free_seat_and_mails_the_registration(client, send_mail):
    meeting = MeetingFactory(capacity=5)
    register(client, meeting, send_mail)

    page = client.get(confirmation_path(mail.outbox[0]), follow=True).content.decode()
    with send_mail():
        response = confirm_from_mail(client, mail.outbox[0])

    registration = Registration.objects.get()
    assert "Confirm my registration" in page
    assert registration.status == Status.PENDING
    assert response.url.startswith("/registrations/")
    assert [m.subject.split(":")[0] for m in mail.outbox] == [
        "Please confirm your registration", "Registration received"]
    assert registration.log_entries.first().action == (
        "delegates.registration.address_confirmed")


def test_opening_the_link_alone_confirms_nothing(client, send_mail):
    """Mail scanners open links: only the button confirms."""
    meeting = MeetingFactory()
    register(client, meeting, send_mail)

    client.get(confirmation_path(mail.outbox[0]), follow=True)

    assert Registration.objects.get().status == Status.UNCONFIRMED


def test_confirming_when_the_seats_are_gone_puts_on_the_waiting_list(client, send_mail):
    meeting = MeetingFactory(capacity=1)
    register(client, meeting, send_mail)
    RegistrationFactory(meeting=meeting)  # vouched for: took the seat meanwhile

    with send_mail():
        response = confirm_from_mail(client, mail.outbox[0], follow=True)

    assert Registration.objects.get(email="khai@vn.example.org").status == Status.WAITLISTED
    assert "You are on the waiting list" in response.content.decode()
    assert mail.outbox[-1].subject.startswith("On the waiting list")


def test_confirming_twice_changes_nothing_more(client, send_mail):
    meeting = MeetingFactory()
    register(client, meeting, send_mail)
    with send_mail():
        confirm_from_mail(client, mail.outbox[0])

    response = client.post(confirmation_path(mail.outbox[0]))

    assert response.status_code == 302
    assert Registration.objects.get().status == Status.PENDING
    assert len(mail.outbox) == 2


def test_confirming_after_the_deadline_is_refused_with_a_message(client, send_mail):
    meeting = MeetingFactory()
    register(client, meeting, send_mail)
    Registration.objects.update(created_at=dt.datetime.now(dt.UTC) - dt.timedelta(hours=49))

    response = confirm_from_mail(client, mail.outbox[0], follow=True)

    assert response.status_code == 200
    assert "The time to confirm this registration has passed." in response.content.decode()
    assert Registration.objects.get().status == Status.UNCONFIRMED


def test_unconfirmed_registrations_expire_and_free_their_address(client, send_mail):
    meeting = MeetingFactory()
    register(client, meeting, send_mail)
    register(client, meeting, send_mail, email="fresh@vn.example.org")
    old = dt.datetime.now(dt.UTC) - dt.timedelta(hours=49)
    Registration.objects.filter(email="khai@vn.example.org").update(created_at=old)
    first_mail = mail.outbox[0]

    out = io.StringIO()
    call_command("expire_unconfirmed_registrations", stdout=out)

    assert "Expired 1 unconfirmed registration(s) older than 48 hours." in out.getvalue()
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {"khai@vn.example.org": Status.EXPIRED,
                        "fresh@vn.example.org": Status.UNCONFIRMED}
    link = client.get(confirmation_path(first_mail), follow=True)
    assert link.status_code == 410
    assert "The time to confirm has passed" in link.content.decode()
    assert register(client, meeting, send_mail).status_code == 302  # the address is free again


def test_confirmation_hours_follow_the_setting(settings, send_mail, client):
    settings.REGISTRATION_CONFIRM_HOURS = 2
    meeting = MeetingFactory()
    register(client, meeting, send_mail)
    Registration.objects.update(created_at=dt.datetime.now(dt.UTC) - dt.timedelta(hours=3))

    assert "The link works for 2 hours." in mail.outbox[0].body
    assert tasks.expire_unconfirmed_registrations.delay().get() == 1
    assert Registration.objects.get().status == Status.EXPIRED


def test_expiry_runs_on_the_beat_schedule():
    entry = settings.CELERY_BEAT_SCHEDULE["delegates.expire_unconfirmed_registrations"]
    assert entry["task"] == "delegates.tasks.expire_unconfirmed_registrations"
    assert settings.REGISTRATION_CONFIRM_HOURS == 48


def test_secretariat_may_cancel_an_unconfirmed_registration_without_mailing_it(send_mail):
    meeting = MeetingFactory()
    registration = services.registration_submit_public(
        meeting=meeting, data={**_data(), "email": "taken@vn.example.org"})
    with send_mail():
        services.registration_cancel(registration=registration, actor=editor())

    assert registration.status == Status.CANCELLED
    assert OutgoingEmail.objects.filter(kind="registration_cancelled").count() == 0
    assert services.registration_submit(meeting=meeting, data={
        **_data(), "email": "taken@vn.example.org"}).status == Status.PENDING


def _data(**extra):
    from django.utils import timezone

    return {"member": member("VN"), "given_name": "An", "family_name": "Phạm",
            "email": "an@vn.example.org", "role": Role.DELEGATE,
            "privacy_consent_at": timezone.now(), **extra}


# --- head of delegation: asked for on the form, granted by the focal point or secretariat ----


def test_public_head_of_delegation_is_a_request_shown_to_the_focal_point(client, send_mail):
    meeting = MeetingFactory()
    register(client, meeting, send_mail, role=Role.HEAD_OF_DELEGATION)
    with send_mail():
        confirm_from_mail(client, mail.outbox[0])
    focal_point = FocalPointFactory(member=member("VN"))
    client.force_login(focal_point.user)

    page = client.get(reverse("delegates:focal_delegation", args=[meeting.slug]))

    registration = Registration.objects.get()
    assert (registration.role, registration.head_requested) == (Role.DELEGATE, True)
    assert "Asks to be head of delegation" in page.content.decode()
    assert "Agree: make head of delegation" in page.content.decode()


def test_focal_point_grants_the_request_and_the_old_head_steps_down(client):
    meeting = MeetingFactory()
    old_head = RegistrationFactory(meeting=meeting, member=member("VN"),
                                   role=Role.HEAD_OF_DELEGATION)
    asking = RegistrationFactory(meeting=meeting, member=member("VN"), head_requested=True)
    client.force_login(FocalPointFactory(member=member("VN")).user)

    client.post(reverse("delegates:focal_registration_make_head", args=[asking.pk]))

    asking.refresh_from_db()
    old_head.refresh_from_db()
    assert (asking.role, asking.head_requested, old_head.role) == (
        Role.HEAD_OF_DELEGATION, False, Role.DELEGATE)


def test_secretariat_grants_the_request_with_an_admin_action(client):
    meeting = MeetingFactory()
    asking = RegistrationFactory(meeting=meeting, member=member("VN"), head_requested=True)
    client.force_login(editor())

    act(client, "make_head", [asking])

    asking.refresh_from_db()
    assert asking.role == Role.HEAD_OF_DELEGATION
    page = client.get(ADMIN_URL + "?head_requested__exact=0").content.decode()
    assert "1 person named head of delegation." in page


def test_the_public_cannot_name_itself_head(send_mail):
    registration = RegistrationFactory(meeting=MeetingFactory(), member=member("VN"))

    with pytest.raises(services.RegistrationError) as error:
        services.registration_make_head(registration=registration, actor=None)

    assert error.value.code == "not_allowed"


def test_choosing_head_on_the_change_page_is_only_a_request(client, send_mail):
    from delegates.links import registration_path

    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting, member=member("VN"), role=Role.HEAD_OF_DELEGATION)
    registration = RegistrationFactory(meeting=meeting, member=member("VN"),
                                       email="khai@vn.example.org")
    url = registration_path(registration, "change")

    with send_mail():
        response = client.post(url, form_data(role=Role.HEAD_OF_DELEGATION), follow=True)

    registration.refresh_from_db()
    assert "already has a head" not in response.content.decode()
    assert (registration.role, registration.head_requested) == (Role.DELEGATE, True)


def test_secretariat_cannot_confirm_a_registration_whose_address_is_unconfirmed(client):
    registration = services.registration_submit_public(meeting=MeetingFactory(), data=_data())
    client.force_login(editor())

    act(client, "confirm", [registration])

    registration.refresh_from_db()
    page = client.get(ADMIN_URL).content.decode()
    assert registration.status == Status.UNCONFIRMED
    assert "has not confirmed the email address yet" in page
