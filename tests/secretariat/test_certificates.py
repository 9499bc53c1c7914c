"""Badges with photos, and certificates of attendance for the people checked in only."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from delegates import links
from delegates.services import registration_mark_attended, registration_photo_save
from secretariat.models import Job
from secretariat.pdf import INLINE_CERTIFICATES, badges_pdf, certificates_pdf
from tests.delegates.photo_files import image_bytes, silhouette, upload
from tests.delegates.staff_helpers import Client, editor, viewer
from tests.factories import MeetingFactory, RegistrationFactory, member
from tests.pdf import pdf_text, qr_codes

pytestmark = pytest.mark.django_db


def images_on_pages(pdf_bytes):
    return [len(page.images) for page in PdfReader(io.BytesIO(pdf_bytes)).pages]


@pytest.fixture
def meeting():
    return MeetingFactory(photos="optional", title="15th ASEM Customs DG-C Meeting")


def person(meeting, given, family, code="VN", *, checked_in=False, photo=False):
    registration = RegistrationFactory(meeting=meeting, member=member(code), given_name=given,
                                       family_name=family, status="confirmed")
    if photo:
        registration_photo_save(registration=registration,
                                upload=upload(image_bytes(silhouette())), actor=None)
    if checked_in:
        registration_mark_attended(registration=registration, actor=editor("desk"))
    return registration


# --- badges -----------------------------------------------------------------------------------


def test_badge_carries_the_photo_and_its_qr_code_still_scans(meeting):
    with_photo = person(meeting, "Lan", "Tran", photo=True)
    without = person(meeting, "Minh", "Pham")

    content = badges_pdf([with_photo, without], meeting=meeting, layout="single")

    assert images_on_pages(content) == [1, 0]
    assert qr_codes(content) == [[with_photo.badge_code], [without.badge_code]]
    assert "Lan Tran" in pdf_text(content)


def test_badge_sheet_of_a_meeting_without_photos_has_no_image():
    meeting = MeetingFactory()
    registration = person(meeting, "Lan", "Tran")

    assert images_on_pages(badges_pdf([registration], meeting=meeting)) == [0]


def test_badge_page_of_the_staff_prints_the_photo(meeting, client):
    registration = person(meeting, "Lan", "Tran", photo=True)
    client.force_login(viewer())

    response = client.get(reverse("staff:badge", args=[meeting.slug, registration.pk]))

    assert response["Content-Type"] == "application/pdf"
    assert images_on_pages(response.content) == [1]


# --- certificates -----------------------------------------------------------------------------


def test_certificate_names_the_person_the_member_and_the_meeting(meeting):
    registration = person(meeting, "Lan", "Tran", checked_in=True)

    text = pdf_text(certificates_pdf([registration], meeting=meeting))

    assert "CERTIFICATE OF ATTENDANCE" in text
    assert "Lan Tran" in text
    assert "of the delegation of Viet Nam" in text
    assert "attended the 15th ASEM Customs DG-C Meeting" in text
    assert "Checked in on" in text


def test_staff_print_the_certificate_of_someone_checked_in(meeting, client):
    registration = person(meeting, "Lan", "Tran", checked_in=True)
    client.force_login(viewer())

    response = client.get(reverse("staff:certificate", args=[meeting.slug, registration.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "Lan Tran" in pdf_text(response.content)


def test_staff_are_refused_the_certificate_of_someone_not_checked_in(meeting, client):
    registration = person(meeting, "Minh", "Pham")
    client.force_login(viewer())

    response = client.get(reverse("staff:certificate", args=[meeting.slug, registration.pk]),
                          follow=True)

    assert response.redirect_chain[-1][0] == reverse("staff:certificates", args=[meeting.slug])
    assert ("A certificate of attendance is only issued to people checked in at the meeting, "
            "and Minh Pham has not been checked in.") in response.content.decode()


def test_batch_holds_the_people_checked_in_only(meeting, client):
    person(meeting, "Lan", "Tran", checked_in=True)
    person(meeting, "Minh", "Pham")
    person(meeting, "Anna", "Schmidt", "DE", checked_in=True)
    client.force_login(viewer())

    page = client.get(reverse("staff:certificates", args=[meeting.slug]))
    response = client.post(reverse("staff:certificates", args=[meeting.slug]), {"member": ""})

    assert "2 people checked in." in page.content.decode()
    text = pdf_text(response.content)
    assert text.count("CERTIFICATE OF ATTENDANCE") == 2
    assert "Lan Tran" in text and "Anna Schmidt" in text
    assert "Minh Pham" not in text


def test_batch_of_nobody_checked_in_says_so(meeting, client):
    person(meeting, "Minh", "Pham")
    client.force_login(viewer())

    response = client.post(reverse("staff:certificates", args=[meeting.slug]), {"member": ""},
                           follow=True)

    assert ("Nobody of this choice has been checked in: there is no certificate of "
            "attendance to make.") in response.content.decode()


def test_large_batch_is_a_background_job(meeting, client, django_capture_on_commit_callbacks):
    for index in range(INLINE_CERTIFICATES + 1):
        person(meeting, "Lan", f"Tran{index}", checked_in=True)
    staff = viewer()
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("staff:certificates", args=[meeting.slug]),
                               {"member": ""})

    job = Job.objects.get()
    assert response.url == job.get_absolute_url()
    assert (job.kind, job.state, job.total, job.created_by) == (
        "certificates", "done", INLINE_CERTIFICATES + 1, staff)
    with job.result.open("rb") as result:
        assert pdf_text(result.read()).count("CERTIFICATE OF ATTENDANCE") == (
            INLINE_CERTIFICATES + 1)


def test_person_checked_in_downloads_their_certificate(meeting):
    registration = person(meeting, "Lan", "Tran", checked_in=True)
    client = Client()
    client.get(links.registration_path(registration))

    page = client.get(links.session_path("manage")).content.decode()
    response = client.get(links.session_path("certificate"))

    assert "Certificate of attendance (PDF)" in page
    assert response["Content-Type"] == "application/pdf"
    assert "Lan Tran" in pdf_text(response.content)


def test_person_not_checked_in_is_told_why_there_is_no_certificate(meeting):
    registration = person(meeting, "Minh", "Pham")
    client = Client()
    client.get(links.registration_path(registration))

    page = client.get(links.session_path("manage")).content.decode()
    response = client.get(links.session_path("certificate"), follow=True)

    assert "Certificate of attendance" not in page
    assert response.redirect_chain[-1][0] == links.session_path("manage")
    assert "has not been checked in" in response.content.decode()


def test_badges_page_counts_the_confirmed_people_without_a_photo(meeting, client):
    person(meeting, "Lan", "Tran", photo=True)
    person(meeting, "Minh", "Pham")
    client.force_login(viewer())

    page = client.get(reverse("staff:badges", args=[meeting.slug])).content.decode()

    assert ("1 confirmed person has sent no photo yet: their badge shows an empty frame."
            in page)
