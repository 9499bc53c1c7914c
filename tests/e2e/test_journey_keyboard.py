"""Journey 7: with the keyboard alone (Tab, Enter, Space and typing; never the mouse), a
delegate registers, is refused for an email address without its domain, follows the error
summary to the field and corrects it; then the secretariat checks a person in at the desk."""

import re

import pytest
from playwright.sync_api import expect

from delegates.enums import RegistrationStatus
from delegates.models import Registration
from tests.delegates.staff_helpers import editor
from tests.e2e.test_every_page import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ACTIVE = """() => { const el = document.activeElement;
  return el ? (el.id || el.textContent.trim().slice(0, 60)) : ""; }"""


def tab_to(page, matches, *, limit=80):
    """Press Tab until the focused element's id (or text) matches; fail when it never does."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(ACTIVE)
        if re.fullmatch(matches, focused):
            return
        seen.append(focused)
    pytest.fail(f"Tab never reached {matches!r}; it went through {seen}")


def test_keyboard_alone_registers_corrects_an_error_and_checks_in(e2e_data, open_journey,
                                                                 live_server):
    meeting = e2e_data["demonstration"]
    journey = open_journey("keyboard")
    page = journey.page
    keys = page.keyboard

    page.goto("/")
    tab_to(page, "Register now")
    keys.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(meeting.title)
    tab_to(page, "id_given_name")
    keys.type("Malee")
    tab_to(page, "id_family_name")
    keys.type("Srisuk")
    tab_to(page, "id_member")
    keys.type("Thailand")
    tab_to(page, "id_position")
    keys.type("Customs Officer")
    tab_to(page, "id_email")
    keys.type("malee.keyboard@")  # the domain is forgotten
    tab_to(page, "id_privacy_consent")
    keys.press("Space")
    journey.step("form filled by keyboard", axe=False)
    tab_to(page, "Register")
    keys.press("Enter")

    summary = page.get_by_role("region", name=re.compile("^There is a problem"))
    expect(summary).to_be_focused()
    expect(page).to_have_title(re.compile("^Error: "))
    journey.step("refused: the summary has the focus")
    keys.press("Tab")
    expect(summary.get_by_role("link", name=re.compile("^Email: "))).to_be_focused()
    keys.press("Enter")
    expect(page.locator("#id_email")).to_be_focused()
    keys.press("ControlOrMeta+a")
    keys.type("malee.keyboard@th.customs.example.org")
    journey.step("email corrected", axe=False)
    tab_to(page, "Register")
    keys.press("Enter")
    expect(page.get_by_role("heading", name="Check your email to confirm your registration")
           ).to_be_visible()
    journey.step("registered by keyboard")
    assert Registration.objects.filter(
        email="malee.keyboard@th.customs.example.org", family_name="Srisuk").exists()

    # At the desk: the badge code box has the focus when the page opens.
    sign_in(journey, editor("keyboard.editor"), live_server.url)
    person = Registration.objects.filter(
        meeting=meeting, status=RegistrationStatus.CONFIRMED, attended_at__isnull=True,
    ).order_by("pk").first()
    page.goto(f"/staff/{meeting.slug}/check-in/")
    badge = page.get_by_label("Badge code")
    expect(badge).to_be_focused()
    keys.type(person.badge_code)
    keys.press("Enter")
    result = page.locator("#checkin-result")
    expect(result).to_contain_text("checked in.")
    expect(badge).to_have_value("")
    expect(badge).to_be_focused()
    journey.step("checked in by keyboard")
    keys.type(person.badge_code)
    keys.press("Enter")
    expect(result).to_contain_text("The same code as the last one:")
    expect(result).to_contain_text("was already checked in at")
    expect(badge).to_have_value("")
    journey.step("the same code again is said to be", axe=False)
    person.refresh_from_db()
    assert person.attended_at is not None
