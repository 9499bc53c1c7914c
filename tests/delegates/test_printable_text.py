"""Names any file format can hold: the forms refuse non-characters, control characters and
lone surrogates with a message naming the field; exports and PDFs strip what was stored
before; XLSX cells are typed strings (no apostrophe), CSV keeps its formula guard."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from delegates.enums import RegistrationStatus as Status
from delegates.forms import FocalPointInviteForm, RegistrationForm
from delegates.models import Registration
from delegates.validators import PrintableTextValidator, strip_unprintable
from secretariat import imports
from secretariat.exports import participants_csv_chunks, participants_for_list, participants_xlsx
from secretariat.pdf import badges_pdf
from tests.delegates.staff_helpers import editor
from tests.delegates.test_focal_points import delegate_form
from tests.delegates.test_register import form_data, register_url
from tests.factories import FocalPointFactory, MeetingFactory, RegistrationFactory, member
from tests.secretariat.test_import import csv_file

pytestmark = pytest.mark.django_db

BAD = ["Ana\uffff", "Ana\ufffe", "Ana\ufdd0", "Ana\U0010ffff", "Ana\x00Lim", "Ana\x1b",
       "Ana\x85", "Ana\ud800", "Ana\tLim", "Ana\nLim"]


@pytest.mark.parametrize("value", BAD)
def test_validator_refuses_each_unprintable_character(value):
    with pytest.raises(ValidationError) as error:
        PrintableTextValidator("Given name")(value)

    assert error.value.code == "unprintable_character"
    assert "“Given name” contains a character that cannot be printed or stored" in \
        error.value.messages[0]


@pytest.mark.parametrize("value", ["Nguyễn Thị Hương", "สมชาย ใจดี", "김민준", "O'Brien-Ng",
                                   "محمد\u200c", "+84 24 3555 0101", "🙂"])
def test_validator_accepts_names_in_every_script(value):
    PrintableTextValidator("Given name")(value)


def test_multiline_text_may_hold_line_breaks_and_tabs():
    PrintableTextValidator("Reason", multiline=True)("One\r\nTwo\tthree")
    with pytest.raises(ValidationError):
        PrintableTextValidator("Reason", multiline=True)("One\uffff")


def test_public_form_refuses_a_non_character_naming_the_field(client):
    meeting = MeetingFactory()

    response = client.post(register_url(meeting), form_data(family_name="Nguyễn\uffff"))

    assert response.status_code == 200
    assert ("“Family name” contains a character that cannot be printed or stored "
            "(U+FFFF)") in response.text
    assert not Registration.objects.exists()


@pytest.mark.parametrize("field", ["given_name", "name_latin", "position", "organisation",
                                   "phone", "dietary_needs", "accessibility_needs"])
def test_every_text_field_of_the_registration_form_refuses_it(field):
    form = RegistrationForm(form_data(**{field: "x\ufffe"}), meeting=MeetingFactory())

    assert not form.is_valid()
    assert "U+FFFE" in form.errors[field][0]


def test_passport_fields_refuse_it_too():
    form = RegistrationForm(form_data(needs_visa_letter="on", passport_number="C12\x00",
                                      passport_nationality="Viet Nam\uffff"),
                            meeting=MeetingFactory())

    assert not form.is_valid()
    assert "U+FFFF" in form.errors["passport_nationality"][0]
    assert "passport_number" in form.errors


def test_focal_point_form_refuses_it(client):
    focal_point = FocalPointFactory(member=member("VN"))
    client.force_login(focal_point.user)
    meeting = MeetingFactory()

    response = client.post(reverse("delegates:focal_register", args=[meeting.slug]),
                           delegate_form(given_name="Văn An\uffff"))

    assert response.status_code == 200
    assert "“Given name” contains a character" in response.text
    assert not Registration.objects.exists()


def test_focal_point_invitation_refuses_it():
    form = FocalPointInviteForm({"email": "fp@example.org", "first_name": "Lan\uffff",
                                 "member": member("VN").pk})

    assert not form.is_valid()
    assert "U+FFFF" in form.errors["first_name"][0]


def test_admin_form_refuses_it(client):
    client.force_login(editor())
    meeting = MeetingFactory()

    response = client.post("/admin/delegates/registration/add/", {
        "meeting": meeting.pk, "member": member("DE").pk, "role": "delegate",
        "given_name": "Lena\uffff", "family_name": "Vogel", "email": "lena@example.org",
        "privacy_consent_at_0": "2026-01-01", "privacy_consent_at_1": "10:00:00",
        "log_entries-TOTAL_FORMS": "0", "log_entries-INITIAL_FORMS": "0",
    })

    assert response.status_code == 200
    assert "“Given name” contains a character" in response.text
    assert not Registration.objects.exists()


def test_import_row_with_a_non_character_is_refused_naming_the_field():
    rows = imports.read_rows(csv_file("Somchai\uffff,Jaidee,s@example.org,delegate,,,\n"))

    preview = imports.preview(rows)

    assert not preview[0].valid
    assert preview[0].errors[0].startswith("Given name: “Given name” contains a character")
    assert "U+FFFF" in preview[0].errors[0]


# --- exports: what was stored before the rule ----------------------------------------------


@pytest.fixture
def stored_badly():
    """A registration written straight through the ORM, as older data may be."""
    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting, status=Status.CONFIRMED, given_name="Ana\uffff\x0b",
                        family_name="Lim\ufffe\ufdd0", position="Chief\x1b\x85",
                        organisation="Customs\U0001fffe", phone="+000 555 5001")
    return meeting


def test_xlsx_of_unprintable_data_opens_and_reads_clean(stored_badly):
    data = participants_xlsx(participants_for_list(stored_badly), title="Meeting: 1/2 [A]")

    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook.active
    row = [cell.value for cell in sheet[2]]

    assert sheet.title == "Meeting  1 2  A"
    assert row[2:5] == ["Ana Lim", "Ana", "Lim"]
    assert row[7:9] == ["Chief", "Customs"]


def test_xlsx_phone_reads_exactly_as_typed(stored_badly):
    data = participants_xlsx(participants_for_list(stored_badly), title="Participants")

    phone = load_workbook(io.BytesIO(data)).active.cell(row=2, column=11)

    assert phone.value == "+000 555 5001"
    assert phone.data_type == "s"


def test_csv_keeps_the_apostrophe_guard_and_strips_unprintable(stored_badly):
    RegistrationFactory(meeting=stored_badly, status=Status.CONFIRMED, given_name="=1+1",
                        family_name="Zed")

    text = "".join(participants_csv_chunks(participants_for_list(stored_badly)))
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))

    assert rows[1][2:5] == ["Ana Lim", "Ana", "Lim"]
    assert rows[1][10] == "'+000 555 5001"
    assert rows[2][3] == "'=1+1"


def test_badges_of_unprintable_data_print_the_clean_name(stored_badly):
    registrations = list(participants_for_list(stored_badly))

    pdf = PdfReader(io.BytesIO(badges_pdf(registrations, meeting=stored_badly)))
    text = pdf.pages[0].extract_text()

    assert "Ana" in text
    assert "Chief" in text
    assert not {"\ufffd", "\uffff", "\ufffe", "\x1b"} & set(text)


def test_strip_unprintable_keeps_line_feeds_and_every_script():
    assert strip_unprintable("Nguyễn\uffff\nThị\x00") == "Nguyễn\nThị"
