import datetime as dt

import pytest
from django.contrib.auth.models import Group

from delegates.enums import RegistrationStatus
from tests.delegates.staff_helpers import editor, viewer
from tests.factories import MeetingFactory, RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_groups_have_matching_permissions():
    editor_perms = set(Group.objects.get(name="Secretariat editor").permissions.values_list(
        "codename", flat=True))
    viewer_perms = set(Group.objects.get(name="Secretariat viewer").permissions.values_list(
        "codename", flat=True))

    assert {"change_registration", "view_registration", "change_meeting",
            "add_agendaitem", "change_actionplan"} <= editor_perms
    assert "view_registration" in viewer_perms
    assert "view_meeting" in viewer_perms
    assert all(codename.startswith("view_") for codename in viewer_perms)


@pytest.fixture
def meeting():
    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting, status=RegistrationStatus.CONFIRMED,
                        needs_visa_letter=True, passport_number="AA1234567",
                        passport_nationality="Thai", passport_issued_on=dt.date(2021, 5, 1),
                        passport_expires_on=dt.date(2031, 5, 1),
                        date_of_birth=dt.date(1975, 2, 3))
    return meeting


def pages(meeting):
    registration = meeting.registrations.get()
    reads = ["/staff/", f"/staff/{meeting.slug}/", f"/staff/{meeting.slug}/badges/",
             f"/staff/{meeting.slug}/participants.csv",
             f"/staff/{meeting.slug}/badges/{registration.pk}.pdf",
             f"/staff/{meeting.slug}/check-in/room.json"]
    changes = [f"/staff/{meeting.slug}/check-in/", f"/staff/{meeting.slug}/import/",
               f"/staff/{meeting.slug}/visa-letters/",
               f"/staff/{meeting.slug}/visa-letters/all.pdf",
               f"/staff/{meeting.slug}/visa-letters/{registration.pk}.pdf"]
    return reads, changes


def test_viewer_reads_but_cannot_change(client, meeting):
    client.force_login(viewer())
    reads, changes = pages(meeting)

    assert [client.get(url).status_code for url in reads] == [200] * len(reads)
    assert [client.get(url).status_code for url in changes] == [403] * len(changes)
    assert client.post(f"/staff/{meeting.slug}/check-in/scan/",
                       {"code": "x"}).status_code == 403


def test_editor_reads_and_changes(client, meeting):
    client.force_login(editor())
    reads, changes = pages(meeting)

    assert [client.get(url).status_code for url in reads + changes] == [200] * (
        len(reads) + len(changes))


def test_signed_out_person_is_sent_to_sign_in(client, meeting):
    reads, changes = pages(meeting)

    assert {client.get(url).url.split("?")[0] for url in reads + changes} == {
        "/accounts/login/"}


@pytest.mark.parametrize("make_user", [
    lambda: UserFactory(username="someone"),
    lambda: UserFactory(username="staff-without-group", is_staff=True),
])
def test_anyone_else_gets_403(client, meeting, make_user):
    client.force_login(make_user())
    reads, changes = pages(meeting)

    assert [client.get(url).status_code for url in reads + changes] == [403] * (
        len(reads) + len(changes))


def test_viewer_can_open_the_admin_list_but_not_change_a_registration(client, meeting):
    client.force_login(viewer())
    registration = meeting.registrations.get()

    assert client.get("/admin/delegates/registration/").status_code == 200
    response = client.get(f"/admin/delegates/registration/{registration.pk}/change/")
    assert response.status_code == 200
    assert 'name="given_name"' not in response.text
    assert client.post(f"/admin/delegates/registration/{registration.pk}/change/",
                       {"given_name": "Changed"}).status_code == 403


def test_viewer_does_not_see_passport_details_in_the_admin(client, meeting):
    registration = meeting.registrations.get()
    registration.passport_number = "X1234567"
    registration.save()
    client.force_login(viewer())

    response = client.get(f"/admin/delegates/registration/{registration.pk}/change/")

    assert "X1234567" not in response.text
    client.force_login(editor())
    response = client.get(f"/admin/delegates/registration/{registration.pk}/change/")
    assert "X1234567" in response.text


def test_history_page_hides_passport_changes_from_viewers(client, meeting):
    registration = meeting.registrations.get()
    registration.passport_number = "OLD11111"
    registration.save()
    registration.passport_number = "NEW22222"
    registration.position = "Director"
    registration.save()
    url = f"/admin/delegates/registration/{registration.pk}/history/"

    client.force_login(viewer())
    seen_by_viewer = client.get(url).text
    client.force_login(editor())
    seen_by_editor = client.get(url).text

    assert "Director" in seen_by_viewer
    assert "NEW22222" not in seen_by_viewer
    assert "OLD11111" not in seen_by_viewer
    assert "NEW22222" in seen_by_editor


def test_staff_pages_have_no_inline_script_or_style(client, meeting):
    import re

    client.force_login(editor())
    reads, changes = pages(meeting)
    html_pages = [url for url in reads + changes
                  if not url.endswith((".pdf", ".csv", ".json"))]

    for url in html_pages:
        text = client.get(url).text
        assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)", text), url
        assert "<style" not in text, url
        assert " style=" not in text, url
