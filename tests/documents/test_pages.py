"""Where people find the documents: the public meeting page and agenda, the feed, the
documents page, the staff and focal point pages, search; query counts pinned."""

import hashlib

import pytest
from django.urls import reverse

from delegates.enums import RegistrationStatus
from documents import services
from documents.enums import Access, DocumentKind, DocumentState
from documents.models import Document
from tests.delegates.staff_helpers import editor, viewer
from tests.documents.helpers import (
    add,
    delegate_client,
    focal_point_of,
    pdf_bytes,
    seat,
    upload,
)
from tests.factories import AgendaItemFactory, MeetingFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    return MeetingFactory(number=12)


def test_the_public_meeting_page_lists_public_documents_by_kind(client, meeting):
    add(meeting, title="Provisional agenda", kind=DocumentKind.PROVISIONAL_AGENDA)
    add(meeting, title="Working paper on e-commerce")
    add(meeting, title="Country report", access=Access.PARTICIPANTS)
    add(meeting, title="Draft", publish=False)

    page = client.get(meeting.get_absolute_url()).content.decode()

    assert page.index("Provisional agenda") < page.index("Working paper on e-commerce")
    assert "<h3 class=\"h6 mt-3\">Working paper</h3>" in page
    assert "Country report" not in page and "Draft" not in page


def test_publishing_a_document_shows_it_on_the_cached_meeting_page(client, meeting):
    document = add(meeting, title="Information note", publish=False, access=Access.PUBLIC)
    assert "Information note" not in client.get(meeting.get_absolute_url()).content.decode()

    services.document_publish(document=document, actor=services.roles.SYSTEM)

    assert "Information note" in client.get(meeting.get_absolute_url()).content.decode()


def test_agenda_items_show_their_documents(client, meeting):
    item = AgendaItemFactory(meeting=meeting, title="Reports of the Working Group")
    add(meeting, title="Report of the Working Group", agenda_item=item, symbol="WG/1")

    page = client.get(reverse("public:meeting_agenda", args=[meeting.slug])).content.decode()

    assert "WG/1 Report of the Working Group" in page


def test_the_feed_announces_a_published_public_document(client, meeting):
    add(meeting, title="Chair's summary", kind=DocumentKind.SUMMARY_RECORD, symbol="S/1")
    add(meeting, title="Secret note", access=Access.SECRETARIAT, symbol="S/2")

    feed = client.get(reverse("public:summaries_feed")).content.decode()

    assert "<title>S/1: Chair's summary</title>" in feed.replace("&#x27;", "'")
    assert "Secret note" not in feed


def test_downloads_are_attachments_never_sniffed(client, meeting):
    document = add(meeting)
    response = client.get(document.files.get().get_absolute_url())
    body = b"".join(response.streaming_content)
    assert hashlib.sha256(body).hexdigest() == document.files.get().sha256
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="paper.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_an_editor_uploads_and_publishes_from_the_staff_pages(client, meeting):
    client.force_login(editor())
    url = reverse("staff_documents:meeting_documents", args=[meeting.slug])
    response = client.post(url, {
        "title": "Working paper on AEO", "kind": DocumentKind.WORKING_PAPER,
        "access": Access.PARTICIPANTS, "language": "en", "file": upload(),
    })
    document = Document.objects.get()
    assert response.url == reverse("staff_documents:document", args=[document.public_id])
    assert (document.symbol, document.access, document.published_at) == (
        "ASEM/DGC/12/1", Access.PARTICIPANTS, None)

    client.post(reverse("staff_documents:publish", args=[document.public_id]))
    client.post(reverse("staff_documents:add_version", args=[document.public_id]),
                {"language": "fr", "file": upload(name="fr.pdf"), "note": ""})
    client.post(reverse("staff_documents:change_access", args=[document.public_id]),
                {"access": Access.PUBLIC})

    document.refresh_from_db()
    assert document.published_at is not None and document.access == Access.PUBLIC
    assert sorted(document.files.values_list("language", flat=True)) == ["en", "fr"]


def test_a_hostile_upload_is_refused_on_the_form_nothing_lost(client, meeting):
    client.force_login(editor())
    url = reverse("staff_documents:meeting_documents", args=[meeting.slug])
    response = client.post(url, {
        "title": "Looks like a PDF", "kind": DocumentKind.WORKING_PAPER,
        "access": Access.PUBLIC, "language": "en",
        "file": upload(b"<html><script>alert(1)</script></html>", name="paper.pdf"),
    })
    assert response.status_code == 200
    page = response.content.decode()
    assert "this file is none of them, whatever its name." in page
    assert 'value="Looks like a PDF"' in page
    assert Document.objects.count() == 0


def test_a_viewer_reads_the_staff_pages_but_changes_nothing(client, meeting):
    document = add(meeting, publish=False)
    client.force_login(viewer())
    assert client.get(reverse("staff_documents:meeting_documents",
                              args=[meeting.slug])).status_code == 200
    assert client.get(reverse("staff_documents:document",
                              args=[document.public_id])).status_code == 200
    assert client.post(reverse("staff_documents:publish",
                               args=[document.public_id])).status_code == 403
    assert client.post(reverse("staff_documents:meeting_documents", args=[meeting.slug]),
                       {}).status_code == 403


def test_a_focal_point_submits_and_the_secretariat_returns_then_accepts(client, meeting):
    focal = focal_point_of("DE")
    seat(meeting, "DE", RegistrationStatus.CONFIRMED)
    client.force_login(focal)
    url = reverse("documents:focal_documents", args=[meeting.slug])
    client.post(url, {"title": "Country report of Germany",
                      "kind": DocumentKind.COUNTRY_REPORT, "language": "en",
                      "file": upload()})
    document = Document.objects.get()
    assert document.state == DocumentState.SUBMITTED
    # Not shown to the other participants until accepted.
    assert "Country report of Germany</a>" not in client.get(
        reverse("documents:meeting_documents", args=[meeting.slug])).content.decode()

    staff = client.__class__()
    staff.force_login(editor())
    staff.post(reverse("staff_documents:return", args=[document.public_id]),
               {"reason": "Please add the figures of 2018."})
    page = client.get(url).content.decode()
    assert "Please add the figures of 2018." in page

    client.post(reverse("documents:focal_add_version", args=[document.public_id]),
                {"language": "en", "file": upload(name="v2.pdf"), "note": "Figures added"})
    staff.post(reverse("staff_documents:accept", args=[document.public_id]))
    document.refresh_from_db()
    assert document.state == DocumentState.ACCEPTED
    assert "Country report of Germany</a>" in client.get(
        reverse("documents:meeting_documents", args=[meeting.slug])).content.decode()


def test_another_members_focal_point_cannot_touch_a_submission(client, meeting):
    document = services.document_submit(
        meeting=meeting, member=member("DE"), title="Report", kind=DocumentKind.COUNTRY_REPORT,
        file=upload(), actor=focal_point_of("DE"))
    client.force_login(focal_point_of("FR"))
    response = client.post(reverse("documents:focal_add_version", args=[document.public_id]),
                           {"language": "en", "file": upload()})
    assert response.status_code == 404


@pytest.mark.postgres
def test_search_finds_words_of_the_text_for_those_who_may_read(client, meeting):
    add(meeting, title="Working paper", file=upload(pdf_bytes("Authorised economic operators")),
        access=Access.PARTICIPANTS, symbol="ASEM/DGC/12/7")
    add(meeting, title="Public note on e-commerce", symbol="ASEM/DGC/12/8")
    search = reverse("documents:search")

    assert "Working paper" not in client.get(search, {"q": "economic operators"}).content.decode()
    registration = seat(meeting, "DE", RegistrationStatus.CONFIRMED)
    delegate_client(client, registration)
    found = client.get(search, {"q": "economic operators"}).content.decode()
    assert "Working paper" in found and "Public note" not in found
    assert "Public note on e-commerce" in client.get(search, {"q": "DGC/12/8"}).content.decode()


def test_the_documents_page_is_cached_for_the_public_and_built_for_each_delegate(
        client, meeting, django_assert_num_queries):
    add(meeting, title="Public note")
    add(meeting, title="Country report", access=Access.PARTICIPANTS)
    url = reverse("documents:meeting_documents", args=[meeting.slug])
    assert client.get(url)["X-Public-Cache"] == "miss"
    with django_assert_num_queries(0):
        again = client.get(url)
    assert again["X-Public-Cache"] == "hit" and "no-store" in again["Cache-Control"]
    assert "Public note" in again.content.decode()
    assert "Country report" not in again.content.decode()

    # A delegate who opened the link of a confirmed registration reads the participants'
    # documents too: the page everyone else reads from the cache is not theirs.
    registration = seat(meeting, "DE", RegistrationStatus.CONFIRMED)
    delegate = delegate_client(client.__class__(), registration)
    theirs = delegate.get(url)
    assert "X-Public-Cache" not in theirs and "Country report" in theirs.content.decode()
    assert "no-store" in theirs["Cache-Control"]
    # ... and their page was not stored for the next visitor.
    assert "Country report" not in client.get(url).content.decode()

    # A newly published public document is on the page at once.
    services.document_publish(document=add(meeting, title="Information note", publish=False),
                              actor=services.roles.SYSTEM)
    fresh = client.get(url)
    assert fresh["X-Public-Cache"] == "miss" and "Information note" in fresh.content.decode()


@pytest.mark.parametrize("size", [1, 3])
def test_documents_pages_queries_are_pinned(client, meeting, size, django_assert_num_queries):
    for n in range(size):
        document = add(meeting, title=f"Paper {n}", access=Access.PARTICIPANTS)
        services.document_add_version(document=document, language="fr", file=upload(),
                                      actor=services.roles.SYSTEM)
    registration = seat(meeting, "DE", RegistrationStatus.CONFIRMED)
    delegate_client(client, registration)
    url = reverse("documents:meeting_documents", args=[meeting.slug])
    # session, meeting, registration of the link, documents, their files
    with django_assert_num_queries(5):
        assert client.get(url).status_code == 200
    client.force_login(editor())
    staff_url = reverse("staff_documents:meeting_documents", args=[meeting.slug])
    # The same at any number of documents (their files are one prefetch).
    with django_assert_num_queries(11):
        assert client.get(staff_url).status_code == 200
