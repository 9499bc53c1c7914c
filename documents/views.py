"""The pages where people find a meeting's documents: the documents page of a meeting, a
document's page, the download of a file, the meeting pack and search. Each asks
`documents.access` what this person may read. The documents page of a meeting is served from
the public pages' cache (`meetings.page_cache`) to the visitors who read public documents only:
anonymous, without the link of a registration in their session; the others' pages are built
for them and never stored."""

import shutil
import tempfile
import zipfile

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from asem_customs import roles
from delegates import links
from meetings.page_cache import cached_public_page, meeting_page_scopes
from meetings.selectors import public_meetings

from . import access, files, selectors
from .enums import Access
from .forms import SearchForm
from .models import Document, DocumentFile


def _meeting(slug):
    return get_object_or_404(public_meetings().select_related("series"), slug=slug)


def _refuse(document):
    """403 with a word of explanation for a published participants' document (its existence
    is on the list of documents anyway); 404 for anything else."""
    if document.is_published and document.access == Access.PARTICIPANTS:
        raise PermissionDenied(_(
            "This document is for the participants of the meeting: open it from the link of "
            "your registration, or sign in as the focal point of your member."))
    raise Http404


def _reads_public_documents_only(request):
    """No signed link in the session (the user is anonymous: `cached_public_page` asked).
    No session cookie, no query."""
    return not links.token_in_session(request)


@require_safe
@never_cache
@cached_public_page(meeting_page_scopes, sees_public_page=_reads_public_documents_only)
def meeting_documents(request, slug):
    meeting = _meeting(slug)
    reader = access.reader_for(request)
    documents = selectors.meeting_documents(meeting, reader)
    return render(request, "documents/meeting_documents.html", {
        "meeting": meeting, "groups": selectors.by_kind(documents),
        "count": len(documents), "reader": reader,
        "sees_participants": Access.PARTICIPANTS in access.access_levels(reader, meeting.pk),
        "can_manage": roles.can_manage_documents(request.user),
    })


@require_safe
@never_cache
def document_detail(request, public_id):
    document = get_object_or_404(
        Document.objects.select_related("meeting", "meeting__series", "agenda_item", "member"),
        public_id=public_id)
    reader = access.reader_for(request)
    if not access.can_read(reader, document):
        _refuse(document)
    all_files = list(document.files.all())
    current = sorted((f for f in all_files if f.is_current),
                     key=lambda f: ({"en": 0, "fr": 1}.get(f.language, 2), f.language))
    return render(request, "documents/document_detail.html", {
        "document": document, "meeting": document.meeting, "current_files": current,
        "older_files": [f for f in all_files if not f.is_current] if reader.is_secretariat else [],
        "last_changed": max((f.uploaded_at for f in current), default=None),
        "can_manage": roles.can_manage_documents(request.user),
    })


@require_safe
def file_download(request, public_id):
    document_file = get_object_or_404(
        DocumentFile.objects.select_related("document"), public_id=public_id)
    reader = access.reader_for(request)
    if not access.can_read(reader, document_file.document):
        _refuse(document_file.document)
    if not access.can_read_file(reader, document_file, document_file.document):
        raise Http404
    return files.download_response(document_file)


def _pack_name(document, document_file, taken):
    base = slugify(document.symbol.replace("/", "-")) or "document"
    name = f"{base}-{document_file.language}{document_file.name[document_file.name.rfind('.'):]}"
    while name in taken:
        name = f"{base}-{document_file.language}-{len(taken)}{name[name.rfind('.'):]}"
    taken.add(name)
    return name


@require_safe
@never_cache
def meeting_pack(request, slug):
    """A zip of every current file of every document this person may read at the meeting.
    Built in a temporary file, file by file, so the memory used stays flat whatever the
    size of the pack."""
    meeting = _meeting(slug)
    documents = selectors.meeting_documents(meeting, access.reader_for(request))
    if not any(d.current_files for d in documents):
        raise Http404
    pack = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it once sent
    taken = set()
    with zipfile.ZipFile(pack, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for document in documents:
            for document_file in document.current_files:
                arcname = _pack_name(document, document_file, taken)
                with document_file.file.open("rb") as source, archive.open(arcname, "w") as out:
                    shutil.copyfileobj(source, out, 64 * 1024)
    pack.seek(0)
    response = FileResponse(pack, as_attachment=True, content_type="application/zip",
                            filename=f"{meeting.slug}-documents.zip")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
@never_cache
def search(request):
    form = SearchForm(request.GET or None)
    results = []
    if form.is_valid():
        results = selectors.search(form.cleaned_data["q"], access.reader_for(request))
    return render(request, "documents/search.html", {
        "form": form, "results": results, "searched": form.is_bound})
