"""Passport details are entered, never shown back in full: the focal point's and the
delegate's change pages show them masked and keep them when the fields are left empty."""

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from delegates import links
from delegates.enums import Role
from delegates.passports import mask_passport_number, masked_value
from tests.delegates.staff_helpers import editor, verify_second_factor, viewer
from tests.factories import FocalPointFactory, MeetingFactory, RegistrationFactory, member

pytestmark = pytest.mark.django_db

NUMBER = "C01X0067X"
BORN = dt.date(1979, 11, 23)
EXPIRES = dt.date(2040, 3, 14)
ISSUED = dt.date(2030, 3, 15)


@pytest.fixture
def registration():
    return RegistrationFactory(
        meeting=MeetingFactory(), member=member("VN"), given_name="Văn An", family_name="Phạm",
        email="an@vn.example.org", needs_visa_letter=True, passport_number=NUMBER,
        passport_nationality="Ruritanian", passport_issued_on=ISSUED,
        passport_expires_on=EXPIRES, date_of_birth=BORN,
    )


@pytest.fixture
def focal_client(client):
    client.force_login(FocalPointFactory(member=member("VN")).user)
    return client


def edit_form(registration, **extra):
    """The form as the browser sends it back: passport fields as rendered (empty)."""
    return {
        "honorific": "", "given_name": registration.given_name,
        "family_name": registration.family_name, "family_name_first": "on",
        "member": registration.member_id, "role": Role.DELEGATE, "email": registration.email,
        "needs_visa_letter": "on", "passport_number": "", "passport_nationality": "",
        "passport_issued_on": "", "passport_expires_on": "", "date_of_birth": "", **extra,
    }


def focal_edit_url(registration):
    return reverse("delegates:focal_registration_edit", args=[registration.pk])


def delegate_change_url(registration):
    return reverse("delegates:registration_change",
                   args=[links.registration_token(registration)])


def stored(registration):
    registration.refresh_from_db()
    return (registration.passport_number, registration.passport_nationality,
            registration.passport_issued_on, registration.passport_expires_on,
            registration.date_of_birth)


def assert_nothing_shown_back(body):
    for secret in (NUMBER, "Ruritanian", BORN.isoformat(), EXPIRES.isoformat(),
                   ISSUED.isoformat(), "23/11/1979", "Nov. 23, 1979"):
        assert secret not in body
    assert "On file: •••••67X — leave empty to keep" in body
    assert body.count("On file — leave empty to keep") == 4


def test_mask_shows_the_last_three_characters_only():
    assert mask_passport_number(NUMBER) == "•••••67X"
    assert mask_passport_number("AB") == "•••••"
    assert mask_passport_number("") == ""
    assert masked_value("date_of_birth", BORN) == "on file"
    assert masked_value("date_of_birth", None) == ""


def test_focal_point_edit_page_never_shows_the_stored_passport(focal_client, registration):
    response = focal_client.get(focal_edit_url(registration))

    assert response.status_code == 200
    assert_nothing_shown_back(response.content.decode())


def test_delegate_change_page_never_shows_the_stored_passport(client, registration):
    response = client.get(delegate_change_url(registration), follow=True)

    assert response.status_code == 200
    assert_nothing_shown_back(response.content.decode())


def test_focal_point_leaving_passport_fields_empty_keeps_them(focal_client, registration):
    before = stored(registration)

    response = focal_client.post(focal_edit_url(registration),
                                 edit_form(registration, dietary_needs="Halal"))

    assert response.status_code == 302
    assert stored(registration) == before
    assert registration.dietary_needs == "Halal"


def test_delegate_leaving_passport_fields_empty_keeps_them(client, registration):
    before = stored(registration)

    response = client.post(delegate_change_url(registration),
                           edit_form(registration, phone="+84 24 1234 5678"))

    assert response.status_code == 302
    assert stored(registration) == before
    assert registration.phone == "+84 24 1234 5678"


def test_delegate_replaces_one_passport_detail_and_keeps_the_others(client, registration):
    response = client.post(delegate_change_url(registration),
                           edit_form(registration, passport_number="N7654321"))

    assert response.status_code == 302
    assert stored(registration) == ("N7654321", "Ruritanian", ISSUED, EXPIRES, BORN)


def test_visa_letter_rule_checks_the_stored_expiry_date(client, registration):
    registration.passport_expires_on = registration.meeting.start_date
    registration.save()

    response = client.post(delegate_change_url(registration), edit_form(registration))

    assert response.status_code == 200
    assert "Your passport must still be valid after the meeting." in response.content.decode()
    assert stored(registration)[3] == registration.meeting.start_date


def test_visa_letter_still_needs_missing_passport_details(client, registration):
    registration.date_of_birth = None
    registration.save()

    response = client.post(delegate_change_url(registration), edit_form(registration))

    assert response.status_code == 200
    assert "Needed for the visa invitation letter." in response.content.decode()
    assert stored(registration)[4] is None


def test_no_visa_letter_any_more_wipes_the_passport(client, registration):
    form = edit_form(registration)
    del form["needs_visa_letter"]

    response = client.post(delegate_change_url(registration), form)

    assert response.status_code == 302
    assert stored(registration) == ("", "", None, None, None)


# --- the admin ------------------------------------------------------------------------------


def admin_change_url(registration):
    return reverse("admin:delegates_registration_change", args=[registration.pk])


def test_viewer_admin_page_shows_the_passport_masked_only(client, registration):
    client.force_login(viewer())

    response = client.get(admin_change_url(registration))

    body = response.content.decode()
    assert response.status_code == 200
    assert NUMBER not in body
    assert BORN.isoformat() not in body
    assert "passport number: •••••67X" in body
    assert "date of birth: on file" in body


def test_editor_admin_page_shows_the_passport_after_the_second_factor(registration):
    client = Client()  # the password step only
    user = editor()
    client.force_login(user)
    assert client.get(admin_change_url(registration)).status_code == 302

    verify_second_factor(client, user)
    response = client.get(admin_change_url(registration))

    assert response.status_code == 200
    assert f'value="{NUMBER}"' in response.content.decode()
    assert f'value="{BORN.isoformat()}"' in response.content.decode()


def test_staff_without_the_permission_cannot_change_the_passport_in_the_admin(
        client, registration):
    user = viewer("changer")
    user.user_permissions.add(Permission.objects.get(codename="change_registration"))
    client.force_login(user)
    url = admin_change_url(registration)
    page = client.get(url)
    assert page.status_code == 200
    assert NUMBER not in page.content.decode()
    assert 'name="passport_number"' not in page.content.decode()
