import unicodedata

import pytest

from delegates.enums import Role
from delegates.forms import RegistrationForm
from tests.factories import MeetingFactory, RegistrationFactory, member

pytestmark = pytest.mark.django_db


def valid(**extra):
    return {"given_name": "Minh", "family_name": "Trần", "member": member("VN").pk,
            "role": Role.DELEGATE, "email": "minh@vn.example.org", "privacy_consent": "on",
            **extra}


def test_names_are_nfc_normalised_and_trimmed():
    form = RegistrationForm(valid(family_name=unicodedata.normalize("NFD", " Trần ")),
                            meeting=MeetingFactory())
    assert form.is_valid(), form.errors
    assert form.cleaned_data["family_name"] == "Trần"
    assert unicodedata.is_normalized("NFC", form.cleaned_data["family_name"])


def test_registration_data_has_consent_time_and_only_model_fields():
    form = RegistrationForm(valid(), meeting=MeetingFactory())
    assert form.is_valid(), form.errors
    data = form.registration_data()
    assert data["member"] == member("VN")
    assert data["privacy_consent_at"] is not None
    assert "privacy_consent" not in data


def test_fixed_member_hides_the_choice_and_wins():
    form = RegistrationForm(valid(member=member("TH").pk), meeting=MeetingFactory(),
                            member=member("VN"))
    assert "member" not in form.fields
    assert form.is_valid(), form.errors
    assert form.registration_data()["member"] == member("VN")
    assert "has been given the" in str(form.fields["privacy_consent"].label)


def test_change_form_keeps_consent_and_member():
    registration = RegistrationFactory(meeting=MeetingFactory(), member=member("VN"))
    form = RegistrationForm(valid(email=registration.email), instance=registration,
                            meeting=registration.meeting, member=member("VN"))
    assert "privacy_consent" not in form.fields
    assert form.is_valid(), form.errors
    assert "member" not in form.registration_data()
    assert "privacy_consent_at" not in form.registration_data()


def test_change_form_keeps_a_role_the_secretariat_gave():
    registration = RegistrationFactory(meeting=MeetingFactory(), role=Role.HOST)
    form = RegistrationForm(instance=registration, meeting=registration.meeting)
    assert (Role.HOST.value, Role.HOST.label) in form.fields["role"].choices


def test_own_email_is_not_a_duplicate_when_changing():
    registration = RegistrationFactory(meeting=MeetingFactory(), member=member("VN"),
                                       email="minh@vn.example.org")
    form = RegistrationForm(valid(), instance=registration, meeting=registration.meeting)
    assert form.is_valid(), form.errors


def test_one_part_name_in_given_name_only_is_accepted():
    form = RegistrationForm(valid(given_name="Sukarno", family_name=""),
                            meeting=MeetingFactory())
    assert form.is_valid(), form.errors
