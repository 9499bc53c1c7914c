"""Journey 4: a secretariat editor signs in to the admin, confirms registrations, downloads
the list of participants and the badges, and checks a delegate in by badge code."""

import re

import pytest
from django.contrib.auth.models import Group, User
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from delegates.enums import RegistrationStatus, Role
from delegates.models import Registration
from tests.pdf import pdf_text, qr_codes

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DEMO_MEETING = "Demonstration Meeting of ASEM Customs Directors-General"
PASSWORD = "e2e-editor-Passw0rd"  # noqa: S105 - a test account of a throw-away database


@pytest.fixture
def editor(e2e_data):
    user = User.objects.create_user(
        "amara.editor", email="amara.editor@secretariat.example.org", password=PASSWORD,
        first_name="Amara", last_name="Editor", is_staff=True,
    )
    user.groups.add(Group.objects.get(name="Secretariat editor"))
    # Editors may see passports: their authenticator app, set up before this journey.
    TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    return user


def current_code(user):
    """The six digits the editor's authenticator app shows now."""
    device = TOTPDevice.objects.get(user=user)
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def test_secretariat_confirms_prints_and_checks_in(e2e_data, editor, open_journey):
    meeting = e2e_data["demonstration"]
    pending = list(
        Registration.objects.filter(meeting=meeting, status=RegistrationStatus.PENDING)
    )
    journey = open_journey("secretariat")
    page = journey.page

    page.goto("/admin/")
    page.get_by_label("Username").fill(editor.username)
    page.get_by_label("Password").fill(PASSWORD)
    journey.step("admin sign-in")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Second step of signing in")).to_be_visible()
    page.get_by_label("Code").fill(current_code(editor))
    journey.step("second step of signing in")
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_role("heading", name="Secretariat workspace")).to_be_visible()
    journey.step("admin home")

    page.get_by_role("link", name="Secretariat workspace").first.click()
    page.get_by_role("link", name=DEMO_MEETING).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(DEMO_MEETING)
    journey.step("meeting dashboard")

    page.get_by_role("link", name="Registrations in the admin").click()
    page.get_by_role("link", name="Pending", exact=True).click()
    expect(page.get_by_role("row").filter(has=page.get_by_role("checkbox"))).to_have_count(
        len(pending) + 1  # the header row selects all
    )
    page.get_by_role("checkbox", name="Select all objects on this page").check()
    page.get_by_role("combobox", name="Action").select_option(
        label="Confirm selected registrations"
    )
    journey.step("pending registrations selected")
    page.get_by_role("button", name="Go").click()
    expect(page.get_by_text(f"{len(pending)} registrations confirmed.")).to_be_visible()
    journey.step("registrations confirmed")
    assert {r.status for r in Registration.objects.filter(pk__in=[r.pk for r in pending])} == {
        RegistrationStatus.CONFIRMED
    }

    page.get_by_role("link", name="Secretariat workspace").first.click()
    page.get_by_role("link", name=DEMO_MEETING).click()
    participants = journey.open_pdf(
        "list of participants",
        page.get_by_role("link", name="List of participants (PDF)").click,
    )
    assert participants.name.endswith("participants-demonstration-meeting.pdf")
    assert participants.read_bytes().startswith(b"%PDF")
    assert pending[0].member.name in pdf_text(participants.read_bytes())

    spreadsheet = journey.download(
        "list of participants", page.get_by_role("link", name="XLSX").click
    )
    assert spreadsheet.name.endswith("participants-demonstration-meeting.xlsx")
    assert spreadsheet.read_bytes().startswith(b"PK")  # a zip, as every XLSX

    page.get_by_role("link", name="Badges", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Badges")
    journey.step("badges")
    badges = journey.open_pdf(
        "badges", page.get_by_role("button", name="Make the badges (PDF)").click
    )
    assert badges.name.endswith("badges-demonstration-meeting.pdf")
    assert badges.read_bytes().startswith(b"%PDF")
    printed = {r.badge_code for r in Registration.objects.filter(
        meeting=meeting, status=RegistrationStatus.CONFIRMED)}
    sheets = qr_codes(badges.read_bytes())
    assert sorted(code for codes in sheets for code in codes) == sorted(printed)
    page.get_by_label("Member").select_option(label="Thailand")
    page.get_by_label("Layout").select_option(label="One badge a page")
    journey.step("one badge a page")
    singles = journey.open_pdf(
        "one badge a page", page.get_by_role("button", name="Make the badges (PDF)").click
    )
    thai = {r.badge_code for r in Registration.objects.filter(
        meeting=meeting, status=RegistrationStatus.CONFIRMED, member__code="TH")}
    one_a_page = qr_codes(singles.read_bytes())
    assert [len(codes) for codes in one_a_page] == [1] * len(thai)
    assert sorted(codes[0] for codes in one_a_page) == sorted(thai)

    head = Registration.objects.get(
        meeting=meeting, member__code="TH", role=Role.HEAD_OF_DELEGATION
    )
    page.get_by_role("link", name="Check-in", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check-in")
    journey.step("check-in desk")
    # Read aloud from the badge and typed as heard: lower case, spaces for the dashes.
    page.get_by_label("Badge code").fill(head.badge_code.lower().replace("-", " "))
    page.get_by_role("button", name="Check in", exact=True).click()
    expect(page.locator("#checkin-result")).to_contain_text(
        re.compile(rf"checked in\. — Thailand, {Role.HEAD_OF_DELEGATION.label}")
    )
    expect(page.get_by_role("row", name="Thailand 1")).to_be_visible()
    journey.step("delegate checked in")
    head.refresh_from_db()
    assert head.attended_at is not None

    check_in_desk(journey, meeting, checked_in=head)


def check_in_desk(journey, meeting, *, checked_in):
    """At the desk: a badge scanned twice, a badge of no one, an undo, and a delegate without
    a badge found by name."""
    page = journey.page
    page.get_by_label("Badge code").fill(checked_in.badge_code)
    page.get_by_role("button", name="Check in", exact=True).click()
    expect(page.locator("#checkin-result")).to_contain_text(
        re.compile(r"was already checked in at \d\d:\d\d\.")
    )
    journey.step("badge scanned twice", axe=False)

    page.get_by_label("Badge code").fill("ZZZZ-ZZZZ-ZZZZ")
    page.get_by_role("button", name="Check in", exact=True).click()
    expect(page.locator("#checkin-result")).to_contain_text(
        "No badge has the code “ZZZZ-ZZZZ-ZZZZ”. Check the code, or search by name."
    )
    journey.step("unknown badge", axe=False)

    somebody = (
        Registration.objects.filter(meeting=meeting, status=RegistrationStatus.CONFIRMED,
                                    attended_at__isnull=True)
        .exclude(name_latin="").order_by("family_name").first()
    )
    page.get_by_label("No badge? Search by name").fill(somebody.name_latin.lower())
    row = page.locator("#checkin-people li").filter(has_text=somebody.full_name)
    expect(row).to_be_visible()
    journey.step("search by name")
    row.get_by_role("button", name=re.compile("^Check in")).click()
    expect(page.locator("#checkin-result")).to_contain_text(
        f"{somebody.full_name} ({somebody.name_latin}) checked in." if somebody.name_latin
        != somebody.full_name else f"{somebody.full_name} checked in.")
    expect(row.get_by_role("button", name=re.compile("^Undo check-in"))).to_be_visible()
    journey.step("checked in from the search", axe=False)

    page.get_by_role("button", name="Undo this check-in").click()
    expect(page.locator("#checkin-result")).to_contain_text(
        f"Check-in of {somebody.full_name}")
    expect(page.locator("#checkin-result")).to_contain_text("undone.")
    journey.step("check-in undone")
    somebody.refresh_from_db()
    assert somebody.attended_at is None


def test_check_in_desk_on_a_phone(e2e_data, editor, open_journey):
    """A desk run from a phone: signed in from the footer's link, then the same desk."""
    meeting = e2e_data["demonstration"]
    journey = open_journey("secretariat-check-in", screen="phone")
    page = journey.page

    page.goto(f"/staff/{meeting.slug}/check-in/")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    journey.step("signed out at the desk: sign in")
    page.get_by_label("Username").fill(editor.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Code").fill(current_code(editor))
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check-in")
    journey.step("check-in desk")

    first = (
        Registration.objects.filter(meeting=meeting, status=RegistrationStatus.CONFIRMED)
        .order_by("pk").first()
    )
    page.get_by_label("Badge code").fill(first.badge_code)
    page.get_by_role("button", name="Check in", exact=True).click()
    expect(page.locator("#checkin-result")).to_contain_text("checked in.")
    journey.step("delegate checked in")
    check_in_desk(journey, meeting, checked_in=first)
