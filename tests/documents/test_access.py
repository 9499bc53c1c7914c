"""Who may read which document: every access level for every kind of person, through the
document's page, its download, the documents page of the meeting and the pack."""

import io
import zipfile

import pytest

from delegates.enums import RegistrationStatus
from documents.enums import Access
from tests.delegates.staff_helpers import editor, viewer
from tests.documents.helpers import add, delegate_client, focal_point_of, seat
from tests.factories import MeetingFactory

PEOPLE = [
    "anonymous", "delegate_confirmed", "delegate_pending", "delegate_waitlisted",
    "delegate_cancelled", "delegate_rejected", "delegate_of_another_meeting",
    "focal_point_with_seat", "focal_point_without_seat", "viewer", "editor",
]
SEATED = {"delegate_confirmed", "focal_point_with_seat"}
STAFF = {"viewer", "editor"}


def readers(access, published):
    if not published:
        return STAFF
    if access == Access.PUBLIC:
        return set(PEOPLE)
    if access == Access.PARTICIPANTS:
        return SEATED | STAFF
    return STAFF


@pytest.fixture
def meeting(db):
    return MeetingFactory()


def get(client, url):
    """A response read to its end (a download's file is closed)."""
    response = client.get(url)
    if response.streaming:
        response.body = b"".join(response.streaming_content)  # closes the file at the end
    return response


def person_client(client, person, meeting):
    if person == "anonymous":
        return client
    if person.startswith("delegate_"):
        if person == "delegate_of_another_meeting":
            registration = seat(MeetingFactory(), "DE", RegistrationStatus.CONFIRMED)
        else:
            registration = seat(meeting, "DE", person.removeprefix("delegate_"))
        return delegate_client(client, registration)
    if person == "focal_point_with_seat":
        seat(meeting, "DE", RegistrationStatus.CONFIRMED)
        client.force_login(focal_point_of("DE"))
    elif person == "focal_point_without_seat":
        # France holds no confirmed seat: one person waiting, one pending, one cancelled.
        for status in ("waitlisted", "pending", "cancelled"):
            seat(meeting, "FR", status)
        client.force_login(focal_point_of("FR"))
    else:
        client.force_login(editor() if person == "editor" else viewer())
    return client


@pytest.mark.parametrize("published", [True, False])
@pytest.mark.parametrize("access", Access.values)
@pytest.mark.parametrize("person", PEOPLE)
def test_document_page_and_download_follow_the_access(client, meeting, person, access,
                                                      published):
    document = add(meeting, access=access, publish=published, title="The paper")
    file = document.files.get()
    client = person_client(client, person, meeting)
    may_read = person in readers(access, published)

    page = client.get(document.get_absolute_url())
    download = get(client, file.get_absolute_url())
    listing = client.get(f"/meetings/{meeting.slug}/documents/")

    expected = 200 if may_read else (403 if published and access == Access.PARTICIPANTS
                                     else 404)
    assert (page.status_code, download.status_code) == (expected, expected)
    assert ("The paper" in listing.content.decode()) is may_read
    if may_read:
        assert download["Content-Disposition"] == 'attachment; filename="paper.pdf"'


@pytest.mark.parametrize("person", PEOPLE)
def test_pack_holds_what_the_person_may_read(client, meeting, person):
    add(meeting, access=Access.PUBLIC, title="Public", symbol="A/1")
    add(meeting, access=Access.PARTICIPANTS, title="Participants", symbol="A/2")
    add(meeting, access=Access.SECRETARIAT, title="Secretariat", symbol="A/3")
    add(meeting, access=Access.PUBLIC, title="Draft", symbol="A/4", publish=False)
    client = person_client(client, person, meeting)

    response = get(client, f"/meetings/{meeting.slug}/documents/pack.zip")

    names = sorted(zipfile.ZipFile(io.BytesIO(response.body)).namelist())
    expected = ["a-1-en.pdf"]
    if person in SEATED | STAFF:
        expected.append("a-2-en.pdf")
    if person in STAFF:
        expected += ["a-3-en.pdf", "a-4-en.pdf"]
    assert names == expected
    assert response["Content-Disposition"] == (
        f'attachment; filename="{meeting.slug}-documents.zip"')


def test_a_cancelled_registration_link_no_longer_opens_participants_documents(client, meeting):
    from delegates.services import registration_cancel

    registration = seat(meeting, "DE", RegistrationStatus.CONFIRMED)
    document = add(meeting, access=Access.PARTICIPANTS)
    delegate_client(client, registration)
    assert client.get(document.get_absolute_url()).status_code == 200

    registration_cancel(registration=registration, actor=None)

    assert client.get(document.get_absolute_url()).status_code == 403


def test_superseded_versions_are_for_the_secretariat_only(client, meeting):
    from documents import services
    from tests.documents.helpers import upload

    document = add(meeting, access=Access.PUBLIC)
    old = document.files.get()
    services.document_add_version(document=document, file=upload(name="v2.pdf"),
                                  note="Corrected figures", actor=services.roles.SYSTEM)
    new = document.files.get(superseded_at__isnull=True)

    assert get(client, old.get_absolute_url()).status_code == 404
    assert get(client, new.get_absolute_url()).status_code == 200
    client.force_login(viewer())
    assert get(client, old.get_absolute_url()).status_code == 200
