"""Reads of documents: a meeting's documents as one person may see them, with their current
files; the public ones of a meeting (the public pages); search."""

from collections import OrderedDict

from django.db import connection
from django.db.models import Prefetch, Q

from asem_customs.translated_content import in_every_language

from . import access
from .enums import Access, DocumentKind, DocumentState, RecordState
from .models import Document, DocumentFile, MeetingRecord, RecordDecision

KIND_ORDER = {kind: position for position, kind in enumerate(DocumentKind.values)}


def _current_files():
    return Prefetch(
        "files",
        queryset=DocumentFile.objects.filter(superseded_at__isnull=True).order_by(
            "language"),
        to_attr="current_files",
    )


def _with_files(queryset):
    return queryset.select_related("agenda_item", "member").prefetch_related(_current_files())


def sort_files(document):
    """English first, then French, then the other languages."""
    rank = {"en": 0, "fr": 1}
    document.current_files.sort(key=lambda f: (rank.get(f.language, 2), f.language))
    return document


def meeting_documents(meeting, reader):
    """The documents of a meeting this person may read, with their current files."""
    queryset = access.readable(Document.objects.filter(meeting=meeting), reader, meeting.pk)
    return [sort_files(d) for d in _with_files(queryset).order_by("symbol")]


def public_documents(meeting):
    """The published public documents of a meeting (what the cached public pages show)."""
    queryset = Document.objects.filter(
        meeting=meeting, access=Access.PUBLIC, published_at__isnull=False,
        state=DocumentState.ACCEPTED)
    return [sort_files(d) for d in _with_files(queryset).order_by("symbol")]


def by_kind(documents):
    """[(kind label, [documents])] in the order of `DocumentKind`."""
    groups = OrderedDict()
    for document in sorted(documents, key=lambda d: (KIND_ORDER.get(d.kind, 99), d.symbol)):
        groups.setdefault(document.get_kind_display(), []).append(document)
    return list(groups.items())


def by_agenda_item(documents):
    """{agenda item id: [documents]} of documents attached to an agenda item."""
    found = {}
    for document in documents:
        if document.agenda_item_id:
            found.setdefault(document.agenda_item_id, []).append(document)
    return found


def staff_documents(meeting):
    """Every document of a meeting for the secretariat, submissions first."""
    queryset = Document.objects.filter(meeting=meeting)
    return [sort_files(d) for d in _with_files(queryset).order_by("state", "symbol")]


def member_documents(member, meeting):
    """A member's own submissions for a meeting, for its focal points."""
    queryset = Document.objects.filter(member=member, meeting=meeting)
    return [sort_files(d) for d in _with_files(queryset).order_by("-created_at")]


def readable_documents(reader):
    """Every document of every meeting this person may read, with its meeting, member, agenda
    item and current files (the API's list)."""
    queryset = access.readable_anywhere(Document.objects.all(), reader)
    return _with_files(queryset.select_related("meeting"))


def newly_published(limit):
    """Published public documents, newest first (the Atom feed)."""
    return (Document.objects.filter(access=Access.PUBLIC, published_at__isnull=False,
                                    state=DocumentState.ACCEPTED)
            .select_related("meeting", "meeting__series").order_by("-published_at")[:limit])


def search(query, reader, limit=50):
    """Documents this person may read whose symbol, title (in any language) or text match
    `query`: PostgreSQL full-text search (with the symbol and title also matched as written),
    plain matching elsewhere."""
    query = " ".join((query or "").split())[:200]
    if not query:
        return []
    queryset = access.readable_anywhere(Document.objects.all(), reader)
    # The title in every language: a visitor finds a document by its French title while
    # reading the site in English, and the other way round.
    titles = in_every_language("title")
    plain = Q(symbol__icontains=query)
    for title in titles:
        plain |= Q(**{f"{title}__icontains": query})
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        vector = SearchVector("symbol", *titles, "text", config="simple")
        matched = queryset.annotate(search=vector).filter(
            plain | Q(search=SearchQuery(query, config="simple", search_type="websearch")))
    else:
        matched = queryset.filter(plain | Q(text__icontains=query))
    return list(matched.select_related("meeting").order_by("-meeting__year", "symbol")[:limit])


# --- the record of the meeting -------------------------------------------------------------

def record_of(meeting):
    """The meeting's record with its document, or None."""
    return MeetingRecord.objects.select_related("document").filter(meeting=meeting).first()


def record_decisions(record):
    """The decisions and conclusions of the record, in the order of the agenda."""
    return list(record.decisions.select_related("agenda_item").order_by("agenda_item__position"))


def decision_texts(record):
    return dict(record.decisions.values_list("agenda_item_id", "text"))


def published_decisions(meeting):
    """{agenda item id: decisions and conclusions} once the meeting's record is published
    (the public meeting page and agenda show them); empty before. One query."""
    return dict(RecordDecision.objects.filter(
        record__meeting=meeting, record__state=RecordState.PUBLISHED,
    ).values_list("agenda_item_id", "text"))


def current_files_of(document):
    document.current_files = list(document.files.filter(superseded_at__isnull=True))
    return sort_files(document).current_files
