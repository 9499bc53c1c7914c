"""A phone: the action plan's tracker and table, the secretariat's dashboard and the
registration form fit the screen; a refused form brings its first wrong field into view."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.test_journey_secretariat import DEMO_MEETING, PASSWORD, current_code, editor

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
__all__ = ["editor"]  # the fixture, shared with the secretariat's journey

FITS = """(selector) => [...document.querySelectorAll(selector)].every(
  (el) => el.getBoundingClientRect().right <= innerWidth + 0.5
          && el.scrollWidth <= el.clientWidth + 1)"""
NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= innerWidth"


def test_phone_plan_page_shows_the_whole_tracker_and_table(e2e_data, open_journey):
    journey = open_journey("public-phone", screen="phone")
    page = journey.page

    page.goto("/plans/action-plan-2018-2019/")
    tracker = page.locator(".plan-tracker .tracker-compact")
    expect(tracker).to_be_visible()
    expect(page.locator(".plan-tracker .tracker-wide")).to_be_hidden()
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    assert page.evaluate(FITS, ".plan-tracker, .plan-tracker svg, .table-responsive, table")
    # the last year of the period is on screen, and a carried-over point shows purple
    expect(tracker.locator("text", has_text="2019")).to_be_visible()
    assert tracker.locator(".tracker-bar.status-carried_over").count() == 2
    colour = tracker.locator(".tracker-bar.status-carried_over").first.evaluate(
        "(el) => getComputedStyle(el).fill")
    badge = page.locator(".badge-status.status-carried_over").first.evaluate(
        "(el) => getComputedStyle(el).backgroundColor")
    assert colour == badge == "rgb(111, 66, 193)"
    status = page.locator("#point-3 [data-label='Status']")
    assert status.bounding_box()["x"] + status.bounding_box()["width"] <= 390
    journey.step("action plan")


def test_phone_registration_error_is_summed_up_at_the_top_with_links_to_the_fields(
        e2e_data, open_journey):
    journey = open_journey("public-phone-register", screen="phone")
    page = journey.page
    meeting = e2e_data["demonstration"]

    page.goto(f"/meetings/{meeting.slug}/register/")
    expect(page.get_by_text("Fields marked * are required.")).to_be_visible()
    page.get_by_role("button", name="Register").click()
    expect(page).to_have_title(re.compile(r"^Error: Register — "))
    summary = page.get_by_role("region", name=re.compile("^There is a problem"))
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    journey.step("refused form, its errors summed up")
    summary.get_by_role("link", name=re.compile("^Family name: ")).click()
    family = page.locator("#id_family_name")
    expect(family).to_have_class(re.compile(r"\bis-invalid\b"))
    expect(family).to_be_focused()
    expect(family).to_be_in_viewport()
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    journey.step("the summary's link brings the field", axe=False)


def test_phone_dashboard_delegations_fit(e2e_data, editor, open_journey):
    journey = open_journey("public-phone-dashboard", screen="phone")
    page = journey.page

    page.goto("/admin/")
    page.get_by_label("Username").fill(editor.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_label("Code").fill(current_code(editor))
    page.get_by_role("button", name="Verify").click()
    page.goto(f"/staff/{e2e_data['demonstration'].slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(DEMO_MEETING)
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    assert page.evaluate(FITS, "[data-testid=delegations], [data-testid=delegations] td")
    journey.step("dashboard")


# WCAG 1.4.12: the spacing a reader may set for themselves; set through the CSS object model
# (a constructed stylesheet), which the page's Content-Security-Policy does not block.
TEXT_SPACING = """() => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync("* { line-height: 1.5 !important; letter-spacing: .12em !important;"
    + " word-spacing: .16em !important; } p { margin-bottom: 2em !important; }");
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}"""


def test_narrow_phone_with_text_spacing_never_scrolls_sideways_and_escape_closes_the_menu(
        e2e_data, open_journey):
    journey = open_journey("public-320", screen="phone")
    page = journey.page
    page.set_viewport_size({"width": 320, "height": 720})
    meeting = e2e_data["demonstration"]
    for address, label in [("/", "home"), ("/meetings/", "meetings"),
                           (f"/meetings/{meeting.slug}/register/", "registration form")]:
        page.goto(address)
        page.evaluate(TEXT_SPACING)
        assert page.evaluate(NO_SIDEWAYS_SCROLL), address
        journey.step(f"{label} at 320 px with text spacing", axe=False)

    toggler = page.get_by_role("button", name="Toggle navigation")
    toggler.click()
    expect(page.get_by_role("link", name="Meetings", exact=True)).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.get_by_role("link", name="Meetings", exact=True)).to_be_hidden()
    expect(toggler).to_be_focused()
    expect(toggler).to_have_attribute("aria-expanded", "false")
    journey.step("menu closed with Escape", axe=False)

    # Escape at once, while the menu is still sliding open, closes it too.
    toggler.click()
    page.keyboard.press("Escape")
    expect(page.get_by_role("link", name="Meetings", exact=True)).to_be_hidden()
    expect(toggler).to_have_attribute("aria-expanded", "false")
