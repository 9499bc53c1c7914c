"""Journey 3: a focal point, invited by the secretariat, chooses a password, signs in,
registers the delegation with a head of delegation and uploads its credentials."""

import re

import pytest
from playwright.sync_api import expect

from accreditation.models import Credentials
from delegates import services
from delegates.enums import RegistrationStatus, Role
from delegates.models import Registration
from meetings.models import Member
from tests.documents.helpers import pdf_bytes

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DEMO_MEETING = "Demonstration Meeting of ASEM Customs Directors-General"
PASSWORD = "Focal-point-e2e-2026"  # noqa: S105 - a test account of a throw-away database
LINK = re.compile(r"https?://\S+/reset/\S+/")


def test_focal_point_registers_a_head_of_delegation(e2e_data, open_journey, mailoutbox):
    meeting = e2e_data["demonstration"]
    mongolia = Member.objects.get(code="MN")
    services.focal_point_invite(
        user_email="bat-erdene.focal@mn.customs.example.org", member=mongolia, actor=None,
        first_name="Bat-Erdene", last_name="Gansukh",
    )
    [invitation] = mailoutbox
    journey = open_journey("focal-point")
    page = journey.page

    page.goto(LINK.search(invitation.body).group(0))
    expect(page.get_by_role("heading", name="Choose your password")).to_be_visible()
    page.get_by_label(re.compile(r"^\s*New password\*?\s*$")).fill(PASSWORD)
    page.get_by_label("New password confirmation").fill(PASSWORD)
    journey.step("choose a password")
    page.get_by_role("button", name="Save my password").click()
    expect(page.get_by_role("heading", name="Your password is saved")).to_be_visible()
    journey.step("password saved")

    page.get_by_role("link", name="Sign in").last.click()
    page.get_by_label("Username").fill("bat-erdene.focal@mn.customs.example.org")
    page.get_by_label("Password").fill(PASSWORD)
    journey.step("sign in")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delegations of Mongolia")
    journey.step("delegations of the member")

    page.get_by_role("row", name=re.compile(DEMO_MEETING)).get_by_role(
        "link", name="Register a delegate"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Register a delegate")
    expect(page.get_by_label("Delegation of")).to_have_count(0)  # always the focal point's
    page.get_by_label("Honorific").fill("Mr.")
    page.get_by_label("Given name").fill("Ганболд")
    page.locator("#id_family_name").fill("Батбаяр")
    page.get_by_label("Name in Latin letters").fill("Ganbold Batbayar")
    page.get_by_label("Role").select_option(label="Head of delegation")
    page.get_by_label("Position").fill("Commissioner General of Customs")
    page.get_by_label("Email").fill("ganbold.batbayar@mn.customs.example.org")
    page.get_by_label(re.compile(r"has been given the privacy notice")).check()
    journey.step("head of delegation filled in")
    page.get_by_role("button", name="Register", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Delegation of Mongolia")
    expect(page.get_by_role("status").filter(has_text="is registered and holds a seat")
           ).to_be_visible()
    head_row = page.get_by_role("row", name=re.compile("Ганболд Батбаяр"))
    expect(head_row.get_by_role("cell", name="Head of delegation")).to_be_visible()
    journey.step("delegation with its head")

    head = Registration.objects.get(email="ganbold.batbayar@mn.customs.example.org")
    assert (head.meeting, head.member, head.role, head.status, head.registered_by.email) == (
        meeting, mongolia, Role.HEAD_OF_DELEGATION, RegistrationStatus.PENDING,
        "bat-erdene.focal@mn.customs.example.org",
    )

    # The meeting asks each delegation for its credentials: the focal point uploads them.
    page.get_by_role("link", name="Credentials").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Credentials of the delegation")
    page.get_by_label("Letter of nomination or credentials (Note Verbale)").set_input_files(
        files=[{"name": "note-verbale-mongolia.pdf", "mimeType": "application/pdf",
                "buffer": pdf_bytes("Note Verbale of the General Customs of Mongolia")}])
    journey.step("credentials chosen")
    page.get_by_role("button", name="Send to the secretariat").click()
    expect(page.get_by_role("status").filter(has_text="sent to the secretariat")).to_be_visible()
    expect(page.locator("#credentials-state")).to_contain_text("Submitted, awaiting the "
                                                               "secretariat")
    journey.step("credentials sent")
    assert Credentials.objects.get(meeting=meeting, member=mongolia).state == "submitted"
