"""The admin as staff meet it: the index, who sees django-axes' records, the icon."""

import re

from tests.delegates.staff_helpers import editor
from tests.factories import MeetingFactory, RegistrationFactory, UserFactory, member


def test_index_keeps_the_workspace_and_recent_actions_in_the_sidebar(client, db):
    client.force_login(editor())

    response = client.get("/admin/")

    assert response.status_code == 200
    sidebar = response.text.split('<div id="content-related">', 1)[1]
    assert response.text.count('id="content-related"') == 1
    assert sidebar.index('id="workspace-module"') < sidebar.index('id="recent-actions-module"')
    assert 'id="workspace-module"' not in response.text.split('<div id="content-related">')[0]


def test_axes_records_are_not_shown_to_an_editor_even_granted_their_permissions(client, db):
    from django.contrib.auth.models import Permission

    user = editor()
    # As when someone ticks every permission for a colleague in the users' admin.
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="axes"))
    client.force_login(user)

    index = client.get("/admin/")

    assert "Access attempts" not in index.text
    assert "/admin/axes/" not in index.text
    for model in ("accessattempt", "accesslog", "accessfailurelog"):
        assert client.get(f"/admin/axes/{model}/").status_code == 403
    assert client.get("/admin/axes/").status_code == 404


def test_axes_records_are_shown_to_a_superuser(client, db):
    client.force_login(UserFactory(username="chief", is_staff=True, is_superuser=True))

    assert "Access attempts" in client.get("/admin/").text
    assert client.get("/admin/axes/accessattempt/").status_code == 200


def test_favicon_answers_on_the_site_and_the_admin_links_it(client, db):
    client.force_login(editor())
    assert re.search(r'<link rel="icon" href="/static/img/favicon[^"]*\.svg"',
                     client.get("/admin/").text)
    response = client.get("/favicon.ico")

    assert response.status_code == 302
    icon = client.get(response["Location"])
    assert icon.status_code == 200
    assert icon["Content-Type"].startswith("image/svg+xml")
    assert b"<svg" in b"".join(icon.streaming_content)
    # Last: closing a file response ends the "request", which closes the test's connection.
    icon.close()


def test_registrations_list_shows_the_most_used_columns_and_the_meeting_filter_first(
        client, db):
    meeting = MeetingFactory(city="Bangkok", year=2027, title="13th ASEM Customs DG-C Meeting")
    RegistrationFactory(meeting=meeting, member=member("TH"), given_name="Somchai",
                        family_name="Example", needs_visa_letter=True)
    RegistrationFactory(meeting=MeetingFactory(), member=member("FR"))
    client.force_login(editor())

    response = client.get("/admin/delegates/registration/")

    assert response.status_code == 200
    headers = re.findall(r'<th scope="col" class="[^"]*column-(\w+)', response.text)
    assert headers == ["person", "meeting_short", "member", "role", "status_chip", "submitted",
                       "checked_in", "visa"]
    assert '<span title="13th ASEM Customs DG-C Meeting">Bangkok 2027</span>' in response.text
    filters = re.findall(r"<summary>\s*By ([^<]+?)\s*</summary>", response.text)
    assert filters[0] == "meeting"


def _messages_of(content, role):
    box = content.split(f'<div class="messages" role="{role}">', 1)[1].split("</div>", 1)[0]
    return re.findall(r"<li[^>]*>([^<]*)</li>", box)


def test_an_action_is_announced_and_its_page_loads_the_script_that_focuses_it(client, db):
    from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

    client.force_login(editor())
    meeting = MeetingFactory(delegation_cap=1, capacity=10)
    RegistrationFactory(meeting=meeting, member=member("FR"), status="confirmed")
    pending = RegistrationFactory(meeting=meeting, member=member("DE"))
    waiting = RegistrationFactory(meeting=meeting, member=member("FR"), status="waitlisted")
    url = "/admin/delegates/registration/"

    response = client.post(url, {"action": "confirm", ACTION_CHECKBOX_NAME: [pending.pk]},
                           follow=True)

    assert _messages_of(response.text, "status") == ["1 registration confirmed."]
    assert _messages_of(response.text, "alert") == []
    assert '<script src="/static/js/admin.js" defer></script>' in response.text
    refused = client.post(url, {"action": "confirm", ACTION_CHECKBOX_NAME: [waiting.pk]},
                          follow=True)
    assert len(_messages_of(refused.text, "alert")) == 1  # an error: an alert


def test_history_table_scrolls_in_a_focusable_named_region(client, db):
    client.force_login(editor())
    registration = RegistrationFactory()

    content = client.get(f"/admin/delegates/registration/{registration.pk}/history/").text

    region = content.split('<div class="history-scroll"', 1)[1].split(">", 1)[0]
    assert region == ' tabindex="0" role="region" aria-label="History"'
    assert '<table id="change-history"' in content.split('<div class="history-scroll"', 1)[1]


def test_registrations_list_says_the_language_of_names_in_their_own_script(client, db):
    RegistrationFactory(member=member("KR"), given_name="민준", family_name="김",
                        name_latin="Kim Minjun")
    client.force_login(editor())

    content = client.get("/admin/delegates/registration/").text

    assert '<span lang="ko">' in content and '<span class="latin-name">Kim Minjun</span>' in content
