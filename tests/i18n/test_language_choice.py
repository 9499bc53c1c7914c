"""The visitor's language: their choice in the switcher, else their browser's, else English;
<html lang> follows it, and cached public pages are kept apart by language."""

import datetime as dt
import json
import re

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from meetings.templatetags.meeting_tags import meeting_dates
from tests.delegates.staff_helpers import editor
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

LANG = re.compile(r'<html lang="([^"]+)"')


def _lang(response):
    return LANG.search(response.text).group(1)


def test_the_home_page_has_a_labelled_switcher_naming_each_language_in_itself(client):
    response = client.get("/")

    text = response.text
    assert '<form class="language-switcher" method="post" action="/i18n/setlang/">' in text
    assert '<label for="language-select">Language</label>' in text
    assert '<option value="en" lang="en" selected>English</option>' in text
    assert '<option value="fr" lang="fr">Français</option>' in text
    assert '<option value="vi" lang="vi">Tiếng Việt</option>' in text
    assert '<input type="hidden" name="next" value="/">' in text
    assert "csrfmiddlewaretoken" not in text  # the page stays cacheable


@pytest.mark.parametrize("url", ["/staff/", "/admin/"])
def test_staff_pages_have_the_switcher_too(client, url):
    client.force_login(editor())

    response = client.get(url)

    assert response.status_code == 200
    assert 'action="/i18n/setlang/"' in response.text


def test_the_browsers_language_is_used_when_the_visitor_chose_none(client):
    assert _lang(client.get("/", headers={"accept-language": "fr-FR,fr;q=0.9"})) == "fr"
    assert _lang(client.get("/", headers={"accept-language": "vi"})) == "vi"
    assert _lang(client.get("/", headers={"accept-language": "de"})) == "en"


def test_the_visitors_choice_wins_over_the_browsers(client):
    response = client.post("/i18n/setlang/", {"language": "vi", "next": "/meetings/"})

    assert response.status_code == 302
    assert response.url == "/meetings/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "vi"
    page = client.get("/meetings/", headers={"accept-language": "fr"})
    assert _lang(page) == "vi"
    assert page["Content-Language"] == "vi"


def test_the_switcher_refuses_other_sites_and_unknown_languages(client):
    away = client.post("/i18n/setlang/", {"language": "fr", "next": "https://elsewhere.example"})
    unknown = client.post("/i18n/setlang/", {"language": "xx", "next": "/"})

    assert away.status_code == 302
    assert away.url == "/"
    assert unknown.status_code == 302
    assert settings.LANGUAGE_COOKIE_NAME not in unknown.cookies
    assert _lang(client.get("/")) == "fr"  # the first choice stands


def test_words_of_the_page_are_in_the_language_chosen(client):
    with translation.override("fr"):
        meetings = gettext("Meetings")

    response = client.get("/", headers={"accept-language": "fr"})

    assert meetings != "Meetings"  # the French catalogue has it
    assert f">{meetings}</a>" in response.text


def test_a_cached_page_is_never_served_in_another_language(client, django_assert_num_queries):
    meeting = MeetingFactory()
    url = meeting.get_absolute_url()

    french = client.get(url, headers={"accept-language": "fr"})
    english = client.get(url, headers={"accept-language": "en"})
    with django_assert_num_queries(0):
        french_again = client.get(url, headers={"accept-language": "fr"})
        english_again = client.get(url, headers={"accept-language": "en"})
    vietnamese = client.get(url, headers={"accept-language": "vi"})

    assert (french["X-Public-Cache"], english["X-Public-Cache"]) == ("miss", "miss")
    assert (french_again["X-Public-Cache"], english_again["X-Public-Cache"]) == ("hit", "hit")
    assert vietnamese["X-Public-Cache"] == "miss"
    assert [_lang(page) for page in (french, english, french_again, english_again,
                                     vietnamese)] == ["fr", "en", "fr", "en", "vi"]
    assert french_again.content == french.content
    assert english_again.content == english.content
    assert "Accept-Language" in french_again["Vary"]


def _script_catalogue(client, language):
    response = client.get("/i18n/catalogue.js", headers={"accept-language": language})
    assert response.status_code == 200
    found = re.search(r"const newcatalog = (\{.*?\});", response.content.decode(), re.S)
    return json.loads(found.group(1))


def test_the_script_catalogue_speaks_the_pages_language(client):
    assert _script_catalogue(client, "fr")["The camera is not available."] == (
        "La caméra n’est pas disponible.")
    assert _script_catalogue(client, "vi")["Seats held"] == "Số chỗ đã giữ"


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "16–17 October 2017"), ("fr", "16–17 octobre 2017"),
    ("vi", "16–17 tháng 10 năm 2017"),
])
def test_meeting_dates_read_as_each_language_writes_them(language, expected):
    meeting = MeetingFactory.build(start_date=dt.date(2017, 10, 16),
                                   end_date=dt.date(2017, 10, 17))

    with translation.override(language):
        assert meeting_dates(meeting) == expected
