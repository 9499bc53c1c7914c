"""Who changed what and when: simple-history records and explicit state-change entries,
both visible in the admin."""

import re

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

from delegates.enums import RegistrationStatus as Status
from tests.delegates.staff_helpers import editor
from tests.factories import (
    ActionPlanFactory,
    AgendaItemFactory,
    MeetingFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_user():
    return editor()


def test_confirming_in_the_admin_leaves_a_log_entry_and_a_history_record_with_the_actor(
        client, editor_user):
    client.force_login(editor_user)
    registration = RegistrationFactory()

    client.post("/admin/delegates/registration/", {
        "action": "confirm", ACTION_CHECKBOX_NAME: [registration.pk]})

    entry = registration.log_entries.get()
    assert (entry.action, entry.from_status, entry.to_status, entry.actor) == (
        "delegates.registration.confirmed", Status.PENDING, Status.CONFIRMED, editor_user)
    latest = registration.history.latest()
    assert (latest.status, latest.history_user) == (Status.CONFIRMED, editor_user)


def test_registration_change_page_shows_the_state_changes_with_actor(client, editor_user):
    client.force_login(editor_user)
    registration = RegistrationFactory()
    client.post("/admin/delegates/registration/", {
        "action": "confirm", ACTION_CHECKBOX_NAME: [registration.pk]})

    page = client.get(f"/admin/delegates/registration/{registration.pk}/change/")

    assert "State changes (who, when, what)" in page.text
    assert re.search(r'class="field-what">\s*<p>Confirmed</p>', page.text)
    assert "editor" in page.text


def test_history_page_of_a_registration_lists_changes_with_who(client, editor_user):
    client.force_login(editor_user)
    registration = RegistrationFactory(position="Adviser")
    client.post(f"/admin/delegates/registration/{registration.pk}/change/", {
        "member": registration.member.pk, "role": registration.role,
        "given_name": registration.given_name, "family_name": registration.family_name,
        "email": registration.email, "position": "Director",
        "privacy_consent_at_0": "2026-01-01", "privacy_consent_at_1": "10:00:00",
        "log_entries-TOTAL_FORMS": "0", "log_entries-INITIAL_FORMS": "0",
    })
    registration.refresh_from_db()

    page = client.get(f"/admin/delegates/registration/{registration.pk}/history/")

    assert registration.position == "Director"
    assert registration.history.latest().history_user == editor_user
    assert page.status_code == 200
    assert "Director" in page.text
    assert "editor" in page.text


@pytest.mark.parametrize(("factory", "url", "field", "value"), [
    (MeetingFactory, "meetings/meeting", "capacity", 150),
    (AgendaItemFactory, "meetings/agendaitem", "title", "Opening session"),
    (ActionPlanFactory, "action_plans/actionplan", "title", "Action Plan 2020-2021"),
])
def test_meetings_agenda_items_and_plans_keep_history_with_the_user(
        client, editor_user, factory, url, field, value):
    obj = factory()
    setattr(obj, field, value)
    obj._history_user = editor_user  # what HistoryRequestMiddleware does for a request
    obj.save()

    record = obj.history.latest()
    assert (getattr(record, field), record.history_user) == (value, editor_user)
    client.force_login(editor_user)
    assert client.get(f"/admin/{url}/{obj.pk}/history/").status_code == 200


def test_log_entries_cannot_be_changed_or_deleted_in_the_admin(client):
    from tests.factories import UserFactory

    chief = UserFactory(username="chief", is_staff=True, is_superuser=True)
    client.force_login(chief)
    registration = RegistrationFactory()
    client.post("/admin/delegates/registration/", {
        "action": "confirm", ACTION_CHECKBOX_NAME: [registration.pk]})
    entry = registration.log_entries.get()

    page = client.get(f"/admin/delegates/registrationlogentry/{entry.pk}/change/")
    delete = client.post(f"/admin/delegates/registrationlogentry/{entry.pk}/delete/",
                         {"post": "yes"})

    assert page.status_code == 200
    assert 'name="action"' not in page.text
    assert delete.status_code == 403
    assert entry.actor == chief


def test_changing_an_action_plan_in_the_admin_records_who_in_its_history(client, editor_user):
    plan = ActionPlanFactory(title="Action Plan 2018-2019")
    client.force_login(editor_user)

    response = client.post(f"/admin/action_plans/actionplan/{plan.pk}/change/", {
        "meeting": plan.meeting.pk, "title_en": "ASEM Customs Action Plan 2018-2019",
        "slug": plan.slug, "period_start": 2018, "period_end": 2019, "summary_en": "",
        "points-TOTAL_FORMS": "0", "points-INITIAL_FORMS": "0",
    })
    history = client.get(f"/admin/action_plans/actionplan/{plan.pk}/history/")

    assert response.status_code == 302
    record = plan.history.latest()
    assert (record.title, record.history_user) == ("ASEM Customs Action Plan 2018-2019",
                                                   editor_user)
    assert "ASEM Customs Action Plan 2018-2019" in history.text
