"""Journeys in French and in Vietnamese: a delegate chooses French in the switcher (or comes
with a browser that asks for Vietnamese), registers on the public form, is mailed in that
language and reads the meeting page. The words checked are the catalogue's own, so the
journeys follow the translators' wording; axe checks every page with its `lang`."""

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from delegates.models import Registration
from meetings.models import Member

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _in(language, msgid):
    with translation.override(language):
        translated = gettext(msgid)
    assert translated != msgid, f"{msgid!r} has no {language} translation"
    return translated


def _register(page, journey, meeting, language, person):
    page.goto(f"/meetings/{meeting.slug}/register/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    page.locator("#id_given_name").fill(person["given_name"])
    page.locator("#id_family_name").fill(person["family_name"])
    page.locator("#id_member").select_option(
        value=str(Member.objects.get(code=person["member"]).pk))
    page.locator("#id_email").fill(person["email"])
    page.locator("#id_privacy_consent").check()
    journey.step("the form, filled in")
    page.get_by_role("button", name=_in(language, "Register"), exact=True).click()
    expect(page.get_by_role("heading", name=_in(
        language, "Check your email to confirm your registration"))).to_be_visible()
    journey.step("asked to confirm the address")


def _read_the_meeting(page, journey, meeting, language):
    page.goto(meeting.get_absolute_url())
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_role("heading", name=_in(language, "Summary"))).to_be_visible()
    expect(page.get_by_role("heading", name=_in(language, "Key facts"))).to_be_visible()
    journey.step("the meeting page")


def test_a_delegate_chooses_french_registers_and_reads_the_meeting(
        e2e_data, open_journey, mailoutbox):
    journey = open_journey("language-french")
    page = journey.page
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_label("Language").select_option(label="Français")
    page.get_by_role("button", name="Change language").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_label(_in("fr", "Language"))).to_have_value("fr")
    journey.step("the home page in French")

    _register(page, journey, e2e_data["demonstration"], "fr", {
        "given_name": "Hélène", "family_name": "Lefèvre", "member": "FR",
        "email": "helene.lefevre@fr.example.org"})

    registration = Registration.objects.get(email="helene.lefevre@fr.example.org")
    assert registration.language == "fr"
    (message,) = [m for m in mailoutbox if m.to == ["helene.lefevre@fr.example.org"]]
    assert message.subject.startswith(
        _in("fr", "Please confirm your registration: %(title)s").split("%(title)s")[0])
    _read_the_meeting(page, journey, e2e_data["twelfth"], "fr")


def test_a_browser_asking_for_vietnamese_gets_the_site_in_vietnamese(
        e2e_data, open_journey, mailoutbox):
    journey = open_journey("language-vietnamese", screen="phone", locale="vi-VN")
    page = journey.page

    _register(page, journey, e2e_data["demonstration"], "vi", {
        "given_name": "Thu Hằng", "family_name": "Trần", "member": "VN",
        "email": "thu.hang@vn.example.org"})

    assert Registration.objects.get(email="thu.hang@vn.example.org").language == "vi"
    (message,) = [m for m in mailoutbox if m.to == ["thu.hang@vn.example.org"]]
    assert re.search(re.escape(_in("vi", "ASEM Customs Secretariat")), message.body)
    _read_the_meeting(page, journey, e2e_data["twelfth"], "vi")
