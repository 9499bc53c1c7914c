"""A document's title in each language: written on the staff pages, shown in the visitor's
language, found by search in any of them."""

import pytest
from django.urls import reverse
from django.utils import translation

from documents.enums import Access, DocumentKind
from documents.models import Document
from tests.delegates.staff_helpers import editor, viewer
from tests.documents.helpers import add, upload
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    return MeetingFactory(number=12)


def test_an_editor_adds_a_document_with_its_title_in_each_language(client, meeting):
    client.force_login(editor())
    form = client.get(reverse("staff_documents:meeting_documents", args=[meeting.slug])).text
    assert "Title in English" in form and "Title in French" in form
    assert "Title in Vietnamese" in form

    client.post(reverse("staff_documents:meeting_documents", args=[meeting.slug]), {
        "title": "Working paper on AEO", "title_fr": "Document de travail sur les OEA",
        "title_vi": "", "kind": DocumentKind.WORKING_PAPER, "access": Access.PUBLIC,
        "language": "en", "file": upload(), "publish": "on",
    }, HTTP_ACCEPT_LANGUAGE="fr")

    document = Document.objects.get()
    assert (document.title_en, document.title_fr, document.title_vi) == (
        "Working paper on AEO", "Document de travail sur les OEA", None)
    page = client.get(document.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="vi").text
    assert '<h1 class="h2"><span lang="en">Working paper on AEO</span></h1>' in page


def test_an_editor_changes_the_titles_on_the_documents_page(client, meeting):
    document = add(meeting, title="Country report", kind=DocumentKind.COUNTRY_REPORT)
    client.force_login(editor())
    url = reverse("staff_documents:change_titles", args=[document.public_id])

    response = client.post(url, {"title": "Country report of Germany",
                                 "title_fr": "Rapport national de l'Allemagne",
                                 "title_vi": "Báo cáo quốc gia của Đức"}, follow=True)

    assert "The titles of ASEM/DGC/12/1 were saved." in response.text
    document.refresh_from_db()
    assert (document.title_en, document.title_fr, document.title_vi) == (
        "Country report of Germany", "Rapport national de l'Allemagne",
        "Báo cáo quốc gia của Đức")
    assert document.log_entries.filter(action="documents.document.changed").exists()

    client.post(url, {"title": "Country report of Germany", "title_fr": "", "title_vi": ""})
    document.refresh_from_db()
    assert (document.title_fr, document.title_vi) == (None, None)


def test_the_english_title_cannot_be_emptied(client, meeting):
    document = add(meeting, title="Country report")
    client.force_login(editor())

    response = client.post(reverse("staff_documents:change_titles", args=[document.public_id]),
                           {"title": " ", "title_fr": "Rapport"}, follow=True)

    assert "This field is required." in response.text
    document.refresh_from_db()
    assert (document.title_en, document.title_fr) == ("Country report", None)


def test_a_viewer_may_not_change_the_titles(client, meeting):
    document = add(meeting, title="Country report")
    client.force_login(viewer())

    response = client.post(reverse("staff_documents:change_titles", args=[document.public_id]),
                           {"title": "Changed"})

    assert response.status_code == 403
    document.refresh_from_db()
    assert document.title_en == "Country report"


def test_search_finds_a_document_by_its_title_in_any_language(client, meeting):
    document = add(meeting, title="Working paper on e-commerce")
    with translation.override("fr"):
        from documents import services

        services.document_change(document=document, other_titles={
            "fr": "Document de travail sur le commerce électronique"},
            actor=services.roles.SYSTEM)
    search = reverse("documents:search")

    english = client.get(search, {"q": "commerce électronique"}, HTTP_ACCEPT_LANGUAGE="en")

    assert "Working paper on e-commerce" in english.text
    document.refresh_from_db()
    assert document.title_en == "Working paper on e-commerce"
