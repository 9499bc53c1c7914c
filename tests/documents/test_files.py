"""Uploads judged by their content: genuine files are stored under a cleaned name and an
unguessable path; hostile ones are refused with a message, nothing stored."""

import pytest

from documents import files, services
from documents.models import Document, DocumentFile
from tests.documents.helpers import (
    JPEG,
    PNG,
    add,
    docx_bytes,
    odt_bytes,
    pdf_bytes,
    upload,
    zip_bytes,
)
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("data", "name", "stored", "content_type"), [
    (pdf_bytes(), "Working Paper (final).PDF", "working-paper-final.pdf", "application/pdf"),
    (docx_bytes(), "note.docx", "note.docx",
     "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    (odt_bytes(), "note.odt", "note.odt", "application/vnd.oasis.opendocument.text"),
    (PNG, "chart.png", "chart.png", "image/png"),
    (JPEG, "photo.jpeg", "photo.jpg", "image/jpeg"),
    # The type found decides the extension, not the name given.
    (pdf_bytes(), "report.pdf.html", "report.pdf", "application/pdf"),
    (pdf_bytes(), "../../etc/passwd", "passwd.pdf", "application/pdf"),
    (pdf_bytes(), "<script>.pdf", "script.pdf", "application/pdf"),
])
def test_accepted_files_are_stored_under_a_clean_name(data, name, stored, content_type):
    document = add(MeetingFactory(), file=upload(data, name=name))
    file = document.files.get()
    assert (file.name, file.content_type, file.size) == (stored, content_type, len(data))
    assert file.file.name.startswith("documents/")
    assert file.file.name.endswith(f"/{stored}")
    # 24 random bytes in the path: nobody guesses where a file lies.
    assert len(file.file.name.split("/")[1]) == 32


HOSTILE = {
    "html renamed pdf": (b"<html><body><script>alert(1)</script></body></html>", "paper.pdf"),
    "svg with script": (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script>'
                        b"</svg>", "chart.png"),
    "plain zip": (zip_bytes([("a.txt", "hello")]), "pack.docx"),
    "executable": (b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64, "paper.pdf"),
    "text": (b"just words", "note.txt"),
    "empty": (b"", "paper.pdf"),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_files_are_refused_and_nothing_is_stored(case, settings):
    data, name = HOSTILE[case]
    meeting = MeetingFactory()
    with pytest.raises(services.DocumentError) as refused:
        add(meeting, file=upload(data, name=name, content_type="application/pdf"))
    expected = "The file is empty." if case == "empty" else (
        "Only PDF, Word, Excel and PowerPoint (.docx, .xlsx, .pptx), OpenDocument (.odt, .ods, "
        ".odp), PNG and JPEG files are accepted; this file is none of them, whatever its name.")
    assert refused.value.messages == [expected]
    assert Document.objects.count() == DocumentFile.objects.count() == 0
    assert list(settings.MEDIA_ROOT.rglob("*.*")) == []


def test_office_files_with_macros_are_refused():
    data = zip_bytes([("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w/>"),
                      ("word/vbaProject.bin", "macro")])
    with pytest.raises(services.DocumentError) as refused:
        add(MeetingFactory(), file=upload(data, name="paper.docm"))
    assert refused.value.messages == [
        "Office files with macros are not accepted: save it without macros (.docx, .xlsx, "
        ".pptx) or as PDF."]


def test_files_over_the_size_limit_are_refused(settings):
    settings.DOCUMENTS_MAX_UPLOAD_BYTES = 1000
    with pytest.raises(services.DocumentError) as refused:
        add(MeetingFactory(), file=upload(pdf_bytes() + b"\x00" * 1000))
    assert refused.value.messages == ["The file is larger than 1000\xa0bytes."]
    assert Document.objects.count() == 0


def refuse_everything(file):
    return "Eicar-Test-Signature"


def broken_scanner(file):
    raise ConnectionError("clamd is down")


def test_the_virus_scanner_hook_refuses_what_it_finds(settings):
    settings.DOCUMENTS_VIRUS_SCANNER = "tests.documents.test_files.refuse_everything"
    with pytest.raises(services.DocumentError) as refused:
        add(MeetingFactory())
    assert refused.value.messages == [
        "The virus scanner refused the file: Eicar-Test-Signature"]


def test_a_failing_virus_scanner_refuses_the_file(settings):
    settings.DOCUMENTS_VIRUS_SCANNER = "tests.documents.test_files.broken_scanner"
    with pytest.raises(services.DocumentError) as refused:
        add(MeetingFactory())
    assert refused.value.messages == [
        "The file could not be checked for viruses; try again later."]


def test_a_pdf_gives_its_words_to_search():
    document = add(MeetingFactory(), file=upload(pdf_bytes("Authorised economic operators")))
    assert document.text == "Authorised economic operators"


def test_clean_name_keeps_a_fallback_for_names_without_letters():
    assert files.clean_name("...", ".pdf", fallback="working-paper") == "working-paper.pdf"
