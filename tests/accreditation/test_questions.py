"""The meeting's own questions on every registration form, the answers on the pages, in the
admin, the exports and the API, and their erasure with the person."""

import csv
import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accreditation.models import Answer, Question
from delegates import links
from delegates.enums import Role
from delegates.models import Registration
from secretariat.privacy import anonymise_registration, erase_person
from tests.delegates.staff_helpers import editor, viewer
from tests.documents.helpers import pdf_bytes
from tests.factories import FocalPointFactory, MeetingFactory, RegistrationFactory, member

pytestmark = pytest.mark.django_db


def questions(meeting):
    """One question of each kind, asked of delegates, one of focal points, one of staff."""
    ask = Question.objects.create
    return {
        "badge": ask(meeting=meeting, label="Name for the badge", kind="short_text",
                     required=True, position=1),
        "remarks": ask(meeting=meeting, label="Remarks", kind="long_text", position=2),
        "visit": ask(meeting=meeting, label="Site visit", kind="one_choice",
                     choices="Port of Hai Phong\nNoi Bai airport", position=3),
        "sessions": ask(meeting=meeting, label="Sessions", kind="several_choices",
                        choices="Customs-Trade Day\nWCO briefing\nOfficial dinner", position=4),
        "first": ask(meeting=meeting, label="First ASEM meeting?", kind="yes_no", position=5),
        "joined": ask(meeting=meeting, label="In the administration since", kind="date",
                      position=6),
        "nationality": ask(meeting=meeting, label="Nationality", kind="country", position=7),
        "cv": ask(meeting=meeting, label="Short CV", kind="file", position=8),
        "security": ask(meeting=meeting, label="Security clearance number",
                        visible_to="focal_points", position=9),
        "protocol": ask(meeting=meeting, label="Protocol rank", visible_to="staff",
                        position=10),
    }


def form_data(asked, **extra):
    return {
        "given_name": "Thị Minh Khai", "family_name": "Nguyễn", "member": member("VN").pk,
        "role": Role.DELEGATE, "email": "khai@vn.example.org", "privacy_consent": "on",
        f"question_{asked['badge'].pk}": "Khai NGUYEN",
        f"question_{asked['remarks'].pk}": "Arrives from Geneva.",
        f"question_{asked['visit'].pk}": "Port of Hai Phong",
        f"question_{asked['sessions'].pk}": ["Customs-Trade Day", "Official dinner"],
        f"question_{asked['first'].pk}": "yes",
        f"question_{asked['joined'].pk}": "2009-03-01",
        f"question_{asked['nationality'].pk}": "VN",
        f"question_{asked['cv'].pk}": SimpleUploadedFile("cv.pdf", pdf_bytes()),
        **extra,
    }


def answers_of(registration):
    return {answer.question.label: answer.value
            for answer in registration.answers.select_related("question")}


def test_public_form_asks_the_questions_for_delegates_only(client):
    meeting = MeetingFactory()
    asked = questions(meeting)
    page = client.get(reverse("delegates:register", args=[meeting.slug])).content.decode()
    assert "Name for the badge" in page
    assert 'enctype="multipart/form-data"' in page
    assert "Security clearance number" not in page
    assert "Protocol rank" not in page
    assert f'name="question_{asked["cv"].pk}"' in page


def test_a_question_added_changed_or_removed_shows_on_the_next_form(client):
    meeting = MeetingFactory()
    url = reverse("delegates:register", args=[meeting.slug])
    assert "Name for the badge" not in client.get(url).content.decode()

    question = Question.objects.create(meeting=meeting, label="Name for the badge",
                                       kind="short_text", position=1)
    assert "Name for the badge" in client.get(url).content.decode()

    question.label = "Name as printed on the badge"
    question.save()
    assert "Name as printed on the badge" in client.get(url).content.decode()

    question.visible_to = "staff"
    question.save()
    assert "Name as printed on the badge" not in client.get(url).content.decode()

    question.visible_to = "delegates"
    question.save()
    assert "Name as printed on the badge" in client.get(url).content.decode()
    question.delete()
    assert "Name as printed on the badge" not in client.get(url).content.decode()


def test_public_form_stores_each_kind_of_answer(client):
    meeting = MeetingFactory()
    asked = questions(meeting)
    response = client.post(reverse("delegates:register", args=[meeting.slug]),
                           form_data(asked))
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert answers_of(registration) == {
        "Name for the badge": "Khai NGUYEN", "Remarks": "Arrives from Geneva.",
        "Site visit": "Port of Hai Phong", "Sessions": "Customs-Trade Day\nOfficial dinner",
        "First ASEM meeting?": "yes", "In the administration since": "2009-03-01",
        "Nationality": "VN", "Short CV": "cv.pdf",
    }
    cv = registration.answers.get(question=asked["cv"])
    assert cv.content_type == "application/pdf"
    with cv.file.open("rb") as stored:
        assert stored.read().startswith(b"%PDF-")


def test_required_question_left_empty_is_told_and_nothing_is_stored(client):
    meeting = MeetingFactory()
    asked = questions(meeting)
    response = client.post(reverse("delegates:register", args=[meeting.slug]),
                           form_data(asked, **{f"question_{asked['badge'].pk}": ""}))
    assert response.status_code == 200
    assert response.context["form"].errors[f"question_{asked['badge'].pk}"] == [
        "This field is required."]
    assert not Registration.objects.exists()


@pytest.mark.parametrize("name,content", [
    ("cv.pdf", b"<html><script>alert(1)</script></html>"),
    ("cv.pdf", b""),
])
def test_file_answer_judged_by_its_content(client, name, content):
    meeting = MeetingFactory()
    asked = questions(meeting)
    data = form_data(asked, **{f"question_{asked['cv'].pk}": SimpleUploadedFile(name, content)})
    response = client.post(reverse("delegates:register", args=[meeting.slug]), data)
    assert response.status_code == 200
    errors = response.context["form"].errors[f"question_{asked['cv'].pk}"]
    assert errors in (
        ["Only PDF, Word, Excel and PowerPoint (.docx, .xlsx, .pptx), OpenDocument (.odt, .ods, "
         ".odp), PNG and JPEG files are accepted; this file is none of them, whatever its "
         "name."],
        ["The submitted file is empty."])
    assert not Answer.objects.exists()


def test_one_choice_outside_the_choices_is_refused(client):
    meeting = MeetingFactory()
    asked = questions(meeting)
    response = client.post(reverse("delegates:register", args=[meeting.slug]), form_data(
        asked, **{f"question_{asked['visit'].pk}": "The moon"}))
    assert response.status_code == 200
    assert f"question_{asked['visit'].pk}" in response.context["form"].errors


def test_delegates_own_page_shows_their_answers_but_not_staff_ones(client):
    meeting = MeetingFactory()
    asked = questions(meeting)
    registration = RegistrationFactory(meeting=meeting, member=member("VN"))
    Answer.objects.create(registration=registration, question=asked["first"], value="no")
    Answer.objects.create(registration=registration, question=asked["protocol"], value="A1")
    Answer.objects.create(registration=registration, question=asked["nationality"],
                          value="FR")
    page = client.get(links.registration_path(registration), follow=True).content.decode()
    assert "First ASEM meeting?</dt><dd class=\"col-sm-8\">No</dd>" in page
    assert "France" in page
    assert "Protocol rank" not in page
    assert "A1" not in page


@pytest.fixture
def focal_client(client):
    focal_point = FocalPointFactory(member=member("VN"))
    client.force_login(focal_point.user)
    return client


def test_focal_point_form_asks_focal_questions_and_keeps_a_file_on_file(focal_client):
    meeting = MeetingFactory()
    asked = questions(meeting)
    url = reverse("delegates:focal_register", args=[meeting.slug])
    page = focal_client.get(url).content.decode()
    assert "Security clearance number" in page
    assert "Protocol rank" not in page
    data = form_data(asked, **{f"question_{asked['security'].pk}": "SC-42"})
    del data["member"]
    assert focal_client.post(url, data).status_code == 302
    registration = Registration.objects.get()
    assert answers_of(registration)["Security clearance number"] == "SC-42"

    edit = reverse("delegates:focal_registration_edit", args=[registration.pk])
    page = focal_client.get(edit).content.decode()
    assert "On file: cv.pdf — leave empty to keep." in page
    assert 'value="SC-42"' in page
    data = form_data(asked, email=registration.email,
                     **{f"question_{asked['security'].pk}": "",
                        f"question_{asked['cv'].pk}": ""})
    del data["member"], data["privacy_consent"]
    assert focal_client.post(edit, data).status_code == 302
    assert "Security clearance number" not in answers_of(registration)
    assert answers_of(registration)["Short CV"] == "cv.pdf"


def test_admin_registration_page_asks_every_question_and_stores_the_answer(client):
    meeting = MeetingFactory()
    asked = questions(meeting)
    registration = RegistrationFactory(meeting=meeting, member=member("VN"))
    client.force_login(editor())
    url = reverse("admin:delegates_registration_change", args=[registration.pk])
    page = client.get(url).content.decode()
    assert "Questions of the meeting" in page
    assert "Protocol rank" in page
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items()
            if value is not None and name in form.fields and not name.startswith("question_")}
    data.update({f"question_{asked['badge'].pk}": "Khai", f"question_{asked['protocol'].pk}":
                 "Vice-minister", "role": registration.role, "member": registration.member_id,
                 "registrationlogentry_set-TOTAL_FORMS": 0,
                 "log_entries-TOTAL_FORMS": 0, "log_entries-INITIAL_FORMS": 0})
    data = {key: value for key, value in data.items() if not isinstance(value, bool) or value}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert answers_of(registration) == {"Name for the badge": "Khai",
                                        "Protocol rank": "Vice-minister"}


def test_answers_are_erased_with_the_person(django_capture_on_commit_callbacks, settings):
    meeting = MeetingFactory()
    asked = questions(meeting)
    registration = RegistrationFactory(meeting=meeting, email="khai@vn.example.org")
    Answer.objects.create(registration=registration, question=asked["remarks"],
                          value="Travels with her husband")
    cv = Answer(registration=registration, question=asked["cv"], value="cv.pdf")
    cv.file.save("cv.pdf", SimpleUploadedFile("cv.pdf", pdf_bytes()))
    path = cv.file.path
    with django_capture_on_commit_callbacks(execute=True):
        erase_person(email="khai@vn.example.org", actor=None)
    assert not Answer.objects.filter(registration=registration).exists()
    assert not (settings.MEDIA_ROOT / path).exists()


def test_anonymisation_after_retention_removes_the_answers():
    meeting = MeetingFactory()
    asked = questions(meeting)
    registration = RegistrationFactory(meeting=meeting)
    Answer.objects.create(registration=registration, question=asked["badge"], value="Khai")
    assert anonymise_registration(registration=registration)
    assert registration.answers.count() == 0


def test_export_carries_the_answers_staff_chose(client):
    meeting = MeetingFactory()
    asked = questions(meeting)
    other = Question.objects.create(meeting=MeetingFactory(), label="Elsewhere")
    registration = RegistrationFactory(meeting=meeting, status="confirmed")
    Answer.objects.create(registration=registration, question=asked["sessions"],
                          value="WCO briefing\nOfficial dinner")
    Answer.objects.create(registration=registration, question=asked["joined"],
                          value="2009-03-01")
    client.force_login(viewer())
    url = reverse("staff:participants_export", args=[meeting.slug, "csv"])
    response = client.get(url, {"question": [asked["sessions"].pk, asked["badge"].pk, other.pk,
                                             "x"]})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][-2:] == ["Name for the badge", "Sessions"]
    assert "Elsewhere" not in rows[0]
    assert rows[1][-2:] == ["", "WCO briefing, Official dinner"]
    assert len(rows[0]) == 33  # 17 of the registration, 12 of the travel, participation,
    # side events, 2 answers


def test_xlsx_export_carries_the_answers_staff_chose(client):
    from openpyxl import load_workbook

    meeting = MeetingFactory()
    asked = questions(meeting)
    registration = RegistrationFactory(meeting=meeting, status="confirmed")
    Answer.objects.create(registration=registration, question=asked["first"], value="yes")
    client.force_login(viewer())
    response = client.get(reverse("staff:participants_export", args=[meeting.slug, "xlsx"]),
                          {"question": [asked["first"].pk]})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert (rows[0][-1], rows[1][-1]) == ("First ASEM meeting?", "Yes")


def test_pdf_list_prints_the_answers_staff_chose_under_each_person(client):
    from pypdf import PdfReader

    meeting = MeetingFactory()
    asked = questions(meeting)
    answered = RegistrationFactory(meeting=meeting, status="confirmed", family_name="Nguyen")
    RegistrationFactory(meeting=meeting, status="confirmed", family_name="Tran")
    Answer.objects.create(registration=answered, question=asked["sessions"],
                          value="WCO briefing\nOfficial dinner")
    Answer.objects.create(registration=answered, question=asked["badge"], value="Khai")
    client.force_login(viewer())
    url = reverse("staff:participants_export", args=[meeting.slug, "pdf"])

    def text(**query):
        response = client.get(url, query)
        return " ".join(" ".join(page.extract_text().split())
                        for page in PdfReader(io.BytesIO(response.content)).pages)

    chosen = text(question=[asked["sessions"].pk])
    assert "Sessions: WCO briefing, Official dinner" in chosen
    assert "Name for the badge" not in chosen and "Tran" in chosen
    assert "Sessions:" not in text()


def test_dashboard_offers_the_questions_as_columns(client):
    meeting = MeetingFactory()
    questions(meeting)
    client.force_login(viewer())
    page = client.get(reverse("staff:dashboard", args=[meeting.slug])).content.decode()
    assert "Answers to add to the list of participants" in page
    assert "Protocol rank" in page


def test_question_with_choices_kind_needs_its_choices():
    from django.core.exceptions import ValidationError

    question = Question(meeting=MeetingFactory(), label="Visit", kind="one_choice")
    with pytest.raises(ValidationError) as error:
        question.full_clean()
    assert error.value.message_dict == {"choices": ["Give the choices, one a line."]}


def test_date_answer_reads_as_a_date():
    from accreditation.selectors import answer_display

    question = Question(kind="date")
    assert answer_display(question, dt.date(2019, 10, 3).isoformat()) == "3 October 2019"


def test_unprintable_characters_in_an_answer_are_refused(client):
    meeting = MeetingFactory()
    asked = questions(meeting)
    response = client.post(reverse("delegates:register", args=[meeting.slug]), form_data(
        asked, **{f"question_{asked['badge'].pk}": "Khai\x07NGUYEN"}))
    assert response.status_code == 200
    assert f"question_{asked['badge'].pk}" in response.context["form"].errors
    assert not Registration.objects.exists()


def test_subject_access_export_lists_the_answers():
    from secretariat.privacy import export_person

    meeting = MeetingFactory()
    asked = questions(meeting)
    registration = RegistrationFactory(meeting=meeting, email="khai@vn.example.org")
    Answer.objects.create(registration=registration, question=asked["badge"], value="Khai")
    data = export_person(email="khai@vn.example.org", actor=editor())
    assert data["registrations"][0]["answers"] == [
        {"question": "Name for the badge", "answer": "Khai"}]
