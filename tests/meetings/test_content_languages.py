"""Content in several languages: each translated field keeps one text per language, a page
shows the visitor's language where it is written and says so, marked `lang="en"`, where the
English text stands in (asem_customs.translated_content, the `translated` template filters)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from action_plans import services as plan_services
from action_plans.models import ActionPoint
from asem_customs.translated_content import Shown, in_every_language, shown
from meetings.enums import MeetingStatus
from tests.factories import (
    ActionPlanFactory,
    ActionPointFactory,
    AgendaItemFactory,
    MeetingFactory,
    TopicFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

NOTE = "This text is not yet available in this language; it is shown in English."


def _note_in(language):
    """The note as a page in `language` writes it."""
    from django.utils.html import escape

    with translation.override(language):
        return escape(translation.gettext(NOTE))


@pytest.fixture
def held():
    """A held meeting written in English and French, not yet in Vietnamese."""
    meeting = MeetingFactory(
        title="12th Meeting", slug="twelfth", status=MeetingStatus.HELD,
        summary="Delegates met in Berlin.\n\nThey adopted a plan.")
    meeting.title_fr = "12e Réunion"
    meeting.summary_fr = "Les délégués se sont réunis à Berlin."
    meeting.save()
    return meeting


def test_each_language_keeps_its_own_text_and_english_stands_in(held):
    with translation.override("fr"):
        assert (held.title, held.summary) == (
            "12e Réunion", "Les délégués se sont réunis à Berlin.")
    with translation.override("vi"):
        assert held.title == "12th Meeting"
    with translation.override("en"):
        assert held.title == "12th Meeting"
    assert in_every_language("title") == ["title_en", "title_fr", "title_vi"]


def test_shown_says_which_language_a_text_is_in(held):
    assert shown(held, "title", "fr") == Shown("12e Réunion", None)
    fallback = shown(held, "title", "vi")
    assert (fallback.text, fallback.language, fallback.is_fallback) == ("12th Meeting", "en", True)
    assert shown(held, "title", "en").is_fallback is False


def test_a_record_made_while_the_site_is_read_in_french_still_has_its_english_text(db):
    with translation.override("fr"):
        topic = TopicFactory(name="Transit")
    topic.refresh_from_db()
    assert topic.name_en == "Transit"


def test_the_meeting_page_in_french_shows_the_french_text_without_a_note(client, held):
    response = client.get(held.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 200
    assert response["Content-Language"] == "fr"
    assert "<h1 class=\"display-6 fw-bold\">12e Réunion</h1>" in response.text
    assert "Les délégués se sont réunis à Berlin." in response.text
    assert _note_in("fr") not in response.text


def test_the_meeting_page_in_vietnamese_marks_the_english_text_and_says_so(client, held):
    response = client.get(held.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="vi")

    assert response.status_code == 200
    assert '<h1 class="display-6 fw-bold"><span lang="en">12th Meeting</span></h1>' in response.text
    assert _note_in("vi") != NOTE
    assert (f'<p class="translation-note small text-body-secondary">{_note_in("vi")}</p>'
            '<div lang="en"><p>Delegates met in Berlin.</p>\n\n<p>They adopted a plan.</p></div>'
            in response.text)


def test_each_language_gets_its_own_cached_page(client, held):
    assert "12e Réunion" in client.get(held.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr").text
    english = client.get(held.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").text
    assert "12e Réunion" not in english and NOTE not in english


def test_the_agenda_the_plan_and_the_topic_pages_show_the_visitors_language(client, held):
    topic = TopicFactory(name="Transit", slug="transit", name_fr="Le transit")
    item = AgendaItemFactory(meeting=held, position=1, title="Opening", title_fr="Ouverture",
                             outcome="Welcomed the delegates.")
    item.topics.set([topic])
    plan = ActionPlanFactory(meeting=held, title="Action Plan", title_fr="Plan d'action")
    ActionPointFactory(plan=plan, title="Share practices", title_fr="Partager les pratiques")

    agenda = client.get(reverse("public:meeting_agenda", args=[held.slug]),
                        HTTP_ACCEPT_LANGUAGE="fr").text
    plan_page = client.get(plan.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr").text
    topic_page = client.get(topic.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr").text

    assert "1. Ouverture" in agenda
    assert '<span lang="en">Welcomed the delegates.</span>' in agenda
    assert "<h1>Plan d&#x27;action</h1>" in plan_page and "Partager les pratiques" in plan_page
    assert "<h1>Le transit</h1>" in topic_page


def test_the_admin_saves_each_language(client, held):
    AgendaItemFactory(meeting=held, position=1, title="Opening")
    item = held.agenda_items.get()
    client.force_login(UserFactory(username="chief", is_staff=True, is_superuser=True))
    url = f"/admin/meetings/agendaitem/{item.pk}/change/"

    form = client.get(url)
    assert all(f'name="{name}"' in form.text
               for name in in_every_language("title", "description", "outcome"))
    assert "jquery-ui" not in form.text.lower() and "cdn" not in form.text.lower()
    response = client.post(url, {
        "meeting": held.pk, "position": 1, "kind": item.kind,
        "title_en": "Opening", "title_fr": "Ouverture", "title_vi": "Khai mạc",
        "outcome_fr": "Les délégués ont été accueillis.",
        "speakers-TOTAL_FORMS": "0", "speakers-INITIAL_FORMS": "0",
        "speakers-MIN_NUM_FORMS": "0", "speakers-MAX_NUM_FORMS": "1000",
    })

    assert response.status_code == 302, response.text
    item.refresh_from_db()
    assert (item.title_en, item.title_fr, item.title_vi, item.outcome_fr, item.outcome_vi) == (
        "Opening", "Ouverture", "Khai mạc", "Les délégués ont été accueillis.", None)


def test_the_admin_requires_the_english_title(client, held):
    client.force_login(UserFactory(username="chief", is_staff=True, is_superuser=True))
    response = client.post("/admin/meetings/topic/add/", {"name_fr": "Transit",
                                                           "slug": "transit"})
    assert response.status_code == 200
    assert "This field is required." in response.text


def test_the_api_answers_in_the_language_asked_with_english_standing_in(held):
    client = APIClient()
    url = f"/api/v1/meetings/{held.slug}/"

    french = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
    vietnamese = client.get(url, HTTP_ACCEPT_LANGUAGE="vi")

    assert (french.json()["title"], french["Content-Language"]) == ("12e Réunion", "fr")
    assert french.json()["summary"] == "Les délégués se sont réunis à Berlin."
    assert vietnamese.json()["title"] == "12th Meeting"
    assert "Accept-Language" in vietnamese["Vary"]


def test_carrying_a_point_over_keeps_every_language(db):
    from django.contrib.auth.models import Group

    old = ActionPlanFactory(period_start=2018, period_end=2019)
    new = ActionPlanFactory(period_start=2020, period_end=2021, adopted_on=dt.date(2019, 11, 20))
    point = ActionPointFactory(plan=old, title="Single Window", title_fr="Guichet unique",
                               title_vi="Cơ chế một cửa")
    actor = UserFactory(username="editor", is_staff=True)
    actor.groups.add(Group.objects.get(name="Secretariat editor"))

    with translation.override("fr"):
        [carried] = plan_services.action_points_carry_over(points=[point], into_plan=new,
                                                           actor=actor)

    carried = ActionPoint.objects.get(pk=carried.pk)
    assert (carried.title_en, carried.title_fr, carried.title_vi) == (
        "Single Window", "Guichet unique", "Cơ chế một cửa")
