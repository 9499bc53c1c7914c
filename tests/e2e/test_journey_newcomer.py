"""Journey 1 (and 5 on a phone): a newcomer goes from the home page to the meeting, its
agenda and its action plan."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TWELFTH = "12th ASEM Customs Directors-General and Commissioners Meeting"
PLAN = "ASEM Customs Action Plan 2018-2019"
THIRTEENTH = "13th ASEM Customs Directors-General and Commissioners Meeting"


@pytest.mark.parametrize("screen", ["desktop", "phone"])
def test_newcomer_reaches_agenda_and_action_plan(e2e_data, open_journey, screen):
    journey = open_journey("newcomer", screen=screen)
    page = journey.page

    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "ASEM Customs Directors-General and Commissioners"
    )
    expect(page.get_by_role("heading", name="Recent meetings")).to_be_visible()
    journey.step("home")

    if journey.is_phone:
        menu = page.get_by_role("button", name="Toggle navigation")
        menu.click()
        expect(page.get_by_role("navigation", name="Main").get_by_role(
            "link", name="Meetings", exact=True
        )).to_be_visible()
        expect(menu).to_have_attribute("aria-expanded", "true")
        menu_id = menu.get_attribute("aria-controls")
        expect(page.locator(f"#{menu_id}")).to_have_class(re.compile(r"\bshow\b"))
        journey.step("menu open")
        menu.click()
        expect(menu).to_have_attribute("aria-expanded", "false")

    page.get_by_role("link", name=TWELFTH).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TWELFTH)
    expect(page.get_by_role("heading", name="Action plan adopted")).to_be_visible()
    journey.step("meeting")

    page.get_by_role("link", name="Agenda", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Agenda")
    expect(page.get_by_role("heading", name="1. Opening of the Meeting")).to_be_visible()
    journey.step("agenda")

    page.get_by_role("navigation", name="breadcrumb").get_by_role("link", name=TWELFTH).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TWELFTH)
    page.get_by_role("link", name=re.compile(r"^Read the .*action plan", re.IGNORECASE)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PLAN)
    expect(page.get_by_role("table")).to_be_visible()
    journey.step("action plan")

    # The meeting announced next, whose dates are not known yet: listed as coming, never as
    # held, and its draft plan not said to be adopted.
    page.goto("/meetings/")
    upcoming = page.get_by_role("region", name="Upcoming")
    expect(upcoming.get_by_role("link", name=THIRTEENTH)).to_be_visible()
    expect(upcoming).to_contain_text("dates to be announced")
    expect(page.get_by_role("region", name="Past").get_by_role("link", name=THIRTEENTH)
           ).to_have_count(0)
    journey.step("meetings")
    upcoming.get_by_role("link", name=THIRTEENTH).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(THIRTEENTH)
    expect(page.get_by_text("Its dates and venue are not known yet")).to_be_visible()
    expect(page.get_by_role("heading", name="Action plan proposed for adoption")).to_be_visible()
    expect(page.get_by_role("heading", name="Action plan adopted")).to_have_count(0)
    journey.step("announced meeting")
