"""Focal points are invited from the admin and from the secretariat's pages, not only from
the command line: the same service, the same mail (its link a placeholder in the outbox)."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import mail

from delegates.models import FocalPoint
from mail.models import OutgoingEmail
from mail.outbox import LINK_PLACEHOLDER
from tests.delegates.staff_helpers import editor, viewer
from tests.factories import FocalPointFactory, member

pytestmark = pytest.mark.django_db
ADMIN = "/admin/delegates/focalpoint/"
STAFF = "/staff/focal-points/"


def _invite(client, url, **data):
    return client.post(url, {"email": "new.focal@example.org", "first_name": "Nadia",
                             "last_name": "Example", "member": member("TH").pk, **data})


def test_adding_a_focal_point_in_the_admin_mails_the_invitation(
        client, django_capture_on_commit_callbacks):
    client.force_login(editor())

    add_form = client.get(f"{ADMIN}add/")
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(client, f"{ADMIN}add/")

    assert add_form.status_code == 200
    assert 'name="email"' in add_form.text
    assert response.status_code == 302
    focal_point = FocalPoint.objects.get(user__email="new.focal@example.org")
    assert focal_point.member == member("TH")
    assert focal_point.invited_by.username == "editor"
    stored = OutgoingEmail.objects.get(kind="focal_point_invitation")
    assert stored.to == "new.focal@example.org"
    assert LINK_PLACEHOLDER in stored.body
    assert [m.to for m in mail.outbox] == [["new.focal@example.org"]]
    assert LINK_PLACEHOLDER not in mail.outbox[0].body
    assert "/accounts/reset/" in mail.outbox[0].body


def test_admin_refuses_a_person_who_is_focal_point_elsewhere_and_says_why(client):
    FocalPointFactory(member=member("FR"), user__email="new.focal@example.org")
    client.force_login(editor())

    response = _invite(client, f"{ADMIN}add/", member=member("DE").pk)
    page = client.get(response["Location"])

    assert response.status_code == 302
    assert "ew.focal@example.org is already the focal point of France." in page.text
    assert OutgoingEmail.objects.count() == 0


def test_admin_action_sends_the_invitation_again(client):
    focal_point = FocalPointFactory(member=member("FR"))
    client.force_login(editor())

    response = client.post(ADMIN, {"action": "invite_again",
                                   ACTION_CHECKBOX_NAME: [focal_point.pk]}, follow=True)

    assert "1 invitation sent again." in response.text
    assert list(OutgoingEmail.objects.values_list("to", "kind")) == [
        (focal_point.user.email, "focal_point_invitation")]


def test_staff_page_lists_who_has_not_signed_in_and_invites(
        client, django_capture_on_commit_callbacks):
    waiting = FocalPointFactory(member=member("FR"), user__email="waiting@example.org")
    client.force_login(editor())

    page = client.get(STAFF)
    with django_capture_on_commit_callbacks(execute=True):
        invited = _invite(client, STAFF)

    assert page.status_code == 200
    assert "1 focal point has not signed in since the invitation." in page.text
    assert "waiting@example.org" in page.text
    assert invited.status_code == 302
    assert FocalPoint.objects.get(user__email="new.focal@example.org").member == member("TH")
    assert [m.to for m in mail.outbox] == [["new.focal@example.org"]]
    assert waiting.user.email not in [m.to[0] for m in mail.outbox]


def test_staff_page_says_what_is_wrong_with_an_invitation(client):
    FocalPointFactory(member=member("FR"), user__email="new.focal@example.org")
    client.force_login(editor())

    bad_address = _invite(client, STAFF, email="not an address")
    elsewhere = _invite(client, STAFF)

    assert bad_address.status_code == 200
    assert "Enter a valid email address." in bad_address.text
    assert elsewhere.status_code == 200
    assert "new.focal@example.org is already the focal point of France." in elsewhere.text
    assert OutgoingEmail.objects.count() == 0


def test_staff_page_sends_the_invitation_again(client):
    focal_point = FocalPointFactory(member=member("FR"))
    client.force_login(editor())

    response = client.post(f"{STAFF}{focal_point.pk}/invite-again/", follow=True)

    assert f"The invitation was mailed again to {focal_point.user.email}." in response.text
    assert OutgoingEmail.objects.filter(kind="focal_point_invitation").count() == 1


def test_viewer_sees_the_focal_points_but_cannot_invite(client):
    FocalPointFactory(member=member("FR"), user__email="waiting@example.org")
    client.force_login(viewer())

    page = client.get(STAFF)
    refused = _invite(client, STAFF)

    assert page.status_code == 200
    assert "waiting@example.org" in page.text
    assert "Invite a focal point" not in page.text
    assert refused.status_code == 403
    assert OutgoingEmail.objects.count() == 0


@pytest.mark.parametrize("count", [1, 3])
def test_staff_focal_points_page_queries_do_not_grow_with_the_list(
        client, django_assert_num_queries, count):
    for code in ["FR", "DE", "TH"][:count]:
        FocalPointFactory(member=member(code))
    client.force_login(editor())
    client.get(STAFF)  # the session and permissions are cached after the first page

    with django_assert_num_queries(7):
        page = client.get(STAFF)

    assert page.text.count("Send the invitation again") == count
