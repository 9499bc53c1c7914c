"""Taking part in person or online: each with its own seats, the same waiting list, the
connection details by mail for those online and a badge only for those in the room."""

import pytest
from django.core import mail
from django.urls import reverse

from delegates import services
from delegates.enums import Participation
from delegates.enums import RegistrationStatus as Status
from delegates.selectors import seats
from tests.delegates.staff_helpers import Client, editor
from tests.delegates.test_services import data_for, statuses
from tests.factories import MeetingFactory, member

pytestmark = pytest.mark.django_db
ONLINE, IN_PERSON = Participation.ONLINE, Participation.IN_PERSON
DETAILS = "https://meet.example.org/asem-dgc — meeting ID 555 0101, passcode 2027"


def hybrid(capacity=1, online=1, **extra):
    return MeetingFactory(capacity=capacity, online_capacity=online,
                          online_connection_details=DETAILS, **extra)


def submit(meeting, n, participation=IN_PERSON, code="DE"):
    return services.registration_submit(meeting=meeting, data=data_for(
        code, n, participation=participation))


def test_the_room_and_the_online_seats_fill_and_wait_apart():
    meeting = hybrid(capacity=1, online=1)
    submit(meeting, 1, IN_PERSON)
    submit(meeting, 2, ONLINE)
    submit(meeting, 3, IN_PERSON)
    submit(meeting, 4, ONLINE)

    assert statuses(meeting) == [Status.PENDING, Status.PENDING, Status.WAITLISTED,
                                 Status.WAITLISTED]
    counted = seats(meeting, member("DE"))
    assert (counted.held, counted.left, counted.online_held, counted.online_left) == (1, 0, 1, 0)


def test_online_seats_do_not_count_against_the_delegations_seats():
    meeting = hybrid(capacity=10, online=10, delegation_cap=1)
    submit(meeting, 1, IN_PERSON)
    submit(meeting, 2, ONLINE)
    submit(meeting, 3, ONLINE)

    assert statuses(meeting) == [Status.PENDING] * 3


def test_a_meeting_in_person_only_refuses_online_participation():
    meeting = MeetingFactory(online_capacity=0)
    with pytest.raises(services.RegistrationError) as error:
        submit(meeting, 1, ONLINE)
    assert error.value.code == "online_not_offered"
    assert not meeting.registrations.exists()


def test_a_seat_given_back_online_goes_to_the_first_waiting_online():
    meeting = hybrid(capacity=1, online=1)
    submit(meeting, 1, IN_PERSON)
    online = submit(meeting, 2, ONLINE)
    waiting_in_room = submit(meeting, 3, IN_PERSON)
    waiting_online = submit(meeting, 4, ONLINE)

    services.registration_cancel(registration=online, actor=editor())

    waiting_in_room.refresh_from_db()
    waiting_online.refresh_from_db()
    assert (waiting_in_room.status, waiting_online.status) == (Status.WAITLISTED, Status.PENDING)


def test_switching_to_a_full_room_is_refused_and_to_free_online_seats_hands_the_seat_on():
    meeting = hybrid(capacity=1, online=1)
    in_room = submit(meeting, 1, IN_PERSON)
    online = submit(meeting, 2, ONLINE)
    waiting_in_room = submit(meeting, 3, IN_PERSON)

    with pytest.raises(services.RegistrationError) as error:
        services.registration_update(registration=online, data={"participation": IN_PERSON},
                                     actor=editor())
    assert error.value.code == "no_seat"

    services.registration_cancel(registration=online, actor=editor())
    services.registration_update(registration=in_room, data={"participation": ONLINE},
                                 actor=editor())
    waiting_in_room.refresh_from_db()
    in_room.refresh_from_db()
    assert (in_room.participation, in_room.status) == (ONLINE, Status.PENDING)
    assert waiting_in_room.status == Status.PENDING  # the room's seat went on


def test_the_confirmation_tells_online_participants_how_to_join_and_gives_no_badge(
        django_capture_on_commit_callbacks):
    meeting = hybrid(capacity=5, online=5)
    online, in_room = submit(meeting, 1, ONLINE), submit(meeting, 2, IN_PERSON)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_confirm(registration=online, actor=editor())
        services.registration_confirm(registration=in_room, actor=editor("editor-2"))

    by_address = {message.to[0]: message for message in mail.outbox}
    online_mail, room_mail = by_address[online.email], by_address[in_room.email]
    assert DETAILS in online_mail.body and "Taking part: Online" in online_mail.body
    assert "badge-code.png" not in [attachment[0] for attachment in online_mail.attachments]
    assert DETAILS not in room_mail.body
    assert "badge-code.png" in [attachment[0] for attachment in room_mail.attachments]


def test_badges_are_printed_for_the_room_only():
    import io

    from pypdf import PdfReader

    meeting = hybrid(capacity=5, online=5)
    online, in_room = submit(meeting, 1, ONLINE), submit(meeting, 2, IN_PERSON)
    for registration in (online, in_room):
        services.registration_confirm(registration=registration, actor=editor())
    client = Client()
    client.force_login(editor("badge-printer"))
    response = client.post(reverse("staff:badges", args=[meeting.slug]),
                           {"layout": "single"})
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(
        response.content)).pages)
    assert in_room.family_name in text and online.family_name not in text


def test_the_form_offers_online_participation_only_when_the_meeting_does(client):
    offered = client.get(reverse("delegates:register", args=[hybrid().slug]))
    in_room_only = client.get(reverse("delegates:register", args=[MeetingFactory().slug]))

    assert 'name="participation"' in offered.content.decode()
    assert 'name="participation"' not in in_room_only.content.decode()
