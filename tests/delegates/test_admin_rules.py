"""The admin's registration form asks the rules of the public form: one registration per
address, a name, and the passport details a visa letter needs."""

import datetime as dt

import pytest
from django.contrib.auth.models import Permission

from delegates.enums import RegistrationStatus as Status
from delegates.models import Registration
from tests.delegates.staff_helpers import editor
from tests.factories import MeetingFactory, RegistrationFactory, UserFactory, member

pytestmark = pytest.mark.django_db

ADD = "/admin/delegates/registration/add/"


def add_data(meeting, **changes):
    return {
        "meeting": meeting.pk, "member": member("DE").pk, "role": "delegate",
        "given_name": "Lena", "family_name": "Vogel", "email": "lena@example.org",
        "privacy_consent_at_0": "2026-01-01", "privacy_consent_at_1": "10:00:00",
        "log_entries-TOTAL_FORMS": "0", "log_entries-INITIAL_FORMS": "0", **changes,
    }


def test_admin_refuses_a_visa_letter_without_passport_details(client):
    client.force_login(editor())
    meeting = MeetingFactory()

    response = client.post(ADD, add_data(meeting, needs_visa_letter="on"))

    assert response.status_code == 200
    assert response.text.count("Needed for the visa invitation letter.") == 4
    assert not Registration.objects.exists()


def test_admin_registers_a_visa_letter_with_passport_details(client):
    client.force_login(editor())
    meeting = MeetingFactory()

    response = client.post(ADD, add_data(
        meeting, needs_visa_letter="on", passport_number="C01X00T47",
        passport_nationality="German", date_of_birth="1980-02-03",
        passport_expires_on=(meeting.end_date + dt.timedelta(days=400)).isoformat()))

    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (registration.needs_visa_letter, registration.passport_number) == (True, "C01X00T47")


def test_admin_without_passport_fields_says_which_details_a_letter_lacks(client):
    """Someone who may change registrations but not see passports has no passport field:
    asking a letter for a registration without the details is refused above the form."""
    user = UserFactory(username="clerk", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(
        codename__in=["view_registration", "change_registration"]))
    client.force_login(user)
    registration = RegistrationFactory(meeting=MeetingFactory(), needs_visa_letter=False)
    url = f"/admin/delegates/registration/{registration.pk}/change/"
    page = client.get(url)
    assert 'name="passport_number"' not in page.text
    data = {name: value for name, value in page.context["adminform"].form.initial.items()
            if value is not None and name in page.context["adminform"].form.fields}

    response = client.post(url, {
        **data, "member": registration.member_id, "needs_visa_letter": "on",
        "privacy_consent_at_0": "2026-01-01", "privacy_consent_at_1": "10:00:00",
        "log_entries-TOTAL_FORMS": "0", "log_entries-INITIAL_FORMS": "0"})

    assert response.status_code == 200
    assert "Passport number: Needed for the visa invitation letter." in response.text
    registration.refresh_from_db()
    assert registration.needs_visa_letter is False


def test_admin_refuses_an_address_awaiting_confirmation(client):
    client.force_login(editor())
    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting, email="Lena@example.org", status=Status.UNCONFIRMED)

    response = client.post(ADD, add_data(meeting))

    assert response.status_code == 200
    assert "This email address is already registered for this meeting." in response.text
    assert Registration.objects.count() == 1


def test_admin_refuses_a_registration_without_a_name(client):
    client.force_login(editor())
    meeting = MeetingFactory()

    response = client.post(ADD, add_data(meeting, given_name="", family_name=""))

    assert response.status_code == 200
    assert "Give a given name or a family name." in response.text
    assert not Registration.objects.exists()
