"""The documents' services: symbols, versions and languages, access and publication, focal
points' submissions through acceptance or return, audit entries and mail."""

import pytest
from django.core import mail

from asem_customs.page_versions import versions
from documents import services
from documents.enums import Access, DocumentKind, DocumentState
from documents.models import DocumentFile, SymbolPattern
from tests.delegates.staff_helpers import editor, viewer
from tests.documents.helpers import add, docx_bytes, focal_point_of, upload
from tests.factories import MeetingFactory, member

pytestmark = pytest.mark.django_db
SYSTEM = services.roles.SYSTEM


@pytest.fixture
def meeting():
    return MeetingFactory(number=12)


def actions(document):
    return list(document.log_entries.values_list("action", flat=True))


def test_symbols_are_proposed_from_the_series_pattern(meeting):
    assert services.propose_symbol(meeting) == "ASEM/DGC/12/1"
    add(meeting)
    add(meeting, symbol="ASEM/DGC/12/3")
    # The next number after those used, skipping one taken by hand.
    assert services.propose_symbol(meeting) == "ASEM/DGC/12/4"
    add(meeting)
    assert services.propose_symbol(meeting) == "ASEM/DGC/12/5"
    SymbolPattern.objects.create(series=meeting.series, pattern="DG-C/{year}/{seq}")
    assert services.propose_symbol(meeting) == f"DG-C/{meeting.year}/4"


def test_a_symbol_is_used_once_per_meeting(meeting):
    add(meeting, symbol="ASEM/DGC/12/1")
    with pytest.raises(services.DocumentError) as taken:
        add(meeting, symbol="ASEM/DGC/12/1")
    assert taken.value.messages == ["The symbol ASEM/DGC/12/1 is already used at this meeting."]
    assert add(MeetingFactory(), symbol="ASEM/DGC/12/1").symbol == "ASEM/DGC/12/1"


def test_a_new_version_supersedes_the_current_one_with_its_note(meeting):
    document = add(meeting)
    services.document_add_version(document=document, file=upload(name="v2.pdf"),
                                  note="Figures of 2018 corrected", actor=SYSTEM)

    files = list(document.files.order_by("version").values_list(
        "language", "version", "name", "note"))
    assert files == [("en", 1, "paper.pdf", ""),
                     ("en", 2, "v2.pdf", "Figures of 2018 corrected")]
    current = document.files.get(superseded_at__isnull=True)
    assert current.version == 2
    assert actions(document) == ["documents.document.added", "documents.document.published",
                                 "documents.file.version_added"]


def test_languages_are_files_of_their_own_english_first(meeting, client):
    document = add(meeting)
    services.document_add_version(document=document, language="vi",
                                  file=upload(docx_bytes(), name="ban.docx"), actor=SYSTEM)
    services.document_add_version(document=document, language="fr",
                                  file=upload(name="fr.pdf"), actor=SYSTEM)

    assert sorted(document.files.values_list("language", "version")) == [
        ("en", 1), ("fr", 1), ("vi", 1)]
    assert actions(document)[-1] == "documents.file.language_added"
    page = client.get(document.get_absolute_url()).content.decode()
    assert page.index("English") < page.index("fr.pdf") < page.index("ban.docx")
    assert "français · version 1" in page


def test_an_unknown_language_is_refused(meeting):
    with pytest.raises(services.DocumentError):
        add(meeting, language="klingon")


def test_only_editors_change_documents(meeting):
    with pytest.raises(services.DocumentError):
        add(meeting) and services.document_add(
            meeting=meeting, title="X", kind=DocumentKind.WORKING_PAPER, file=upload(),
            actor=viewer())
    document = add(meeting, publish=False)
    for actor in (viewer(), None, focal_point_of("DE")):
        with pytest.raises(services.DocumentError):
            services.document_publish(document=document, actor=actor)
    services.document_publish(document=document, actor=editor())
    document.refresh_from_db()
    assert document.published_at is not None


def test_access_change_and_publication_are_recorded(meeting):
    document = add(meeting, access=Access.SECRETARIAT, publish=False)
    services.document_change_access(document=document, access=Access.PARTICIPANTS,
                                    actor=editor())
    services.document_publish(document=document, actor=editor())
    services.document_withdraw(document=document, actor=editor(), reason="Wrong file")

    document.refresh_from_db()
    assert (document.access, document.published_at) == (Access.PARTICIPANTS, None)
    entries = list(document.log_entries.values_list("action", "actor__username", "note"))
    assert entries == [
        ("documents.document.added", None, ""),
        ("documents.document.access_changed", "editor", "secretariat → participants"),
        ("documents.document.published", "editor", ""),
        ("documents.document.withdrawn", "editor", "Wrong file"),
    ]


def test_a_public_document_change_makes_the_meeting_page_and_feed_build_afresh(meeting):
    before = versions([f"meeting:{meeting.pk}", "meetings"])
    document = add(meeting, access=Access.PUBLIC)
    after_add = versions([f"meeting:{meeting.pk}", "meetings"])
    assert after_add[0] != before[0] and after_add[1] != before[1]
    services.document_withdraw(document=document, actor=SYSTEM)
    assert versions([f"meeting:{meeting.pk}"]) != after_add[:1]


def test_a_secretariat_document_leaves_the_feed_alone(meeting):
    (feed,) = versions(["meetings"])
    add(meeting, access=Access.SECRETARIAT, publish=False)
    assert versions(["meetings"]) == [feed]


def test_focal_point_submission_accepted(meeting, django_capture_on_commit_callbacks):
    focal = focal_point_of("DE")
    with django_capture_on_commit_callbacks(execute=True):
        document = services.document_submit(
            meeting=meeting, member=member("DE"), title="Country report of Germany",
            kind=DocumentKind.COUNTRY_REPORT, file=upload(), actor=focal)
    assert (document.state, document.access, document.published_at) == (
        DocumentState.SUBMITTED, Access.PARTICIPANTS, None)
    assert [m.to for m in mail.outbox] == [["secretariat@example.org"]]
    assert mail.outbox[0].subject == f"Germany submitted a document for the {meeting.title}"

    with django_capture_on_commit_callbacks(execute=True):
        services.document_accept(document=document, actor=editor())
    document.refresh_from_db()
    assert document.state == DocumentState.ACCEPTED and document.published_at is not None
    assert mail.outbox[-1].to == [focal.email]
    assert mail.outbox[-1].subject == f"Your document for the {meeting.title} was accepted"
    assert actions(document) == ["documents.submission.submitted",
                                 "documents.submission.accepted"]


def test_focal_point_submission_returned_then_sent_again(meeting,
                                                         django_capture_on_commit_callbacks):
    focal = focal_point_of("DE")
    document = services.document_submit(
        meeting=meeting, member=member("DE"), title="Presentation",
        kind=DocumentKind.PRESENTATION, file=upload(), actor=focal)
    with pytest.raises(services.DocumentError):
        services.document_return(document=document, reason="  ", actor=editor())
    with django_capture_on_commit_callbacks(execute=True):
        services.document_return(document=document, reason="Please use the template.",
                                 actor=editor())
    document.refresh_from_db()
    assert (document.state, document.return_reason) == (
        DocumentState.RETURNED, "Please use the template.")
    assert "Please use the template." in mail.outbox[-1].body

    services.document_add_version(document=document, file=upload(name="v2.pdf"), actor=focal)
    document.refresh_from_db()
    assert document.state == DocumentState.SUBMITTED
    assert actions(document)[-2:] == ["documents.file.version_added",
                                      "documents.submission.resubmitted"]


def test_a_focal_point_submits_only_for_its_member(meeting):
    focal = focal_point_of("DE")
    with pytest.raises(services.DocumentError):
        services.document_submit(meeting=meeting, member=member("FR"), title="X",
                                 kind=DocumentKind.COUNTRY_REPORT, file=upload(), actor=focal)
    with pytest.raises(services.DocumentError):
        services.document_submit(meeting=meeting, member=member("DE"), title="X",
                                 kind=DocumentKind.INFORMATION_NOTE, file=upload(),
                                 actor=focal)


def test_a_focal_point_cannot_replace_another_members_or_an_accepted_file(meeting):
    german = focal_point_of("DE")
    document = services.document_submit(
        meeting=meeting, member=member("DE"), title="Report",
        kind=DocumentKind.COUNTRY_REPORT, file=upload(), actor=german)
    with pytest.raises(services.DocumentError):
        services.document_add_version(document=document, file=upload(),
                                      actor=focal_point_of("FR"))
    services.document_accept(document=document, actor=editor())
    with pytest.raises(services.DocumentError):
        services.document_add_version(document=document, file=upload(), actor=german)
    assert DocumentFile.objects.filter(document=document).count() == 1


def test_a_summary_record_is_added_like_any_document(meeting):
    document = add(meeting, kind=DocumentKind.SUMMARY_RECORD, title="Summary record",
                   access=Access.PARTICIPANTS, publish=False)
    assert document.get_kind_display() == "Summary record"
