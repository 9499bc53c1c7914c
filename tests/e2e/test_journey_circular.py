"""Journey: a secretariat editor writes a circular to the heads of delegation of the
demonstration meeting, previews who receives it and one copy, sends it, and follows its
delivery."""

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from communications.enums import Audience
from communications.selectors import recipients
from mail.models import OutgoingEmail
from tests.e2e.test_journey_secretariat import DEMO_MEETING, PASSWORD, current_code

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def circular_editor(e2e_data):
    user = User.objects.create_user(
        "noor.editor", email="noor.editor@secretariat.example.org", password=PASSWORD,
        first_name="Noor", last_name="Editor", is_staff=True,
    )
    user.groups.add(Group.objects.get(name="Secretariat editor"))
    TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    return user


def test_secretariat_writes_and_sends_a_circular(e2e_data, circular_editor, open_journey):
    meeting = e2e_data["demonstration"]
    audience = next(a for a in (Audience.HEADS, Audience.CONFIRMED, Audience.FOCAL_POINTS)
                    if recipients(meeting, a))
    people = recipients(meeting, audience)
    journey = open_journey("circular")
    page = journey.page

    page.goto("/staff/")
    page.get_by_label("Username").fill(circular_editor.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Code").fill(current_code(circular_editor))
    page.get_by_role("button", name="Verify").click()
    page.get_by_role("link", name=DEMO_MEETING).first.click()
    page.get_by_role("link", name="Circulars").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Circulars")
    journey.step("circulars of the meeting")

    page.get_by_role("link", name="Write a circular").click()
    page.get_by_label(str(audience.label)).check()
    page.get_by_label("Subject").fill("{{ meeting }}: the programme has changed")
    page.get_by_label("Text").fill(
        "Dear {{ name }},\n\nthe opening session of the {{ meeting }} moves to 9:30. "
        "(Illustrative circular of the demonstration.)")
    journey.step("circular written")
    page.get_by_role("button", name="Preview").click()
    preview = page.locator("#circular-preview")
    expect(preview).to_contain_text(f"Dear {people[0].name},")
    expect(preview).to_contain_text(f"{meeting.title}: the programme has changed")
    expect(page.locator("#circular-recipients li")).to_have_count(len(people))
    journey.step("preview with recipients and one copy")

    send = page.get_by_role("button", name="Send to")
    expect(send).to_have_text(f"Send to {len(people)} {'person' if len(people) == 1 else 'people'}")
    send.click()
    expect(page.get_by_text("The circular is on its way.")).to_be_visible()
    expect(page.locator("#circular-progress")).to_contain_text(
        f"{len(people)} of {len(people)} mails sent")
    journey.step("circular sent")

    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    assert OutgoingEmail.objects.filter(kind="circular", sent_at__isnull=True).count() == 0
