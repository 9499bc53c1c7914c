"""A visa invitation letter needs a held seat and every passport detail: the page, the single
letter, the all-in-one PDF and the admin action follow the one rule in `delegates.visa`."""

import datetime as dt

import pytest

from delegates.enums import RegistrationStatus as Status
from delegates.visa import visa_letter_obstacles
from tests.delegates.staff_helpers import editor
from tests.factories import MeetingFactory, RegistrationFactory, member
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db

PASSPORT = {
    "passport_number": "AA1234567", "passport_nationality": "Thai",
    "passport_issued_on": dt.date(2021, 5, 1), "passport_expires_on": dt.date(2031, 5, 1),
    "date_of_birth": dt.date(1975, 2, 3),
}


@pytest.fixture
def meeting():
    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting, member=member("TH"), given_name="Ready",
                        family_name="Person", status=Status.CONFIRMED,
                        needs_visa_letter=True, **PASSPORT)
    RegistrationFactory(meeting=meeting, member=member("VN"), given_name="Waiting",
                        family_name="Person", status=Status.WAITLISTED,
                        needs_visa_letter=True, **PASSPORT)
    RegistrationFactory(meeting=meeting, member=member("DE"), given_name="Blank",
                        family_name="Person", status=Status.PENDING, needs_visa_letter=True)
    RegistrationFactory(meeting=meeting, member=member("KR"), given_name="Half",
                        family_name="Person", status=Status.CONFIRMED, needs_visa_letter=True,
                        **{**PASSPORT, "passport_number": "", "date_of_birth": None})
    return meeting


@pytest.fixture
def staff(client):
    client.force_login(editor())
    return client


def person(meeting, given_name):
    return meeting.registrations.get(given_name=given_name)


def test_the_rule_names_a_missing_seat_and_missing_details(meeting):
    assert visa_letter_obstacles(person(meeting, "Ready")) == []
    assert visa_letter_obstacles(person(meeting, "Waiting")) == [
        "holds no seat (Waiting list)"]
    assert visa_letter_obstacles(person(meeting, "Half")) == [
        "passport details missing: passport number, date of birth"]
    assert visa_letter_obstacles(person(meeting, "Blank")) == [
        "passport details missing: passport number, nationality, passport expires on, "
        "date of birth"]


def test_page_offers_letters_only_when_ready_and_says_what_is_missing(staff, meeting):
    page = staff.get(f"/staff/{meeting.slug}/visa-letters/").content.decode()

    ready = person(meeting, "Ready")
    assert "The 1 letter ready, in one PDF" in page
    assert page.count("Letter (PDF)") == 1
    assert f"/visa-letters/{ready.pk}.pdf" in page
    assert page.count("Not ready") == 3
    assert "Holds no seat (Waiting list)" in page
    assert "Passport details missing: passport number, date of birth" in page
    assert "AA1234567" not in page  # names the missing details, never shows the values


def test_all_letters_pdf_leaves_out_the_waiting_list_and_missing_details(staff, meeting):
    response = staff.get(f"/staff/{meeting.slug}/visa-letters/all.pdf")

    text = pdf_text(response.content)
    assert response.status_code == 200
    assert text.count("Letter of invitation") == 1
    assert "Ready Person" in text
    assert "Waiting" not in text and "Blank" not in text and "Half" not in text


@pytest.mark.parametrize(("given_name", "why"), [
    ("Waiting", "holds no seat (Waiting list)"),
    ("Blank", "passport details missing: passport number, nationality"),
])
def test_single_letter_is_refused_with_the_reason(staff, meeting, given_name, why):
    registration = person(meeting, given_name)

    response = staff.get(f"/staff/{meeting.slug}/visa-letters/{registration.pk}.pdf",
                         follow=True)

    assert response.redirect_chain == [(f"/staff/{meeting.slug}/visa-letters/", 302)]
    assert f"No visa invitation letter for {given_name} Person: {why}" in (
        response.content.decode())


def test_all_letters_pdf_with_none_ready_goes_back_to_the_page(staff):
    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting, status=Status.WAITLISTED, needs_visa_letter=True,
                        **PASSPORT)

    response = staff.get(f"/staff/{meeting.slug}/visa-letters/all.pdf", follow=True)

    assert response.redirect_chain == [(f"/staff/{meeting.slug}/visa-letters/", 302)]
    assert "No visa invitation letter can be printed yet." in response.content.decode()


def test_admin_action_prints_only_ready_letters_and_names_the_others(staff, meeting):
    response = staff.post("/admin/delegates/registration/", {
        "action": "print_visa_letters",
        "_selected_action": [r.pk for r in meeting.registrations.all()],
    })

    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert text.count("Letter of invitation") == 1 and "Ready Person" in text
    following = staff.get("/admin/delegates/registration/").content.decode()
    assert "No visa invitation letter for Waiting Person: holds no seat (Waiting list)." in (
        following)
    assert "No visa invitation letter for Half Person: passport details missing: passport " \
           "number, date of birth." in following


def test_admin_action_with_none_ready_prints_nothing(staff, meeting):
    waiting = person(meeting, "Waiting")

    response = staff.post("/admin/delegates/registration/", {
        "action": "print_visa_letters", "_selected_action": [waiting.pk]}, follow=True)

    assert response["Content-Type"].startswith("text/html")
    assert "No visa invitation letter for Waiting Person: holds no seat (Waiting list)." in (
        response.content.decode())
