"""Journey 3: a focal point, invited by the secretariat, chooses a password, signs in,
registers the delegation with a head of delegation, uploads its credentials and the head's
photo for the badge, and signs the head up for the official dinner."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accreditation.models import Credentials
from delegates import services
from delegates.enums import RegistrationStatus, Role
from delegates.models import Registration, RegistrationPhoto
from meetings.models import Member
from side_events.enums import SignupStatus
from side_events.models import SideEvent, SideEventSignup
from tests.delegates.photo_files import image_bytes, silhouette
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
    dinner = SideEvent.objects.create(
        meeting=meeting, name="Official dinner", place="Riverside Demonstration Hotel",
        capacity=80, starts_at=timezone.make_aware(dt.datetime.combine(
            meeting.start_date, dt.time(19, 30))))
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

    # The head's photo for the badge, from the delegation's page.
    delegation = page.url.replace("credentials/", "")
    page.goto(delegation)
    head_row = page.get_by_role("row", name=re.compile("Ганболд Батбаяр"))
    head_row.get_by_role("link", name=re.compile("Add a photo")).click()
    page.locator("#id_photo").set_input_files(files=[{
        "name": "ganbold.jpg", "mimeType": "image/jpeg",
        "buffer": image_bytes(silhouette())}])
    journey.step("photo chosen")
    page.get_by_role("button", name="Send the photo").click()
    expect(page.get_by_role("status").filter(has_text="The photo is saved")).to_be_visible()
    journey.step("photo kept")
    assert RegistrationPhoto.objects.filter(registration=head).exists()

    # And signs the head of delegation up for the official dinner.
    page.get_by_role("row", name=re.compile("Ганболд Батбаяр")).get_by_role(
        "link", name=re.compile("Side events")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Side events of")
    journey.step("side events of the head")
    page.get_by_role("row", name=re.compile("Official dinner")).get_by_role(
        "button", name=re.compile("Sign up")).click()
    expect(page.get_by_role("status").filter(has_text="has a seat at Official dinner")
           ).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("Official dinner"))).to_contain_text(
        "Seat held")
    journey.step("signed up for the dinner")
    assert SideEventSignup.objects.get(event=dinner).registration == head
    assert SideEventSignup.objects.get(event=dinner).status == SignupStatus.SIGNED_UP

    # A cancel button asks first: the focal point says no, and the head keeps the seat.
    page.get_by_role("link", name="Back to the delegation").click()
    dialogs = []
    page.once("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.get_by_role("row", name=re.compile("Ганболд Батбаяр")).get_by_role(
        "button", name=re.compile("^Cancel")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delegation of Mongolia")
    assert dialogs and "Cancel the registration of" in dialogs[0]
    head.refresh_from_db()
    assert head.status == RegistrationStatus.PENDING
