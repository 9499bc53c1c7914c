"""Documents through the API, for every kind of caller: anyone reads what the web pages let
them read (public documents without a token, participants' ones with the token of a member
holding a seat, everything for the secretariat); secretariat editors manage documents with a
write token through the same services (symbols, versions, publishing, submissions, audit);
every refusal is a problem details object."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from api.models import ApiToken
from delegates.enums import RegistrationStatus
from documents import services
from documents.enums import Access, DocumentKind, DocumentState
from documents.models import Document, DocumentFile, DocumentLogEntry
from tests.api.conftest import client_with, token_for
from tests.delegates.staff_helpers import editor
from tests.documents.helpers import add, pdf_bytes, upload
from tests.factories import AgendaItemFactory, RegistrationFactory, member

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"
LIST = "/api/v1/documents/"


def _ids(response):
    return {item["symbol"] for item in response.json()["results"]}


@pytest.fixture
def documents(meeting):
    """One document of each access, published, and one not yet published; DE holds a
    confirmed seat at the meeting, FR none."""
    RegistrationFactory(meeting=meeting, member=member("DE"),
                        status=RegistrationStatus.CONFIRMED)
    return {
        "public": add(meeting, access=Access.PUBLIC, symbol="P/1", title="Public paper"),
        "participants": add(meeting, access=Access.PARTICIPANTS, symbol="P/2",
                            title="Participants' paper"),
        "secretariat": add(meeting, access=Access.SECRETARIAT, symbol="P/3",
                           title="Secretariat note"),
        "draft": add(meeting, access=Access.SECRETARIAT, symbol="P/4", title="Draft",
                     publish=False),
    }


def _file(document):
    return DocumentFile.objects.get(document=document, superseded_at__isnull=True)


def _status(client, path):
    """The status of a GET, the file of a download read to its end (which closes it)."""
    response = client.get(path)
    if response.streaming:
        b"".join(response.streaming_content)
    return response.status_code


def _file_url(document):
    return f"{LIST}{document.public_id}/files/{_file(document).public_id}/"


# --- reading ------------------------------------------------------------------------------


def test_each_caller_lists_what_the_web_pages_let_them_read(callers, documents):
    assert _ids(callers["anonymous"].get(LIST)) == {"P/1"}
    assert _ids(callers["focal_fr"].get(LIST)) == {"P/1"}
    assert _ids(callers["focal_de"].get(LIST)) == {"P/1", "P/2"}
    assert _ids(callers["viewer"].get(LIST)) == {"P/1", "P/2", "P/3", "P/4"}
    assert _ids(callers["editor"].get(LIST)) == {"P/1", "P/2", "P/3", "P/4"}


def test_a_document_it_may_not_read_is_not_found(callers, documents):
    for name in ("participants", "secretariat", "draft"):
        path = f"{LIST}{documents[name].public_id}/"
        response = callers["anonymous"].get(path)
        assert response.status_code == 404, name
        assert response["Content-Type"] == PROBLEM
    assert callers["focal_fr"].get(f"{LIST}{documents['participants'].public_id}/"
                                   ).status_code == 404
    assert callers["focal_de"].get(f"{LIST}{documents['participants'].public_id}/"
                                   ).status_code == 200


def test_a_public_document_shows_its_files_and_anyone_downloads_them(anonymous, documents,
                                                                     meeting):
    body = anonymous.get(f"{LIST}{documents['public'].public_id}/").json()
    assert body["meeting"] == meeting.slug and body["title"] == "Public paper"
    assert body["access"] == "public" and body["state"] == "accepted"
    assert "return_reason" not in body
    [first] = body["files"]
    assert first["language"] == "en" and first["content_type"] == "application/pdf"
    download = anonymous.get(first["download_url"].replace("http://127.0.0.1:8000", ""))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert download["Cache-Control"] == "private, no-store"


def test_participants_files_download_only_for_a_member_holding_a_seat(callers, documents):
    path = _file_url(documents["participants"])
    assert _status(callers["anonymous"], path) == 404
    assert _status(callers["focal_fr"], path) == 404
    assert _status(callers["focal_de"], path) == 200


def test_a_superseded_version_downloads_for_the_secretariat_only(callers, documents):
    document = documents["participants"]
    old = _file(document)
    services.document_add_version(document=document, file=upload(), actor=services.roles.SYSTEM)
    path = f"{LIST}{document.public_id}/files/{old.public_id}/"
    assert _status(callers["focal_de"], path) == 404
    assert _status(callers["viewer"], path) == 200
    listed = callers["focal_de"].get(f"{LIST}{document.public_id}/").json()["files"]
    assert [f["version"] for f in listed] == [2]


def test_anonymous_reads_carry_an_etag_and_answer_304(anonymous, documents):
    first = anonymous.get(LIST)
    assert first["ETag"] and "public" in first["Cache-Control"]
    assert "Authorization" in first["Vary"]
    again = anonymous.get(LIST, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_answers_to_a_token_are_never_kept_by_a_cache(callers, documents):
    response = callers["viewer"].get(LIST)
    assert response["Cache-Control"] == "no-store, private"
    assert "ETag" not in response


def test_filters_by_meeting_kind_and_access(callers, documents, meeting):
    from tests.factories import MeetingFactory

    other = MeetingFactory()
    add(other, access=Access.PUBLIC, symbol="O/1", kind=DocumentKind.INFORMATION_NOTE)
    viewer = callers["viewer"]
    assert _ids(viewer.get(LIST, {"meeting": meeting.slug})) == {"P/1", "P/2", "P/3", "P/4"}
    assert _ids(viewer.get(LIST, {"kind": "information_note"})) == {"O/1"}
    assert _ids(viewer.get(LIST, {"access": "secretariat"})) == {"P/3", "P/4"}
    bad = viewer.get(LIST, {"kind": "poem"})
    assert bad.status_code == 400 and bad["Content-Type"] == PROBLEM


def test_an_expired_or_revoked_token_reads_nothing(focal_de, documents):
    plaintext = token_for(focal_de)
    ApiToken.objects.update(expiry=timezone.now() - dt.timedelta(seconds=1))
    assert client_with(plaintext).get(LIST).status_code == 401
    revoked = token_for(focal_de)
    ApiToken.objects.all().delete()
    assert client_with(revoked).get(LIST).status_code == 401


# --- managing -----------------------------------------------------------------------------


def _new(meeting, **extra):
    return {"meeting": meeting.slug, "title": "Working paper on e-commerce",
            "kind": "working_paper", "access": "participants",
            "file": SimpleUploadedFile("paper.pdf", pdf_bytes(), "application/pdf"), **extra}


def test_editor_adds_a_document_with_its_first_file(callers, meeting):
    item = AgendaItemFactory(meeting=meeting, position=3)
    response = callers["editor"].post(LIST, _new(meeting, agenda_item=3, publish="true"),
                                      format="multipart")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["symbol"] and body["agenda_item"] == 3 and body["published_at"]
    document = Document.objects.get(public_id=body["id"])
    assert document.agenda_item == item and document.access == Access.PARTICIPANTS
    entry = DocumentLogEntry.objects.filter(document=document).first()
    assert entry.action == "documents.document.added"
    assert entry.actor == callers["users"]["editor"]


@pytest.mark.parametrize("caller, status", [
    ("anonymous", 401), ("focal_de", 403), ("focal_fr", 403), ("viewer", 403),
])
def test_only_editors_add_documents(callers, meeting, caller, status):
    response = callers[caller].post(LIST, _new(meeting), format="multipart")
    assert response.status_code == status
    assert response["Content-Type"] == PROBLEM
    assert not Document.objects.exists()


def test_a_read_token_of_an_editor_changes_nothing(meeting):
    response = client_with(token_for(editor(), scope="read")).post(
        LIST, _new(meeting), format="multipart")
    assert response.status_code == 403
    assert "write scope" in response.json()["detail"]


def test_a_file_of_a_refused_type_is_a_problem_and_nothing_is_stored(callers, meeting):
    response = callers["editor"].post(LIST, _new(meeting, file=SimpleUploadedFile(
        "paper.pdf", b"<html><script>alert(1)</script></html>", "application/pdf")),
        format="multipart")
    assert response.status_code == 422
    assert response.json()["type"] == "urn:asem-customs:problem:document_file_refused"
    assert not Document.objects.exists()


def test_invalid_values_are_answered_field_by_field(callers, meeting):
    response = callers["editor"].post(LIST, _new(meeting, kind="poem", agenda_item=99),
                                      format="multipart")
    assert response.status_code == 400
    assert "kind" in response.json()["errors"]


def test_a_symbol_taken_is_a_conflict(callers, meeting, documents):
    response = callers["editor"].post(LIST, _new(meeting, symbol="P/1"), format="multipart")
    assert response.status_code == 409
    assert "P/1" in response.json()["detail"]


def test_editor_changes_title_and_access_then_publishes_and_withdraws(callers, documents):
    document = documents["draft"]
    path = f"{LIST}{document.public_id}/"
    editor_client = callers["editor"]
    changed = editor_client.patch(path, {"title": "Provisional agenda", "access": "public"},
                                  format="json")
    assert changed.status_code == 200 and changed.json()["title"] == "Provisional agenda"
    assert callers["anonymous"].get(path).status_code == 404
    published = editor_client.post(f"{path}publish/")
    assert published.status_code == 200 and published.json()["published_at"]
    assert callers["anonymous"].get(path).status_code == 200
    withdrawn = editor_client.post(f"{path}withdraw/", {"reason": "Wrong file"}, format="json")
    assert withdrawn.json()["published_at"] is None
    assert callers["anonymous"].get(path).status_code == 404
    actions = list(DocumentLogEntry.objects.filter(document=document).values_list(
        "action", flat=True))
    assert actions[-4:] == ["documents.document.changed", "documents.document.access_changed",
                            "documents.document.published", "documents.document.withdrawn"]


def test_viewers_and_focal_points_change_nothing(callers, documents):
    path = f"{LIST}{documents['public'].public_id}/"
    assert callers["viewer"].patch(path, {"title": "X"}, format="json").status_code == 403
    assert callers["focal_de"].post(f"{path}withdraw/").status_code == 403
    assert callers["anonymous"].post(f"{path}publish/").status_code == 401
    assert Document.objects.get(pk=documents["public"].pk).title == "Public paper"


def test_editor_uploads_a_new_version_and_a_new_language(callers, documents):
    document = documents["public"]
    path = f"{LIST}{document.public_id}/files/"
    version = callers["editor"].post(path, {
        "file": SimpleUploadedFile("v2.pdf", pdf_bytes("Second"), "application/pdf"),
        "note": "Corrected figures"}, format="multipart")
    assert version.status_code == 201
    french = callers["editor"].post(path, {
        "file": SimpleUploadedFile("fr.pdf", pdf_bytes("Deuxième"), "application/pdf"),
        "language": "fr"}, format="multipart")
    files = {(f["language"], f["version"]) for f in french.json()["files"]}
    assert files == {("en", 2), ("fr", 1)}
    unknown = callers["editor"].post(path, {
        "file": SimpleUploadedFile("x.pdf", pdf_bytes(), "application/pdf"),
        "language": "xx"}, format="multipart")
    assert unknown.status_code == 422


def test_editor_accepts_or_returns_a_members_submission(callers, meeting):
    from tests.factories import FocalPointFactory

    focal = FocalPointFactory(member=member("DE")).user

    def submit(title):
        return services.document_submit(meeting=meeting, member=member("DE"), title=title,
                                        kind=DocumentKind.COUNTRY_REPORT, file=upload(),
                                        actor=focal)

    first, second = submit("Country report of Germany"), submit("Presentation")
    editor_client = callers["editor"]
    no_reason = editor_client.post(f"{LIST}{second.public_id}/return/", {}, format="json")
    assert no_reason.status_code == 422
    returned = editor_client.post(f"{LIST}{second.public_id}/return/",
                                  {"reason": "Please use the template"}, format="json")
    assert returned.json()["state"] == DocumentState.RETURNED
    assert returned.json()["return_reason"] == "Please use the template"
    accepted = editor_client.post(f"{LIST}{first.public_id}/accept/", {"access": "public"},
                                  format="json")
    assert accepted.json()["state"] == "accepted" and accepted.json()["published_at"]
    again = editor_client.post(f"{LIST}{first.public_id}/accept/", {}, format="json")
    assert again.status_code == 409
    assert again.json()["type"] == "urn:asem-customs:problem:document_state"


def test_every_documents_endpoint_is_in_the_schema(anonymous):
    paths = anonymous.get("/api/schema/?format=json").json()["paths"]
    for path in ("/api/v1/documents/", "/api/v1/documents/{public_id}/",
                 "/api/v1/documents/{public_id}/files/",
                 "/api/v1/documents/{public_id}/files/{file_id}/",
                 "/api/v1/documents/{public_id}/publish/",
                 "/api/v1/documents/{public_id}/withdraw/",
                 "/api/v1/documents/{public_id}/accept/",
                 "/api/v1/documents/{public_id}/return/"):
        assert path in paths, path
