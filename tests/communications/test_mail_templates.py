"""The secretariat changes the wording of a mail for one meeting or for all from the staff
pages: placeholders listed, a preview on a real registration, a template error shown as a
form error (never a 500), and back to the default."""

import pytest

from mail.models import MailTemplate
from tests.delegates.staff_helpers import editor, viewer
from tests.factories import MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def registration():
    meeting = MeetingFactory(title="Thirteenth Meeting", slug="thirteenth")
    return RegistrationFactory(meeting=meeting, given_name="Ana", family_name="Example")


def _url(registration, kind="registration_confirmed"):
    return f"/staff/{registration.meeting.slug}/mail/{kind}/"


def test_the_list_shows_whose_wording_each_mail_has(client, registration):
    MailTemplate.objects.create(kind="registration_confirmed", meeting=registration.meeting,
                                subject="s", body="b")
    MailTemplate.objects.create(kind="registration_rejected", subject="s", body="b")
    MailTemplate.objects.create(kind="registration_rejected", subject="s", body="b",
                                language="vi")
    client.force_login(viewer())

    response = client.get(f"/staff/{registration.meeting.slug}/mail/")

    assert response.status_code == 200
    rows = {row["kind"].name: {language["code"]: language["source"]
                               for language in row["languages"]}
            for row in response.context["rows"]}
    assert rows["registration_confirmed"] == {"en": "meeting", "fr": "default", "vi": "default"}
    assert rows["registration_rejected"] == {"en": "all", "fr": "default", "vi": "all"}
    assert rows["registration_received"] == {"en": "default", "fr": "default", "vi": "default"}
    assert "focal_point_invitation" not in rows  # no meeting of its own


def test_a_wording_is_saved_and_reset_in_the_language_chosen(client, registration):
    client.force_login(editor())
    url = _url(registration)

    saved = client.post(f"{url}?language=fr", {
        "language": "fr", "action": "save", "subject": "Confirmée : {{ meeting }}",
        "body": "Bonjour {{ name }}."})
    english = client.get(url)
    french = client.get(f"{url}?language=fr")

    assert saved.status_code == 302
    assert saved.url == f"{url}?language=fr"
    assert MailTemplate.objects.get().language == "fr"
    assert english.context["own"] is None
    assert french.context["own"].subject == "Confirmée : {{ meeting }}"

    reset = client.post(url, {"language": "fr", "action": "reset"})

    assert reset.url == f"{url}?language=fr"
    assert MailTemplate.objects.count() == 0


def test_a_language_the_site_does_not_speak_shows_the_english_wording(client, registration):
    client.force_login(viewer())

    response = client.get(f"{_url(registration)}?language=xx")

    assert response.status_code == 200
    assert response.context["language"] == "en"


def test_the_edit_page_lists_placeholders_and_previews_with_a_real_registration(
        client, registration):
    client.force_login(viewer())

    response = client.get(_url(registration))

    assert response.status_code == 200
    assert "{{ name }}" in response.text and "{{ details }}" in response.text
    preview = response.context["preview"]
    assert preview["subject"] == "Registration confirmed: Thirteenth Meeting"
    assert preview["text"].startswith("Dear Ana Example,\n")
    assert "[personal link, sent only to the recipient]" in preview["text"]
    assert 'name="action" value="save"' not in response.text  # a viewer only reads


def test_preview_shows_the_wording_being_written_without_keeping_it(client, registration):
    client.force_login(editor())

    response = client.post(_url(registration), {
        "action": "preview", "subject": "Hello {{ name }}", "body": "See you at {{ meeting }}."})

    assert response.status_code == 200
    assert response.context["preview"]["subject"] == "Hello Ana Example"
    assert response.context["preview"]["text"].startswith("See you at Thirteenth Meeting.")
    assert MailTemplate.objects.count() == 0


def test_saving_keeps_the_meeting_wording_and_back_to_default_removes_it(client, registration):
    client.force_login(editor())

    saved = client.post(_url(registration), {
        "action": "save", "subject": "Welcome {{ name }}", "body": "Dear {{ name }}"})
    template = MailTemplate.objects.get()
    reset = client.post(_url(registration), {"action": "reset"})

    assert saved.status_code == 302
    assert (template.meeting, template.kind, template.language) == (
        registration.meeting, "registration_confirmed", "en")
    assert template.updated_by.username == "editor"
    assert reset.status_code == 302
    assert MailTemplate.objects.count() == 0


@pytest.mark.parametrize("body", ["{% for x in name %}{% endfor %}", "{{ passport_number }}",
                                  "{% if %}", "{% include 'base.html' %}", "{% if name %}"])
def test_a_template_error_is_a_form_error_never_a_500(client, registration, body):
    client.force_login(editor())

    response = client.post(_url(registration), {"action": "save", "subject": "S",
                                                 "body": body})

    assert response.status_code == 200
    assert "This wording cannot be used" in response.text
    assert MailTemplate.objects.count() == 0


def test_a_viewer_cannot_change_the_wording(client, registration):
    client.force_login(viewer())

    response = client.post(_url(registration), {"action": "save", "subject": "S",
                                                "body": "B"})

    assert response.status_code == 403
    assert MailTemplate.objects.count() == 0


def test_a_kind_without_meeting_is_edited_for_all_meetings_only(client, registration):
    client.force_login(editor())

    per_meeting = client.get(_url(registration, "focal_point_invitation"))
    for_all = client.get("/staff/mail/focal_point_invitation/")
    unknown = client.get("/staff/mail/no_such_kind/")

    assert per_meeting.status_code == 404
    assert for_all.status_code == 200
    assert unknown.status_code == 404


def test_the_list_pages_run_a_fixed_number_of_queries(client, registration,
                                                      django_assert_num_queries):
    client.force_login(viewer())
    client.get(f"/staff/{registration.meeting.slug}/mail/")

    with django_assert_num_queries(7):
        client.get(f"/staff/{registration.meeting.slug}/mail/")
