"""Journey 2 (and 5 on a phone): a delegate registers with a Vietnamese name, reads the email,
opens the link, changes a date and cancels; the person on the waiting list is promoted."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from delegates import services
from delegates.enums import RegistrationStatus, Role
from delegates.models import Registration
from meetings.models import Member

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DEMO_MEETING = "Demonstration Meeting of ASEM Customs Directors-General"
LINK = re.compile(r"https?://\S+/registrations/\S+/")
CONFIRM_LINK = re.compile(r"https?://\S+/registrations/\S+/confirm/")
WAITING_PLACE = re.compile(r"^Place on the .*waiting list: \d+\.$")


def seat_the_delegation(meeting, member, count):
    """`count` people of `member` already registered, so the delegation has one seat left."""
    for number in range(count):
        services.registration_submit(meeting=meeting, data={
            "member": member, "given_name": "Delegate", "family_name": f"Number {number}",
            "email": f"delegate.{number}@vn.customs.example.org", "role": Role.DELEGATE,
            "privacy_consent_at": timezone.now(),
        })


def fill_registration(page, person, meeting):
    page.get_by_label("Honorific").fill(person["honorific"])
    page.get_by_label("Given name").fill(person["given_name"])
    page.locator("#id_family_name").fill(person["family_name"])
    if person.get("family_name_first"):
        page.get_by_label("Family name written first").check()
    page.get_by_label("Name in Latin letters").fill(person.get("name_latin", ""))
    page.get_by_label("Delegation of").select_option(label="Viet Nam")
    page.get_by_label("Role").select_option(label="Delegate")
    page.get_by_label("Position").fill(person["position"])
    page.get_by_label("Email").fill(person["email"])
    page.get_by_label("Arrival date").fill(
        (meeting.start_date - dt.timedelta(days=1)).isoformat()
    )
    page.get_by_label("Departure date").fill(
        (meeting.end_date + dt.timedelta(days=1)).isoformat()
    )
    page.get_by_label("I have read the privacy notice").check()


def confirm_address(page, journey, outbox, address, step):
    """Follow the link of the first mail (fixed text only) and press the button."""
    first = mail_to(outbox, address, "Please confirm your registration")
    page.goto(CONFIRM_LINK.search(first.body).group(0))
    journey.step(step)
    page.get_by_role("button", name="Confirm my registration").click()


def mail_to(outbox, address, subject_start):
    found = [m for m in outbox if m.to == [address] and m.subject.startswith(subject_start)]
    assert len(found) == 1, [(m.to, m.subject) for m in outbox]
    return found[0]


@pytest.mark.parametrize("screen", ["desktop", "phone"])
def test_delegate_registers_changes_and_cancels_and_frees_a_seat(
    e2e_data, open_journey, mailoutbox, screen
):
    meeting = e2e_data["demonstration"]
    viet_nam = Member.objects.get(code="VN")
    seat_the_delegation(meeting, viet_nam, meeting.delegation_cap - 1)
    delegate = {
        "honorific": "Ms.", "given_name": "Thu Hằng", "family_name": "Trần",
        "family_name_first": True, "name_latin": "Tran Thu Hang",
        "position": "Deputy Director, International Cooperation",
        "email": "thu.hang.tran@vn.customs.example.org",
    }
    waiting = {
        "honorific": "Mr.", "given_name": "Văn Đức", "family_name": "Phạm",
        "family_name_first": True, "name_latin": "Pham Van Duc",
        "position": "Customs Officer", "email": "van.duc.pham@vn.customs.example.org",
    }
    journey = open_journey("delegate", screen=screen)
    page = journey.page

    page.goto("/")
    page.get_by_role("link", name="Register now").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(DEMO_MEETING)
    journey.step("registration form")

    fill_registration(page, delegate, meeting)
    journey.step("registration form filled", axe=False)
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_role("heading", name="Check your email to confirm your registration")
           ).to_be_visible()
    journey.step("check your email")
    assert "Thu Hằng" not in mail_to(mailoutbox, delegate["email"], "Please confirm").body
    confirm_address(page, journey, mailoutbox, delegate["email"], "confirm the address")
    expect(page.get_by_role("heading", name="Thank you: your registration is received")
           ).to_be_visible()
    expect(page.get_by_role("heading", name="Ms. Trần Thu Hằng")).to_be_visible()
    journey.step("registration received")

    # A colleague registers next, when the delegation of Viet Nam is full.
    page.goto(f"/meetings/{meeting.slug}/register/")
    fill_registration(page, waiting, meeting)
    page.get_by_role("button", name="Register").click()
    confirm_address(page, journey, mailoutbox, waiting["email"], "colleague confirms")
    expect(page.get_by_role("heading", name="You are on the waiting list")).to_be_visible()
    expect(page.get_by_text(WAITING_PLACE)).to_be_visible()
    journey.step("colleague on the waiting list")

    received = mail_to(mailoutbox, delegate["email"], "Registration received")
    assert "Dear Trần Thu Hằng," in received.body
    page.goto(LINK.search(received.body).group(0))
    expect(page.get_by_role("heading", name="Ms. Trần Thu Hằng")).to_be_visible()
    journey.step("registration from the email link")

    page.get_by_role("link", name="Change my registration").click()
    departure = page.get_by_label("Departure date")
    expect(departure).to_have_value((meeting.end_date + dt.timedelta(days=1)).isoformat())
    departure.fill(meeting.end_date.isoformat())
    journey.step("change the departure date")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("status").filter(has_text="Your registration has been changed")
           ).to_be_visible()
    expect(page.locator("dt:text-is('Departure') + dd")).to_have_text(
        f"{meeting.end_date.day} {meeting.end_date:%B %Y}"
    )
    journey.step("registration changed")

    # The change is mailed with a new link; the old one no longer works.
    changed = mail_to(mailoutbox, delegate["email"], "Registration changed")
    page.goto(LINK.search(changed.body).group(0))
    page.get_by_role("link", name="Cancel my registration").click()
    expect(page.get_by_role("heading", name="Cancel the registration of Trần Thu Hằng?")
           ).to_be_visible()
    journey.step("cancel asked")
    page.get_by_role("button", name="Yes, cancel my registration").click()
    expect(page.get_by_role("heading", name="Your registration is cancelled")).to_be_visible()
    journey.step("registration cancelled")
    mail_to(mailoutbox, delegate["email"], "Registration cancelled")

    promoted = mail_to(mailoutbox, waiting["email"], "A seat is now yours")
    assert Registration.objects.get(email=waiting["email"]).status == RegistrationStatus.PENDING
    page.goto(LINK.search(promoted.body).group(0))
    expect(page.get_by_role("heading", name="Mr. Phạm Văn Đức Pending")).to_be_visible()
    expect(page.get_by_text(WAITING_PLACE)).to_have_count(0)
    journey.step("colleague promoted")
