"""What a spreadsheet from a member's office looks like in practice: semicolons for commas,
extra columns, honorifics of its own, one person only."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from delegates.models import Registration
from secretariat import imports
from tests.delegates.staff_helpers import editor
from tests.factories import MeetingFactory, member

pytestmark = pytest.mark.django_db


def upload(text, name="delegation.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


@pytest.fixture
def staff(client):
    client.force_login(editor())
    return client


@pytest.mark.parametrize("delimiter", [";", "\t", "|", ","])
def test_csv_delimiter_is_detected(delimiter):
    text = delimiter.join(["Given name", "Family name", "Email", "Position"]) + "\r\n"
    text += delimiter.join(["Siti", "Aminah", "siti@example.org",
                            '"Director, Enforcement"']) + "\r\n"

    rows = imports.read_rows(upload("\ufeff" + text))

    assert rows == [{"given_name": "Siti", "family_name": "Aminah",
                     "email": "siti@example.org", "position": "Director, Enforcement"}]


def test_semicolon_csv_with_commas_in_cells_keeps_its_columns():
    rows = imports.read_rows(upload(
        "Given name;Family name;Email;Organisation\n"
        "Jan;de Vries;jan@example.org;Customs, Tax and Excise, Rotterdam\n"
        "Eva;Novak;eva@example.org;Customs Administration\n"))

    assert [row["organisation"] for row in rows] == [
        "Customs, Tax and Excise, Rotterdam", "Customs Administration"]


def test_one_column_csv_is_still_read():
    assert imports.read_rows(upload("Email\nsolo@example.org\n")) == [
        {"email": "solo@example.org"}]


def test_unknown_columns_are_named_in_the_preview(staff):
    meeting = MeetingFactory()
    staff.post(f"/staff/{meeting.slug}/import/", {
        "member": member("MY").pk, "consent": "on",
        "file": upload("Given name;Family name;Email;Hotel;Badge name\n"
                       "Siti;Aminah;siti@example.org;Grand;Siti A.\n")})

    page = staff.get(f"/staff/{meeting.slug}/import/preview/").text

    assert "These 2 columns are not imported, as no field has their names:" in page
    assert "<li>“Hotel”</li>" in page and "<li>“Badge name”</li>" in page
    assert "1 valid row" in page


def test_a_file_of_known_columns_says_nothing_about_columns(staff):
    meeting = MeetingFactory()
    staff.post(f"/staff/{meeting.slug}/import/", {
        "member": member("MY").pk, "consent": "on",
        "file": upload("Given name,Email\nSiti,siti@example.org\n")})

    assert "not imported" not in staff.get(f"/staff/{meeting.slug}/import/preview/").text


@pytest.mark.parametrize(("given", "stored"), [
    ("Dato'", "Dato'"),
    ("Tan Sri", "Tan Sri"),
    ("H.E.", "H.E."),
    ("Yang Berhormat Mulia Dato' Seri Paduka Haji", "Yang Berhormat Mulia Dato' Seri Paduka"),
])
def test_any_honorific_is_accepted_and_cut_to_its_length(given, stored):
    rows = imports.preview([{"honorific": given, "given_name": "Siti",
                             "email": "siti@example.org"}])

    assert rows[0].errors == []
    assert rows[0].data["honorific"] == stored
    assert len(stored) <= Registration._meta.get_field("honorific").max_length


def test_an_unprintable_honorific_is_refused_like_any_text():
    rows = imports.preview([{"honorific": "Dato'\x07", "given_name": "Siti",
                             "email": "siti@example.org"}])

    assert len(rows[0].errors) == 1
    assert rows[0].errors[0].startswith("Honorific: ")


def test_import_of_one_person_says_registration_in_the_singular(
        staff, django_capture_on_commit_callbacks):
    meeting = MeetingFactory()
    staff.post(f"/staff/{meeting.slug}/import/", {
        "member": member("MY").pk, "consent": "on",
        "file": upload("Honorific;Given name;Family name;Email\n"
                       "Dato';Siti;Aminah;siti@example.org\n")})

    with django_capture_on_commit_callbacks(execute=True):
        done = staff.post(f"/staff/{meeting.slug}/import/preview/", follow=True)

    assert "1 registration imported as pending, 0 on the waiting list." in done.text
    assert Registration.objects.get().honorific == "Dato'"


def test_import_summary_counts_in_plural():
    assert imports.ImportResult(pending=2, waitlisted=1).summary == (
        "2 registrations imported as pending, 1 on the waiting list.")
    assert imports.ImportResult(pending=1, waitlisted=0).summary == (
        "1 registration imported as pending, 0 on the waiting list.")
