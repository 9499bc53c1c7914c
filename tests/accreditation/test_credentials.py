"""A delegation's credentials: the focal point uploads them, the secretariat accepts or
returns them, and confirmation waits for them when the meeting says so."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accreditation import services
from accreditation.models import Credentials, CredentialsLogEntry, MeetingAccreditation
from delegates.enums import RegistrationStatus
from delegates.services import RegistrationError, registration_confirm
from tests.delegates.staff_helpers import editor, viewer
from tests.documents.helpers import JPEG, docx_bytes, pdf_bytes
from tests.factories import FocalPointFactory, MeetingFactory, RegistrationFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    meeting = MeetingFactory()
    MeetingAccreditation.objects.create(meeting=meeting, credentials_required=True,
                                        confirmation_awaits_credentials=True)
    return meeting


@pytest.fixture
def focal_point():
    return FocalPointFactory(member=member("VN")).user


def letter(data=None, name="note-verbale.pdf"):
    return SimpleUploadedFile(name, pdf_bytes() if data is None else data)


def upload(meeting, focal_point, data=None):
    return services.credentials_upload(meeting=meeting, member=member("VN"),
                                       file=letter(data), actor=focal_point)


def actions(credentials):
    return list(CredentialsLogEntry.objects.filter(credentials=credentials)
                .order_by("created_at", "id").values_list("action", "actor__username", "note"))


def test_focal_point_uploads_the_letter_on_its_page(client, meeting, focal_point):
    client.force_login(focal_point)
    url = reverse("accreditation:focal_credentials", args=[meeting.slug])
    page = client.get(url).content.decode()
    assert "Upload the letter of Viet Nam here." in page
    assert "No credentials uploaded yet." in page
    response = client.post(url, {"file": letter(name="Note Verbale 2019.PDF")}, follow=True)
    credentials = Credentials.objects.get()
    assert (credentials.member, credentials.state, credentials.name) == (
        member("VN"), "submitted", "note-verbale-2019.pdf")
    assert "The credentials were sent to the secretariat." in response.content.decode()
    assert actions(credentials) == [("accreditation.credentials.submitted",
                                     focal_point.username, "note-verbale-2019.pdf")]


@pytest.mark.parametrize("data,message", [
    (docx_bytes(), "Only a PDF, PNG or JPEG file is accepted; this file is none of them, "
                   "whatever its name."),
    (b"<svg onload=alert(1)>", "Only PDF, Word, Excel and PowerPoint (.docx, .xlsx, .pptx), "
     "OpenDocument (.odt, .ods, .odp), PNG and JPEG files are accepted; this file is none of "
     "them, whatever its name."),
])
def test_a_letter_that_is_not_a_pdf_or_image_is_refused(client, meeting, focal_point, data,
                                                        message):
    client.force_login(focal_point)
    response = client.post(reverse("accreditation:focal_credentials", args=[meeting.slug]),
                           {"file": letter(data)})
    assert response.status_code == 200
    assert response.context["form"].errors == {"file": [message]}
    assert not Credentials.objects.exists()


def test_a_letter_larger_than_the_limit_is_refused(meeting, focal_point, settings):
    settings.DOCUMENTS_MAX_UPLOAD_BYTES = 100
    with pytest.raises(services.AccreditationError) as error:
        upload(meeting, focal_point, JPEG + b"\x00" * 200)
    assert error.value.message == "The file is larger than 100\xa0bytes."


def test_only_the_delegations_focal_point_uploads(meeting):
    other = FocalPointFactory(member=member("FR")).user
    with pytest.raises(services.AccreditationError) as error:
        upload(meeting, other)
    assert error.value.code == "not_allowed"


def test_secretariat_accepts_and_the_focal_point_is_told(
        meeting, focal_point, django_capture_on_commit_callbacks, client):
    credentials = upload(meeting, focal_point, JPEG)
    the_editor = editor()
    client.force_login(the_editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accreditation:credentials_accept",
                                       args=[credentials.pk]), follow=True)
    assert "The credentials of Viet Nam are accepted." in response.content.decode()
    credentials.refresh_from_db()
    assert (credentials.state, credentials.reviewed_by) == ("accepted", the_editor)
    assert actions(credentials)[-1] == ("accreditation.credentials.accepted", "editor", "")
    assert [message.to for message in mail.outbox] == [[focal_point.email]]
    assert mail.outbox[0].subject.startswith("Credentials of Viet Nam accepted")


def test_secretariat_returns_with_a_reason_told_by_mail(
        meeting, focal_point, django_capture_on_commit_callbacks, client):
    credentials = upload(meeting, focal_point)
    client.force_login(editor())
    url = reverse("accreditation:credentials_return", args=[credentials.pk])
    response = client.post(url, {"reason": ""}, follow=True)
    assert "Say why the credentials are returned." in response.content.decode()
    credentials.refresh_from_db()
    assert credentials.state == "submitted"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"reason": "The letter is not signed."})
    credentials.refresh_from_db()
    assert (credentials.state, credentials.return_reason) == ("returned",
                                                              "The letter is not signed.")
    assert actions(credentials)[-1] == ("accreditation.credentials.returned", "editor",
                                        "The letter is not signed.")
    assert "The letter is not signed." in mail.outbox[0].body
    assert reverse("accreditation:focal_credentials", args=[meeting.slug]) in mail.outbox[0].body


def test_a_returned_letter_is_replaced_and_submitted_again(client, meeting, focal_point):
    credentials = upload(meeting, focal_point)
    services.credentials_return(credentials=credentials, reason="Unsigned", actor=editor())
    client.force_login(focal_point)
    url = reverse("accreditation:focal_credentials", args=[meeting.slug])
    assert "Unsigned" in client.get(url).content.decode()
    client.post(url, {"file": letter(JPEG, name="scan.jpg")})
    credentials.refresh_from_db()
    assert (credentials.state, credentials.name, credentials.return_reason) == (
        "submitted", "scan.jpg", "")
    assert Credentials.objects.count() == 1


def test_accepted_credentials_cannot_be_replaced_by_the_focal_point(client, meeting,
                                                                    focal_point):
    credentials = upload(meeting, focal_point)
    services.credentials_accept(credentials=credentials, actor=editor())
    client.force_login(focal_point)
    url = reverse("accreditation:focal_credentials", args=[meeting.slug])
    assert "The credentials are accepted." in client.get(url).content.decode()
    response = client.post(url, {"file": letter()})
    assert response.context["form"].errors == {"file": [
        "These credentials are accepted already; write to the secretariat to change them."]}


def test_a_decision_is_taken_once(meeting, focal_point):
    credentials = upload(meeting, focal_point)
    services.credentials_accept(credentials=credentials, actor=editor())
    with pytest.raises(services.AccreditationError) as error:
        services.credentials_return(credentials=credentials, reason="Late", actor=editor())
    assert error.value.message == "These credentials were already accepted."


def test_a_viewer_may_not_decide(meeting, focal_point):
    credentials = upload(meeting, focal_point)
    with pytest.raises(services.AccreditationError):
        services.credentials_accept(credentials=credentials, actor=viewer())


def test_confirmation_waits_for_accepted_credentials(meeting, focal_point):
    registration = RegistrationFactory(meeting=meeting, member=member("VN"))
    with pytest.raises(RegistrationError) as error:
        registration_confirm(registration=registration, actor=editor())
    assert error.value.message == (
        "The credentials of this delegation are not accepted yet: its registrations are "
        "confirmed once the secretariat accepts them.")
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.PENDING

    credentials = upload(meeting, focal_point)
    services.credentials_accept(credentials=credentials, actor=editor("chief"))
    registration_confirm(registration=registration, actor=editor("chief"))
    assert registration.status == RegistrationStatus.CONFIRMED


def test_confirmation_waits_not_when_the_meeting_does_not_say_so():
    registration = RegistrationFactory(meeting=MeetingFactory(), member=member("VN"))
    registration_confirm(registration=registration, actor=editor())
    assert registration.status == RegistrationStatus.CONFIRMED


def test_admin_confirm_action_says_why_it_waits(client, meeting):
    registration = RegistrationFactory(meeting=meeting, member=member("VN"))
    client.force_login(editor())
    response = client.post(reverse("admin:delegates_registration_status",
                                   args=[registration.pk, "confirm"]), follow=True)
    assert "The credentials of this delegation are not accepted yet" in (
        response.content.decode())


def test_waiting_for_credentials_needs_credentials_required():
    with pytest.raises(IntegrityError):
        MeetingAccreditation.objects.create(meeting=MeetingFactory(),
                                            confirmation_awaits_credentials=True)


def test_dashboard_shows_the_delegations_missing_credentials(client, meeting, focal_point):
    RegistrationFactory(meeting=meeting, member=member("VN"))
    RegistrationFactory(meeting=meeting, member=member("FR"))
    RegistrationFactory(meeting=meeting, member=member("DE"))
    services.credentials_accept(credentials=upload(meeting, focal_point), actor=editor())
    services.credentials_upload(meeting=meeting, member=member("FR"), file=letter(),
                                actor=editor("chief"))
    client.force_login(viewer())
    page = client.get(reverse("staff:dashboard", args=[meeting.slug])).content.decode()
    assert "2 delegations without accepted credentials" in page
    assert "France (submitted, awaiting the secretariat), Germany (nothing uploaded)" in page


def test_staff_page_lists_every_delegation_and_offers_decisions_to_editors(
        client, meeting, focal_point):
    RegistrationFactory(meeting=meeting, member=member("DE"))
    upload(meeting, focal_point)
    url = reverse("accreditation:staff_credentials", args=[meeting.slug])
    client.force_login(viewer())
    page = client.get(url).content.decode()
    assert "Missing" in page and "note-verbale.pdf" in page
    assert "Accept" not in page
    client.force_login(editor())
    assert "Accept<span" in client.get(url).content.decode()


def test_the_letter_downloads_for_its_focal_point(client, meeting, focal_point):
    credentials = upload(meeting, focal_point)
    client.force_login(focal_point)
    response = client.get(reverse("accreditation:credentials_file", args=[credentials.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="note-verbale.pdf"'
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def _page_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_staff_page_and_dashboard_queries_do_not_grow_with_delegations(client, meeting):
    client.force_login(viewer())
    pages = [reverse("accreditation:staff_credentials", args=[meeting.slug]),
             reverse("staff:dashboard", args=[meeting.slug])]
    codes = ["VN", "FR", "DE", "JP"]
    RegistrationFactory(meeting=meeting, member=member(codes[0]))
    client.get(pages[0])
    with_one = [_page_queries(client, url) for url in pages]
    for code in codes[1:]:
        RegistrationFactory(meeting=meeting, member=member(code))
        services.credentials_upload(meeting=meeting, member=member(code), file=letter(),
                                    actor=editor(f"editor-{code}"))
    assert [_page_queries(client, url) for url in pages] == with_one
