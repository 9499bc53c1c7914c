"""Journey: a secretariat editor uploads a working paper for the demonstration meeting, sees a
hostile file refused, publishes the paper; a visitor finds it on the public meeting page and
downloads it."""

import hashlib

import pytest
from django.contrib.auth.models import Group, User
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from documents.models import Document
from tests.documents.helpers import pdf_bytes

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "e2e-editor-Passw0rd"  # noqa: S105 - a test account of a throw-away database


@pytest.fixture
def editor(e2e_data):
    user = User.objects.create_user(
        "noor.editor", email="noor.editor@secretariat.example.org", password=PASSWORD,
        first_name="Noor", last_name="Editor", is_staff=True,
    )
    user.groups.add(Group.objects.get(name="Secretariat editor"))
    TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    return user


def current_code(user):
    device = TOTPDevice.objects.get(user=user)
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def test_secretariat_uploads_publishes_and_a_visitor_downloads(e2e_data, editor, open_journey,
                                                                tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    meeting = e2e_data["demonstration"]
    paper = tmp_path / "Working paper on e-commerce.pdf"
    paper.write_bytes(pdf_bytes("E-commerce parcels and risk management"))
    fake = tmp_path / "agenda.pdf"
    fake.write_bytes(b"<html><body><script>alert(1)</script></body></html>")

    journey = open_journey("documents")
    page = journey.page
    page.goto(f"/staff/documents/meetings/{meeting.slug}/")
    page.get_by_label("Username").fill(editor.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Code").fill(current_code(editor))
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_role("heading", name="Documents", level=1)).to_be_visible()
    journey.step("staff documents page")

    page.get_by_label("Title in English").fill("Agenda that is really a web page")
    page.get_by_label("Kind").select_option("provisional_agenda")
    page.get_by_label("File").set_input_files(str(fake))
    page.get_by_role("button", name="Add the document").click()
    expect(page.get_by_text("this file is none of them, whatever its name.")).to_be_visible()
    journey.step("hostile file refused")
    assert Document.objects.count() == 0

    page.get_by_label("Title in English").fill("Working paper on e-commerce")
    page.get_by_label("Kind").select_option("working_paper")
    page.get_by_label("Who may read it").select_option("public")
    page.get_by_label("File").set_input_files(str(paper))
    page.get_by_role("button", name="Add the document").click()
    expect(page.get_by_role("heading", name="Working paper on e-commerce")).to_be_visible()
    journey.step("document added")
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("is published.")).to_be_visible()
    journey.step("document published")

    visitor = open_journey("documents-visitor")
    public = visitor.page
    public.goto(f"/meetings/{meeting.slug}/")
    expect(public.get_by_role("link", name="Working paper on e-commerce")).to_be_visible()
    visitor.step("public meeting page")
    public.get_by_role("link", name="Working paper on e-commerce").click()
    expect(public.get_by_role("heading", name="Working paper on e-commerce")).to_be_visible()
    visitor.step("document page")
    path = visitor.download("working paper",
                            public.get_by_role("link", name="Download").first.click)
    assert path.name.endswith("-working-paper-on-e-commerce.pdf")
    assert hashlib.sha256(path.read_bytes()).hexdigest() == Document.objects.get(
    ).files.get().sha256
