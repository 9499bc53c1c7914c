"""The import asks the registration rules of the form: a visa letter needs the passport
details, one registration per address (also one awaiting confirmation), a name."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from delegates.enums import RegistrationStatus as Status
from delegates.models import Registration
from secretariat import imports
from tests.delegates.staff_helpers import editor
from tests.factories import MeetingFactory, RegistrationFactory, member

pytestmark = pytest.mark.django_db

HEADER = ("Given name,Family name,Email,Needs visa letter,Passport number,Nationality,"
          "Passport expires on,Date of birth\n")


def csv_file(body):
    return SimpleUploadedFile("delegation.csv", (HEADER + body).encode("utf-8"),
                              content_type="text/csv")


def test_a_row_asking_a_visa_letter_without_passport_details_is_refused():
    meeting = MeetingFactory()
    rows = imports.read_rows(csv_file("Somchai,Jaidee,somchai@example.org,yes,,,,\n"))

    preview = imports.preview(rows, meeting=meeting, member=member("TH"))

    assert preview[0].errors == [
        "Passport number: Needed for the visa invitation letter.",
        "Nationality: Needed for the visa invitation letter.",
        "Passport expires on: Needed for the visa invitation letter.",
        "Date of birth: Needed for the visa invitation letter.",
    ]


def test_a_row_asking_a_visa_letter_with_a_passport_expiring_before_the_meeting_is_refused():
    meeting = MeetingFactory()
    expires = meeting.end_date.isoformat()
    rows = imports.read_rows(csv_file(
        f"Somchai,Jaidee,somchai@example.org,yes,AB123,Thai,{expires},1970-05-01\n"))

    preview = imports.preview(rows, meeting=meeting, member=member("TH"))

    assert preview[0].errors == [
        "Passport expires on: Your passport must still be valid after the meeting."]


def test_a_row_asking_a_visa_letter_with_its_details_is_imported_with_them(
        client, django_capture_on_commit_callbacks):
    meeting = MeetingFactory()
    expires = (meeting.end_date + dt.timedelta(days=400)).isoformat()
    client.force_login(editor())

    client.post(f"/staff/{meeting.slug}/import/", {
        "member": member("TH").pk, "consent": "on",
        "file": csv_file(f"Somchai,Jaidee,somchai@example.org,yes,AB123,Thai,{expires},"
                         "1970-05-01\nMalee,Suksan,malee@example.org,yes,,,,\n")})
    preview = client.get(f"/staff/{meeting.slug}/import/preview/")
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(f"/staff/{meeting.slug}/import/preview/", follow=True)

    assert "1 row with errors (left out)" in preview.text
    assert "Passport number: Needed for the visa invitation letter." in preview.text
    assert "1 registration imported as pending, 0 on the waiting list." in done.text
    registration = Registration.objects.get()
    assert (registration.email, registration.needs_visa_letter, registration.passport_number,
            registration.date_of_birth) == ("somchai@example.org", True, "AB123",
                                            dt.date(1970, 5, 1))


def test_an_address_awaiting_confirmation_is_taken_for_the_import():
    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting, email="Somchai@example.org", status=Status.UNCONFIRMED)
    rows = imports.read_rows(csv_file("Somchai,Jaidee,somchai@example.org,no,,,,\n"))

    preview = imports.preview(rows, meeting=meeting, member=member("TH"))

    assert preview[0].errors == ["This email address is already registered for this meeting."]
