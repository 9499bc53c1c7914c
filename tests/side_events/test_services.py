"""Signing up for a meeting's side events: the seats, the waiting list and what happens when
a seat is given back, by the sign-up or by the registration itself."""

import pytest
from django.core import mail

from delegates import services as registrations
from delegates.enums import RegistrationStatus
from delegates.models import RegistrationLogEntry
from side_events import services
from side_events.enums import SignupStatus
from side_events.models import SideEventSignup
from tests.delegates.staff_helpers import editor
from tests.factories import MeetingFactory, RegistrationFactory

from .helpers import people, side_event

pytestmark = pytest.mark.django_db


def statuses(event):
    return list(SideEventSignup.objects.filter(event=event).order_by("id")
                .values_list("status", flat=True))


def test_seats_go_first_come_then_the_waiting_list():
    event = side_event(capacity=2)
    first, second, third = people(event.meeting, 3)
    for registration in (first, second, third):
        services.signup_create(event=event, registration=registration)

    assert statuses(event) == [SignupStatus.SIGNED_UP, SignupStatus.SIGNED_UP,
                               SignupStatus.WAITLISTED]
    assert services.seats_taken(event) == 2


def test_a_delegation_holds_no_more_than_its_seats_per_member():
    event = side_event(capacity=10, delegation_cap=1)
    german, other_german = people(event.meeting, 2, "DE")
    (thai,) = people(event.meeting, 1, "TH")
    for registration in (german, other_german, thai):
        services.signup_create(event=event, registration=registration)

    assert statuses(event) == [SignupStatus.SIGNED_UP, SignupStatus.WAITLISTED,
                               SignupStatus.SIGNED_UP]


def test_a_seat_given_back_goes_to_the_oldest_who_fits_and_they_are_told(
        django_capture_on_commit_callbacks):
    event = side_event(capacity=1, delegation_cap=1)
    holder = people(event.meeting, 1, "DE")[0]
    same_member, thai = people(event.meeting, 1, "DE")[0], people(event.meeting, 1, "TH")[0]
    for registration in (holder, same_member, thai):
        services.signup_create(event=event, registration=registration)
    holders_signup = SideEventSignup.objects.get(registration=holder)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.signup_cancel(signup=holders_signup)

    assert dict(SideEventSignup.objects.values_list("registration_id", "status")) == {
        holder.pk: SignupStatus.CANCELLED, same_member.pk: SignupStatus.SIGNED_UP,
        thai.pk: SignupStatus.WAITLISTED}
    assert [m.to for m in mail.outbox] == [[same_member.email]]
    assert event.name in mail.outbox[0].subject


def test_only_a_registration_holding_a_seat_at_the_meeting_signs_up():
    event = side_event()
    waiting = RegistrationFactory(meeting=event.meeting, status=RegistrationStatus.WAITLISTED)
    elsewhere = RegistrationFactory()

    with pytest.raises(services.SignupError) as error:
        services.signup_create(event=event, registration=waiting)
    assert error.value.code == "not_holding_seat"
    with pytest.raises(services.SignupError) as error:
        services.signup_create(event=event, registration=elsewhere)
    assert error.value.code == "other_meeting"
    assert not SideEventSignup.objects.exists()


def test_signing_up_twice_is_refused_and_again_after_cancelling_queues_at_the_end():
    event = side_event(capacity=1)
    first, second = people(event.meeting, 2)
    signup = services.signup_create(event=event, registration=first)
    with pytest.raises(services.SignupError) as error:
        services.signup_create(event=event, registration=first)
    assert error.value.code == "already_signed_up"

    services.signup_cancel(signup=signup)
    services.signup_create(event=event, registration=second)
    again = services.signup_create(event=event, registration=first)

    assert again.pk == signup.pk
    assert again.status == SignupStatus.WAITLISTED


def test_a_closed_event_takes_sign_ups_from_the_secretariat_only():
    event = side_event(signup_open=False)
    delegate, late = people(event.meeting, 2)
    with pytest.raises(services.SignupError) as error:
        services.signup_create(event=event, registration=delegate, actor=None)
    assert error.value.code == "closed"

    signup = services.signup_create(event=event, registration=late, actor=editor(),
                                    by_secretariat=True)
    assert signup.status == SignupStatus.SIGNED_UP


@pytest.mark.parametrize("give_back", ["cancel", "reject", "waitlist"])
def test_a_registration_giving_back_its_meeting_seat_gives_back_its_event_seats(give_back):
    meeting = MeetingFactory(capacity=10, delegation_cap=10)
    dinner, visit = side_event(meeting, capacity=1), side_event(meeting, capacity=1)
    leaving, waiting = people(meeting, 2)
    for event in (dinner, visit):
        services.signup_create(event=event, registration=leaving)
    services.signup_create(event=dinner, registration=waiting)

    actor = editor()
    if give_back == "cancel":
        registrations.registration_cancel(registration=leaving, actor=actor)
    elif give_back == "reject":
        registrations.registration_reject(registration=leaving, actor=actor, reason="Late")
    else:
        registrations.registration_waitlist(registration=leaving, actor=actor)

    assert set(SideEventSignup.objects.filter(registration=leaving)
               .values_list("status", flat=True)) == {SignupStatus.CANCELLED}
    assert SideEventSignup.objects.get(registration=waiting).status == SignupStatus.SIGNED_UP
    assert RegistrationLogEntry.objects.filter(
        registration=leaving, action="side_events.signup.cancelled").count() == 2


def test_check_in_at_an_event_needs_a_seat_and_can_be_undone():
    event = side_event(capacity=1)
    holder, waiting = people(event.meeting, 2)
    seat = services.signup_create(event=event, registration=holder)
    queued = services.signup_create(event=event, registration=waiting)

    assert services.signup_mark_attended(signup=seat) is True
    assert services.signup_mark_attended(signup=seat) is False
    with pytest.raises(services.SignupError):
        services.signup_mark_attended(signup=queued)
    assert services.signup_undo_attendance(signup=seat) is True
    seat.refresh_from_db()
    assert seat.attended_at is None


def test_erasing_a_person_before_the_meeting_hands_their_event_seat_on():
    from secretariat.privacy import erase_person

    event = side_event(capacity=1)
    gone, waiting = people(event.meeting, 2)
    services.signup_create(event=event, registration=gone)
    services.signup_create(event=event, registration=waiting)

    erase_person(email=gone.email, actor=None)

    assert SideEventSignup.objects.get(registration=gone).status == SignupStatus.CANCELLED
    assert SideEventSignup.objects.get(registration=waiting).status == SignupStatus.SIGNED_UP


def test_more_seats_in_the_admin_go_to_the_waiting_list_at_once():
    from django.urls import reverse

    from tests.delegates.staff_helpers import Client

    event = side_event(capacity=1)
    first, second = people(event.meeting, 2)
    services.signup_create(event=event, registration=first)
    services.signup_create(event=event, registration=second)
    staff = Client()
    staff.force_login(editor())
    url = reverse("admin:side_events_sideevent_change", args=[event.pk])
    page = staff.get(url)
    assert 'name="meeting"' not in page.content.decode()  # fixed once people signed up
    form = {"name": event.name, "description": "", "place": event.place,
            "starts_at_0": event.starts_at.date().isoformat(), "starts_at_1": "19:30",
            "ends_at_0": "", "ends_at_1": "", "capacity": 2, "delegation_cap": "",
            "signup_open": "on"}
    response = staff.post(url, form, follow=True)

    assert "1 person moved from the waiting list to a seat" in response.content.decode()
    assert SideEventSignup.objects.get(registration=second).status == SignupStatus.SIGNED_UP


def test_a_person_moved_to_a_full_delegation_waits_at_the_event():
    meeting = MeetingFactory(capacity=20, delegation_cap=10)
    event = side_event(meeting, capacity=10, delegation_cap=1)
    (thai,) = people(meeting, 1, "TH")
    (german,) = people(meeting, 1, "DE")
    (german_waiting,) = people(meeting, 1, "DE")
    services.signup_create(event=event, registration=thai)
    services.signup_create(event=event, registration=german)
    services.signup_create(event=event, registration=german_waiting)

    registrations.registration_update(registration=german, data={"member": thai.member},
                                      actor=editor())

    assert dict(SideEventSignup.objects.values_list("registration_id", "status")) == {
        thai.pk: SignupStatus.SIGNED_UP, german.pk: SignupStatus.WAITLISTED,
        german_waiting.pk: SignupStatus.SIGNED_UP}
