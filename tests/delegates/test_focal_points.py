import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from delegates import services
from delegates.enums import RegistrationStatus as Status
from delegates.enums import Role
from delegates.models import FocalPoint, Registration
from meetings.enums import MeetingStatus
from tests.factories import (
    FocalPointFactory,
    MeetingFactory,
    RegistrationFactory,
    UserFactory,
    member,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def focal_client(client):
    focal_point = FocalPointFactory(member=member("VN"))
    client.force_login(focal_point.user)
    client.focal_point = focal_point
    return client


def delegate_form(**extra):
    return {"given_name": "Văn An", "family_name": "Phạm", "family_name_first": "on",
            "role": Role.DELEGATE, "email": "an@vn.example.org", "privacy_consent": "on",
            **extra}


# --- invitation ---------------------------------------------------------------------------


def test_invite_creates_user_and_mails_set_password_link(client,
                                                         django_capture_on_commit_callbacks):
    staff = UserFactory(is_staff=True)
    with django_capture_on_commit_callbacks(execute=True):
        focal_point = services.focal_point_invite(user_email="fp@vn.example.org",
                                                  member=member("VN"), actor=staff)
    user = focal_point.user
    assert (user.email, user.has_usable_password(), focal_point.invited_by) == (
        "fp@vn.example.org", False, staff)
    assert focal_point.invited_at is not None
    message = mail.outbox[0]
    assert message.subject == "You are invited as focal point of Viet Nam"
    link = re.search(r"http://\S+/accounts/reset/\S+/", message.body).group(0)
    path = link.split("127.0.0.1:8000", 1)[1]
    response = client.get(path, follow=True)  # Django swaps the token into the session
    assert "Choose your password" in response.content.decode()
    set_password = response.redirect_chain[-1][0]
    response = client.post(set_password, {"new_password1": "Ha-Long-Bay-2026!",
                                          "new_password2": "Ha-Long-Bay-2026!"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Ha-Long-Bay-2026!")
    response = client.post(reverse("login"), {"username": user.username,
                                              "password": "Ha-Long-Bay-2026!"})
    assert response.status_code == 302
    assert client.get(reverse("delegates:focal_home")).status_code == 200


def test_invite_again_resends_without_second_focal_point():
    services.focal_point_invite(user_email="fp@vn.example.org", member=member("VN"),
                                actor=None)
    services.focal_point_invite(user_email="FP@vn.example.org", member=member("VN"),
                                actor=None)
    assert FocalPoint.objects.count() == 1
    assert get_user_model().objects.filter(email__iexact="fp@vn.example.org").count() == 1


def test_invite_for_another_member_refused():
    services.focal_point_invite(user_email="fp@vn.example.org", member=member("VN"),
                                actor=None)
    with pytest.raises(services.RegistrationError) as excinfo:
        services.focal_point_invite(user_email="fp@vn.example.org", member=member("TH"),
                                    actor=None)
    assert excinfo.value.code == "focal_point_elsewhere"


def test_invite_command():
    call_command("invite_focal_point", "fp@th.example.org", "th")
    assert FocalPoint.objects.get().member == member("TH")


# --- access -------------------------------------------------------------------------------


def test_focal_pages_need_sign_in(client):
    response = client.get(reverse("delegates:focal_home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_focal_pages_refuse_users_who_are_not_focal_points(client):
    client.force_login(UserFactory())
    assert client.get(reverse("delegates:focal_home")).status_code == 403


def test_home_lists_upcoming_meetings_with_own_seats(focal_client, django_assert_num_queries):
    meeting = MeetingFactory(capacity=10, delegation_cap=3)
    RegistrationFactory(meeting=meeting, member=member("VN"))
    RegistrationFactory(meeting=meeting, member=member("VN"), status=Status.WAITLISTED)
    RegistrationFactory(meeting=meeting, member=member("TH"))
    with django_assert_num_queries(4):  # session, user, focal point, meetings
        response = focal_client.get(reverse("delegates:focal_home"))
    [listed] = response.context["meetings"]
    assert (listed.member_held, listed.member_left, listed.member_waiting) == (1, 2, 1)


def test_delegation_page_shows_own_delegation_only(focal_client):
    meeting = MeetingFactory(delegation_cap=2)
    mine = RegistrationFactory(meeting=meeting, member=member("VN"), family_name="Lê")
    RegistrationFactory(meeting=meeting, member=member("TH"), family_name="Chaiyaporn")
    response = focal_client.get(reverse("delegates:focal_delegation", args=[meeting.slug]))
    content = response.content.decode()
    assert "Lê" in content
    assert "Chaiyaporn" not in content
    assert response.context["holding"] == [mine]
    assert (response.context["seats"].member_held, response.context["seats"].member_left) == (
        1, 1)


def test_delegation_page_lists_waiting_list_in_order(focal_client):
    meeting = MeetingFactory(capacity=1)
    RegistrationFactory(meeting=meeting, member=member("TH"))
    first = RegistrationFactory(meeting=meeting, member=member("VN"), status=Status.WAITLISTED)
    second = RegistrationFactory(meeting=meeting, member=member("VN"),
                                 status=Status.WAITLISTED)
    response = focal_client.get(reverse("delegates:focal_delegation", args=[meeting.slug]))
    assert response.context["waiting"] == [first, second]


def test_focal_point_registers_a_delegate_for_its_member(focal_client):
    meeting = MeetingFactory()
    response = focal_client.post(reverse("delegates:focal_register", args=[meeting.slug]),
                                 delegate_form(member=member("TH").pk))
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.member == member("VN")  # never the member posted
    assert registration.registered_by == focal_client.focal_point.user
    assert registration.status == Status.PENDING
    assert registration.log_entries.get().actor == focal_client.focal_point.user


def test_focal_point_registration_waitlisted_when_delegation_full(focal_client):
    meeting = MeetingFactory(delegation_cap=1)
    RegistrationFactory(meeting=meeting, member=member("VN"))
    focal_client.post(reverse("delegates:focal_register", args=[meeting.slug]),
                      delegate_form())
    assert Registration.objects.get(email="an@vn.example.org").status == Status.WAITLISTED


def test_focal_point_cannot_register_when_closed(focal_client):
    meeting = MeetingFactory(status=MeetingStatus.REGISTRATION_CLOSED)
    response = focal_client.post(reverse("delegates:focal_register", args=[meeting.slug]),
                                 delegate_form())
    assert response.status_code == 302
    assert Registration.objects.count() == 0


def test_focal_point_edits_own_delegate(focal_client):
    meeting = MeetingFactory()
    registration = RegistrationFactory(meeting=meeting, member=member("VN"))
    url = reverse("delegates:focal_registration_edit", args=[registration.pk])
    assert focal_client.get(url).status_code == 200
    response = focal_client.post(url, delegate_form(email=registration.email,
                                                    dietary_needs="Halal"))
    assert response.status_code == 302
    registration.refresh_from_db()
    assert (registration.dietary_needs, registration.family_name) == ("Halal", "Phạm")


def test_focal_point_cancels_own_delegate_and_waitlisted_is_promoted(focal_client):
    meeting = MeetingFactory(capacity=1)
    holder = RegistrationFactory(meeting=meeting, member=member("VN"))
    waiting = RegistrationFactory(meeting=meeting, member=member("TH"), status=Status.WAITLISTED)
    response = focal_client.post(reverse("delegates:focal_registration_cancel",
                                         args=[holder.pk]))
    assert response.status_code == 302
    holder.refresh_from_db()
    waiting.refresh_from_db()
    assert (holder.status, waiting.status) == (Status.CANCELLED, Status.PENDING)


def test_focal_point_names_head_of_delegation(focal_client):
    meeting = MeetingFactory()
    old_head = RegistrationFactory(meeting=meeting, member=member("VN"),
                                   role=Role.HEAD_OF_DELEGATION)
    new_head = RegistrationFactory(meeting=meeting, member=member("VN"))
    focal_client.post(reverse("delegates:focal_registration_make_head", args=[new_head.pk]))
    old_head.refresh_from_db()
    new_head.refresh_from_db()
    assert (old_head.role, new_head.role) == (Role.DELEGATE, Role.HEAD_OF_DELEGATION)
    assert new_head.log_entries.get().action == "delegates.registration.head_named"


@pytest.mark.parametrize("name", ["focal_registration_edit", "focal_registration_cancel",
                                  "focal_registration_make_head"])
def test_another_members_registration_is_404(focal_client, name):
    other = RegistrationFactory(meeting=MeetingFactory(), member=member("TH"))
    url = reverse(f"delegates:{name}", args=[other.pk])
    assert focal_client.get(url).status_code in (404, 405)
    assert focal_client.post(url, delegate_form(email=other.email)).status_code == 404
    other.refresh_from_db()
    assert (other.status, other.role, other.family_name) == (
        Status.PENDING, Role.DELEGATE, other.family_name)


def test_make_head_when_already_head_refused():
    registration = RegistrationFactory(meeting=MeetingFactory(), role=Role.HEAD_OF_DELEGATION)
    with pytest.raises(services.RegistrationError):
        services.registration_make_head(registration=registration, actor=None)


def test_invitation_mail_names_login_page(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.focal_point_invite(user_email="fp@vn.example.org", member=member("VN"),
                                    actor=None, first_name="Lan", last_name="Đỗ")
    body = mail.outbox[0].body
    assert body.startswith("Dear Lan Đỗ,")
    assert "/accounts/login/?next=/focal/" in body
    assert timezone.now()


@pytest.mark.parametrize("count", [1, 3])
def test_delegation_page_query_count_does_not_grow(focal_client, django_assert_num_queries,
                                                   count):
    meeting = MeetingFactory()
    for _ in range(count):
        RegistrationFactory(meeting=meeting, member=member("VN"))
    RegistrationFactory(meeting=meeting, member=member("VN"), status=Status.WAITLISTED)
    # session, user, focal point, meeting, delegation, seats, whether it has side events
    with django_assert_num_queries(7):
        response = focal_client.get(reverse("delegates:focal_delegation", args=[meeting.slug]))
    assert len(response.context["holding"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_home_query_count_does_not_grow(focal_client, django_assert_num_queries, count):
    for _ in range(count):
        RegistrationFactory(meeting=MeetingFactory(), member=member("VN"))
    with django_assert_num_queries(4):
        response = focal_client.get(reverse("delegates:focal_home"))
    assert len(response.context["meetings"]) == count


def test_services_refuse_a_focal_point_acting_for_another_member():
    focal_point = FocalPointFactory(member=member("VN"))
    meeting = MeetingFactory()
    other = RegistrationFactory(meeting=meeting, member=member("TH"))
    with pytest.raises(services.RegistrationError) as excinfo:
        services.registration_submit(meeting=meeting, actor=focal_point.user, data={
            "member": member("TH"), "family_name": "Chaiyaporn", "email": "c@example.org",
            "privacy_consent_at": timezone.now()})
    assert excinfo.value.code == "not_your_delegation"
    for call in (lambda: services.registration_cancel(registration=other,
                                                      actor=focal_point.user),
                 lambda: services.registration_update(registration=other, data={"phone": "1"},
                                                      actor=focal_point.user),
                 lambda: services.registration_make_head(registration=other,
                                                         actor=focal_point.user)):
        with pytest.raises(services.RegistrationError):
            call()
    other.refresh_from_db()
    assert (other.status, other.phone, other.role) == (Status.PENDING, "", Role.DELEGATE)


def test_services_refuse_moving_own_delegate_to_another_member():
    focal_point = FocalPointFactory(member=member("VN"))
    mine = RegistrationFactory(meeting=MeetingFactory(), member=member("VN"))
    with pytest.raises(services.RegistrationError):
        services.registration_update(registration=mine, data={"member": member("TH")},
                                     actor=focal_point.user)
