"""Journey 6: a secretariat editor in the admin on a 1366 px laptop: the registrations list
shows what they look at most, a registration's page has its status buttons, cancelling asks
why first, and no page asks for an icon that is not there."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from delegates.enums import RegistrationStatus
from delegates.models import Registration, RegistrationLogEntry
from tests.e2e.test_journey_secretariat import PASSWORD, current_code
from tests.e2e.test_journey_secretariat import editor as editor  # noqa: F401 - the fixture

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

COLUMNS = ["Name", "Meeting", "Member", "Role", "Status", "Submitted", "Checked in",
           "Visa letter"]


def test_editor_reads_the_list_and_cancels_with_a_reason(e2e_data, editor, open_journey):  # noqa: F811
    journey = open_journey("admin", screen="laptop")
    page = journey.page
    missing = []
    page.on("response", lambda r: r.status == 404 and missing.append(r.url))

    page.goto("/admin/")
    page.get_by_label("Username").fill(editor.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_label("Code").fill(current_code(editor))
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_role("heading", name="Recent actions")).to_be_in_viewport()
    expect(page.get_by_role("heading", name="Running a meeting")).to_be_in_viewport()
    journey.step("admin home")

    page.get_by_role("link", name="Registrations").first.click()
    headers = page.locator("#result_list thead th:not(.action-checkbox-column)")
    expect(headers).to_have_text(COLUMNS, ignore_case=True)
    for header in headers.all():
        box = header.bounding_box()
        assert box["x"] + box["width"] <= 1366, header.inner_text()
    filters = page.locator("#changelist-filter details summary")
    expect(filters.first).to_have_text("By meeting")
    journey.step("registrations list fits the laptop")

    registration = Registration.objects.filter(
        meeting=e2e_data["demonstration"], status=RegistrationStatus.CONFIRMED).first()
    page.goto(f"/admin/delegates/registration/{registration.pk}/change/")
    expect(page.get_by_role("button", name="Move to the waiting list")).to_be_visible()
    journey.step("registration page with status buttons")
    page.get_by_role("link", name="Cancel registration…").click()
    page.get_by_role("button", name="Cancel the registration and tell them").click()
    # The browser itself asks for the reason first (the server would too: see the tests of
    # the admin's cancel action).
    reason = page.get_by_label("Reason (sent to the person)")
    assert reason.evaluate("box => box.validity.valueMissing")
    expect(page.get_by_role("heading", name="Cancel registration…")).to_be_visible()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    journey.step("cancelling asks why")
    reason.fill("Registered twice.")
    page.get_by_role("button", name="Cancel the registration and tell them").click()
    expect(page.get_by_text(f"{registration.full_name}: now Cancelled.")).to_be_visible()
    expect(page.locator(".field-what").filter(has_text="Cancelled")).to_have_count(1)
    journey.step("registration cancelled, the history in words")

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    entry = RegistrationLogEntry.objects.filter(registration=registration).latest("pk")
    assert entry.note == "Registered twice."
    assert any("Reason: Registered twice." in m.body for m in mail.outbox
               if m.to == [registration.email])
    assert missing == []
