"""What the public registration form tells a registrant: required fields, too-long names,
travel dates, a full delegation; and how its dates read."""

import datetime as dt
import re

import pytest
from django.core import mail

from delegates import links
from delegates.forms import RegistrationForm
from tests.delegates.test_register import form_data, register_url
from tests.factories import MeetingFactory, RegistrationFactory, member

pytestmark = pytest.mark.django_db


def _meeting(**extra):
    return MeetingFactory(start_date=dt.date(2027, 2, 14), end_date=dt.date(2027, 2, 15),
                          year=2027, **extra)


def test_family_name_is_marked_required_and_the_mark_explained_once(client):
    content = client.get(register_url(_meeting())).content.decode()

    assert content.count("Fields marked * are required.") == 1
    label = content.split('for="id_family_name"')[1].split("</label>")[0]
    assert '<span class="asteriskField">*</span>' in label
    given = content.split('for="id_given_name"')[1].split("</label>")[0]
    assert "asteriskField" not in given


def test_too_long_family_name_says_too_long_not_missing(client):
    response = client.post(register_url(_meeting()), form_data(family_name="N" * 151))

    errors = response.context["form"].errors
    assert errors["family_name"] == [
        "Your family name is too long: at most 150 characters (you gave 151)."]


def test_missing_family_name_says_give_it(client):
    response = client.post(register_url(_meeting()), form_data(family_name="", given_name=""))

    assert response.context["form"].errors["family_name"] == [
        "Give your family name, or your name if it has one part."]


@pytest.mark.parametrize("field, value, message", [
    ("arrival_date", "2027-01-30", "Arrive at most 14 days before the meeting, from 31 January "
                                   "2027."),
    ("departure_date", "2027-03-02", "Leave at most 14 days after the meeting, by 1 March 2027."),
])
def test_travel_dates_far_from_the_meeting_are_refused(client, field, value, message):
    response = client.post(register_url(_meeting()), form_data(**{field: value}))

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]


def test_travel_dates_within_two_weeks_are_accepted():
    form = RegistrationForm(
        {**form_data(), "arrival_date": "2027-01-31", "departure_date": "2027-03-01"},
        meeting=_meeting())
    assert form.is_valid(), form.errors


def test_travel_dates_help_writes_the_meeting_as_a_range(client):
    content = client.get(register_url(_meeting())).content.decode()

    assert "The meeting: 14–15 February 2027." in content
    assert "2027-02-14" not in content.split('id="id_arrival_date"')[1].split("</div>")[1]


def test_full_delegation_is_marked_on_its_option_and_said_after_submit(
        client, django_capture_on_commit_callbacks):
    meeting = _meeting(delegation_cap=1)
    RegistrationFactory(meeting=meeting, member=member("VN"))
    page = client.get(register_url(meeting)).content.decode()
    vietnam = page.split(f'value="{member("VN").pk}"')[1].split(">")[0]
    thailand = page.split(f'value="{member("TH").pk}"')[1].split(">")[0]
    assert 'data-delegation-full="true"' in vietnam
    assert "data-delegation-full" not in thailand
    assert '<p id="delegation-full-note" class="form-text delegation-full-note" hidden' in page

    refused = client.post(register_url(meeting), form_data(family_name="", given_name=""))
    assert '<p id="delegation-full-note" class="form-text delegation-full-note" role' in (
        refused.content.decode())

    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(register_url(meeting), form_data(), follow=True)
    assert "The delegation of Viet Nam has no seat left: once you confirm your address you " \
        "are on its waiting list" in sent.content.decode()
    assert len(mail.outbox) == 1


def test_free_delegation_gets_no_full_note(client, django_capture_on_commit_callbacks):
    meeting = _meeting(delegation_cap=2)
    RegistrationFactory(meeting=meeting, member=member("VN"))
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(register_url(meeting), form_data(), follow=True)
    assert "has no seat left" not in sent.content.decode()


def test_an_online_seat_does_not_fill_the_delegation_on_the_form(client):
    # A delegation's seats are those in the room: an online participant leaves its one
    # seat free, as the seat rules that place the registration see it.
    meeting = _meeting(delegation_cap=1, online_capacity=5)
    RegistrationFactory(meeting=meeting, member=member("VN"), participation="online")
    page = client.get(register_url(meeting)).content.decode()
    assert "data-delegation-full" not in page.split(f'value="{member("VN").pk}"')[1].split(">")[0]

    RegistrationFactory(meeting=meeting, member=member("VN"), participation="in_person",
                        email="in-the-room@example.org")
    page = client.get(register_url(meeting)).content.decode()
    assert 'data-delegation-full="true"' in (
        page.split(f'value="{member("VN").pk}"')[1].split(">")[0])


def test_public_form_never_says_the_delegation_has_a_head(client):
    meeting = _meeting()
    RegistrationFactory(meeting=meeting, member=member("VN"), role="head")
    response = client.post(register_url(meeting), form_data(role="head", family_name=""))
    assert "already has a head of delegation" not in response.content.decode()


PURPOSES = {"given_name": "given-name", "family_name": "family-name", "email": "email",
            "phone": "tel", "organisation": "organization", "position": "organization-title",
            "date_of_birth": "bday", "honorific": "honorific-prefix"}


def _autocomplete(content, name):
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', content).group(0)
    found = re.search(r'autocomplete="([^"]*)"', tag)
    return found and found.group(1)


def test_public_form_says_what_each_personal_field_asks_for(client):
    content = client.get(register_url(_meeting())).content.decode()

    assert {name: _autocomplete(content, name) for name in PURPOSES} == PURPOSES


def test_signed_link_change_form_says_what_each_field_asks_for_and_explains_the_mark(client):
    registration = RegistrationFactory(meeting=_meeting())
    response = client.get(links.registration_path(registration, "change"), follow=True)
    content = response.content.decode()

    assert {name: _autocomplete(content, name) for name in PURPOSES} == PURPOSES
    assert content.count("Fields marked * are required.") == 1


def test_focal_point_form_offers_no_details_of_the_focal_point_themselves():
    form = RegistrationForm(meeting=_meeting(), member=member("TH"))

    assert {form.fields[name].widget.attrs["autocomplete"]
            for name in PURPOSES if name != "honorific"} == {"off"}


def test_refused_form_says_error_in_its_title_and_links_each_error_to_its_field(client):
    response = client.post(register_url(_meeting()), form_data(
        family_name="", given_name="", email="not an address"))
    content = response.content.decode()

    assert re.search(r"<title>\s*Error: Register — ", content)
    summary = content.split('id="error-summary"')[1].split("</section>")[0]
    assert "There is a problem. Nothing has been saved yet." in summary
    links_ = re.findall(r'<a href="#(id_\w+)"[^>]*>([^<]*)</a>', summary)
    assert links_ == [
        ("id_family_name", "Family name: Give your family name, or your name if it has one "
                           "part."),
        ("id_email", "Email: Enter a valid email address."),
    ]
    assert 'tabindex="-1"' in summary.split(">")[0]  # static/js/registration.js focuses it


def test_form_without_errors_has_no_error_title_nor_summary(client):
    content = client.get(register_url(_meeting())).content.decode()

    assert "Error:" not in content.split("</title>")[0]
    assert "error-summary" not in content
