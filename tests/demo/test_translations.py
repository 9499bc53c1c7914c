"""The demo speaks French and Vietnamese for the 12th and 13th Meetings, and leaves the
demonstration meeting in English (its pages show the note)."""

import pytest

from action_plans.models import ActionPlan
from demo.translations import load_translations
from meetings.models import Meeting, Topic

pytestmark = pytest.mark.django_db
NOTE = "This text is not yet available in this language; it is shown in English."


@pytest.fixture
def loaded(loaded_demo):
    """The demo as `load_demo` loads it."""


def test_the_twelfth_and_thirteenth_meetings_are_written_in_french_and_vietnamese(loaded):
    twelfth = Meeting.objects.get(slug="12th-asem-customs-dg-c-meeting")
    thirteenth = Meeting.objects.get(slug="13th-asem-customs-dg-c-meeting")
    plan = ActionPlan.objects.get(slug="action-plan-2018-2019")

    assert twelfth.title_fr == (
        "12e Réunion des Directeurs généraux et Commissaires des douanes de l'ASEM")
    assert twelfth.title_vi == "Hội nghị Tổng cục trưởng Hải quan ASEM lần thứ 12"
    assert thirteenth.summary_fr.startswith("Lors de la 12e Réunion")
    assert thirteenth.summary_vi.startswith("Tại Hội nghị lần thứ 12")
    assert "Organisation mondiale des douanes" in twelfth.summary_fr
    assert "Tổ chức Hải quan Thế giới" in twelfth.summary_vi
    for item in twelfth.agenda_items.all():
        assert item.title_fr and item.title_vi, item
        assert bool(item.outcome_fr) == bool(item.outcome_en) == bool(item.outcome_vi), item
    assert all(topic.name_fr and topic.name_vi for topic in Topic.objects.all())
    assert (plan.title_fr, plan.title_vi) == (
        "Plan d'action douanier de l'ASEM 2018-2019",
        "Kế hoạch hành động Hải quan ASEM giai đoạn 2018-2019")
    assert all(point.title_fr and point.title_vi and point.area.name_fr and point.area.name_vi
               for point in plan.points.select_related("area"))
    assert all(document.title_fr and document.title_vi
               for document in twelfth.documents.all())


def test_loading_the_translations_again_changes_nothing(loaded):
    assert load_translations() == 0


def test_the_pages_read_in_french_and_vietnamese_and_the_demonstration_says_it_is_english(
        client, loaded):
    french = client.get("/meetings/12th-asem-customs-dg-c-meeting/", HTTP_ACCEPT_LANGUAGE="fr")
    vietnamese = client.get("/meetings/12th-asem-customs-dg-c-meeting/agenda/",
                            HTTP_ACCEPT_LANGUAGE="vi")
    demonstration = client.get("/meetings/demonstration-meeting/", HTTP_ACCEPT_LANGUAGE="fr")

    from django.utils import translation
    from django.utils.html import escape

    with translation.override("fr"):
        french_note = escape(translation.gettext(NOTE))  # as the page writes it
    main = french.text.split("<main")[1].split("</main>")[0]
    assert "Secrétaire général, Organisation mondiale des douanes" in french.text
    assert french_note not in french.text and 'lang="en"' not in main
    assert "Khai mạc Hội nghị" in vietnamese.text
    assert "affiché en anglais" in french_note and french_note in demonstration.text
