"""What an uploaded file is, judged from its content and never from its name or the type the
browser claims: PDF, Office Open XML and OpenDocument text, spreadsheets and presentations,
PNG and JPEG. Everything else is refused, in particular what a browser would run or render
(HTML, SVG, XML), other archives, executables, and Office files carrying macros.

The stored name is made here too, from the cleaned title of the upload and the extension of
the type found, so a file called `report.pdf.html` that is a PDF is stored as `report.pdf`."""

import hashlib
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.module_loading import import_string
from django.utils.text import get_valid_filename, slugify
from django.utils.translation import gettext as _

HEAD_BYTES = 8
ZIP_MAGIC = b"PK\x03\x04"
OOXML = {
    "word/": (".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xl/": (".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "ppt/": (".pptx",
             "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
}
ODF = {
    b"application/vnd.oasis.opendocument.text": ".odt",
    b"application/vnd.oasis.opendocument.spreadsheet": ".ods",
    b"application/vnd.oasis.opendocument.presentation": ".odp",
}
# More than this many members, or more than this many bytes once unpacked, is not a meeting
# document but a trap (a "zip bomb"); we only read the names, but refuse it all the same.
MAX_ZIP_MEMBERS = 5000
MAX_UNPACKED_BYTES = 500 * 1024 * 1024


class UploadRefused(Exception):
    """The file may not be stored; the message says why, fit to show the uploader."""


@dataclass(frozen=True)
class Inspected:
    extension: str
    content_type: str
    size: int
    sha256: str


def _head(file):
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(0)
    return head


def _office_type(file):
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
            if len(members) > MAX_ZIP_MEMBERS or sum(m.file_size for m in members) > (
                    MAX_UNPACKED_BYTES):
                return None
            names = [member.filename for member in members]
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                raise UploadRefused(_("Office files with macros are not accepted: save it "
                                      "without macros (.docx, .xlsx, .pptx) or as PDF."))
            if "[Content_Types].xml" in names:
                for prefix, found in OOXML.items():
                    if any(name.startswith(prefix) for name in names):
                        return found
                return None
            if names and names[0] == "mimetype":
                mimetype = archive.read("mimetype").strip()
                if mimetype in ODF:
                    return ODF[mimetype], mimetype.decode()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return None
    finally:
        file.seek(0)
    return None


def _content_type(file):
    head = _head(file)
    if head.startswith(b"%PDF-"):
        return ".pdf", "application/pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return ".png", "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return ".jpg", "image/jpeg"
    if head.startswith(ZIP_MAGIC):
        return _office_type(file)
    return None


def _sha256(file):
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in iter(lambda: file.read(64 * 1024), b""):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def scan_for_viruses(file):
    """Hand the file to the scanner named in `DOCUMENTS_VIRUS_SCANNER`, if any; refuse it when
    the scanner gives a reason. A scanner that fails refuses the file too (never stored
    unscanned when scanning is on)."""
    path = settings.DOCUMENTS_VIRUS_SCANNER
    if not path:
        return
    scanner = import_string(path)
    try:
        file.seek(0)
        reason = scanner(file)
    except Exception as exc:  # noqa: BLE001 - any scanner failure refuses the file
        raise UploadRefused(_("The file could not be checked for viruses; try again later.")
                            ) from exc
    finally:
        file.seek(0)
    if reason:
        raise UploadRefused(_("The virus scanner refused the file: %(reason)s")
                            % {"reason": reason})


def inspect(file):
    """The type, size and digest of an uploaded file, or UploadRefused."""
    size = file.size
    if not size:
        raise UploadRefused(_("The file is empty."))
    limit = settings.DOCUMENTS_MAX_UPLOAD_BYTES
    if size > limit:
        raise UploadRefused(_("The file is larger than %(limit)s.")
                            % {"limit": filesizeformat(limit)})
    found = _content_type(file)
    if found is None:
        raise UploadRefused(_(
            "Only PDF, Word, Excel and PowerPoint (.docx, .xlsx, .pptx), OpenDocument (.odt, "
            ".ods, .odp), PNG and JPEG files are accepted; this file is none of them, "
            "whatever its name."))
    scan_for_viruses(file)
    extension, content_type = found
    return Inspected(extension=extension, content_type=content_type, size=size,
                     sha256=_sha256(file))


def clean_name(original, extension, fallback="document"):
    """A safe file name: the upload's name without its extension(s), reduced to letters,
    digits and dashes, with the extension of the type actually found."""
    stem = Path(original or "").name
    while Path(stem).suffix:
        stem = Path(stem).stem
    stem = slugify(stem)[:80].strip("-") or fallback
    return get_valid_filename(f"{stem}{extension}")


def extract_text(file, content_type, limit=200_000):
    """Words of a PDF for search (other types: nothing); never fails an upload."""
    if content_type != "application/pdf":
        return ""
    try:
        from pypdf import PdfReader

        file.seek(0)
        reader = PdfReader(file)
        parts, length = [], 0
        for page in reader.pages:
            text = page.extract_text() or ""
            parts.append(text)
            length += len(text)
            if length > limit:
                break
        return " ".join(" ".join(parts).split())[:limit]
    except Exception:  # noqa: BLE001 - a PDF we cannot read is still a document
        return ""
    finally:
        file.seek(0)


def download_response(document_file):
    """A stored file as a download that no browser renders or runs, kept by no cache: the
    web pages' and the API's."""
    response = FileResponse(document_file.file.open("rb"), as_attachment=True,
                            filename=document_file.name,
                            content_type=document_file.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
