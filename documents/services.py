"""Every change of a meeting's documents. Each function takes keyword-only arguments and the
actor (`roles.SYSTEM` for the product itself: the demo, generated documents), checks that the
actor may do it, runs in one transaction, writes a `DocumentLogEntry` with a dotted action
name, and mails the people concerned through the outbox once the transaction commits.

Files are judged by `documents.files.inspect` before anything is stored."""

import logging

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from asem_customs import events, roles
from asem_customs.translated_content import write_translations
from delegates.models import FocalPoint
from mail.outbox import address_language, queue_mail
from meetings.models import Meeting

from . import files
from .enums import MEMBER_KINDS, Access, DocumentKind, DocumentState
from .mailing import document_values
from .models import Document, DocumentFile, DocumentLogEntry, SymbolPattern

logger = logging.getLogger(__name__)


class DocumentError(ValidationError):
    """A broken rule of the documents, with a message fit to show the user."""


def _person(actor):
    return None if actor is roles.SYSTEM or actor is None else actor


def _require(allowed, actor):
    if actor is roles.SYSTEM:
        return
    if actor is None or not allowed:
        raise DocumentError(_("You may not change this document."), code="forbidden")


def _may_manage(actor):
    return actor is roles.SYSTEM or roles.can_manage_documents(actor)


def _log(document, action, actor, note=""):
    DocumentLogEntry.objects.create(document=document, action=action, actor=_person(actor),
                                    note=note)
    logger.info("%s document=%s actor=%s", action, document.pk, getattr(actor, "pk", None))


def _mail(recipients, kind, document, **extra):
    """One mail of `kind` (`documents.mailing`) to each address, in the meeting's wording
    and the language of the person the address belongs to."""
    for address in dict.fromkeys(a for a in recipients if a):
        language = address_language(address)
        with translation.override(language):
            queue_mail(to=address, template=kind, context=document_values(document, **extra),
                       meeting=document.meeting_id, language=language)


def _focal_point_addresses(member_id):
    return FocalPoint.objects.filter(member_id=member_id, user__is_active=True).values_list(
        "user__email", flat=True)


def _announce_published(document):
    """Tell the listeners (the API's webhooks) once the transaction commits."""
    events.emit("document.published", document=document.pk, meeting=document.meeting_id)


def _url(document):
    return settings.SITE_URL + document.get_absolute_url()


# --- symbols -------------------------------------------------------------------------------

def symbol_pattern(series):
    found = SymbolPattern.objects.filter(series=series).values_list("pattern", flat=True).first()
    return found or settings.DOCUMENTS_SYMBOL_PATTERN


def propose_symbol(meeting):
    """The next free symbol of the series' pattern at this meeting (ASEM/DGC/12/4)."""
    pattern = symbol_pattern(meeting.series)
    taken = set(Document.objects.filter(meeting=meeting).values_list("symbol", flat=True))
    seq = len(taken) + 1
    while True:
        symbol = pattern.format(number=meeting.number, year=meeting.year, seq=seq)
        if symbol not in taken:
            return symbol
        seq += 1


def _lock_meeting(meeting):
    """Symbols are proposed and checked under the meeting's row lock: two documents added at
    once never get the same one."""
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()


def _check_symbol(meeting, symbol, exclude=None):
    symbol = " ".join((symbol or "").split())
    if not symbol:
        return propose_symbol(meeting)
    others = Document.objects.filter(meeting=meeting, symbol=symbol)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    if others.exists():
        raise DocumentError(_("The symbol %(symbol)s is already used at this meeting.")
                            % {"symbol": symbol}, code="symbol_taken")
    return symbol


def _check_language(language):
    language = (language or "en").strip().lower()
    if "name" not in LANG_INFO.get(language, {}):
        raise DocumentError(_("Unknown language code."), code="language")
    return language


# --- files ---------------------------------------------------------------------------------

def _store_file(*, document, upload, language, actor, note=""):
    """Judge the upload, supersede the current file of that language, store the new one."""
    try:
        inspected = files.inspect(upload)
    except files.UploadRefused as exc:
        raise DocumentError(str(exc), code="file_refused") from exc
    current = (DocumentFile.objects.select_for_update()
               .filter(document=document, language=language, superseded_at__isnull=True).first())
    latest = (DocumentFile.objects.filter(document=document, language=language)
              .order_by("-version").values_list("version", flat=True).first()) or 0
    if current is not None:
        current.superseded_at = timezone.now()
        current.save(update_fields=["superseded_at"])
    name = files.clean_name(getattr(upload, "name", ""), inspected.extension,
                            fallback=document.kind.replace("_", "-"))
    stored = DocumentFile(
        document=document, language=language, version=latest + 1, name=name,
        content_type=inspected.content_type, size=inspected.size, sha256=inspected.sha256,
        note=note[:300], uploaded_by=_person(actor),
    )
    upload.seek(0)
    stored.file.save(name, upload, save=False)
    try:
        stored.save()
    except Exception:
        # No file without its row: a file whose row could not be written is removed.
        stored.file.storage.delete(stored.file.name)
        raise
    if language == "en" or not document.text:
        text = files.extract_text(upload, inspected.content_type)
        if text:
            document.text = text
            document.save(update_fields=["text", "updated_at"])
    return stored


def _write_titles(document, title, other_titles):
    """The English title and its translations, each cut to the column's length, into their
    own columns whatever language the page was read in; the changed columns."""
    texts = {**(other_titles or {}), **({"en": title} if title is not None else {})}
    return write_translations(document, "title",
                              {code: (text or "")[:300] for code, text in texts.items()})


# --- staff ---------------------------------------------------------------------------------

@transaction.atomic
def document_add(*, meeting, title, kind, file, actor, access=Access.SECRETARIAT,
                 language="en", symbol="", agenda_item=None, note="", publish=False,
                 generated=False, illustrative=False, other_titles=None):
    """Add a document to a meeting with its first file (in `language`, English by default),
    accepted at once; published now when `publish`. The symbol is proposed from the series'
    pattern when left blank. Any kind may be added, the summary record included. `title` is
    the English title; `other_titles` ({"fr": "…"}) its translations."""
    _require(_may_manage(actor), actor)
    if kind not in DocumentKind.values:
        raise DocumentError(_("Unknown kind of document."), code="kind")
    if access not in Access.values:
        raise DocumentError(_("Unknown access."), code="access")
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise DocumentError(_("The agenda item belongs to another meeting."), code="agenda")
    language = _check_language(language)
    _lock_meeting(meeting)
    document = Document(
        meeting=meeting, agenda_item=agenda_item, symbol=_check_symbol(meeting, symbol),
        kind=kind, access=access,
        state=DocumentState.ACCEPTED, published_at=timezone.now() if publish else None,
        generated=generated, illustrative=illustrative, created_by=_person(actor),
    )
    _write_titles(document, title, other_titles)
    document.save()
    _store_file(document=document, upload=file, language=language, actor=actor, note=note)
    _log(document, "documents.document.added", actor, note)
    if publish:
        _log(document, "documents.document.published", actor)
        _announce_published(document)
    return document


@transaction.atomic
def document_add_version(*, document, file, actor, language="en", note=""):
    """A new file for a language: a new version that supersedes the current one (kept for the
    secretariat), or the first file of a new language. A focal point may do it for its own
    member's submission until it is accepted; the submission then waits again."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    own_submission = (document.member_id is not None
                      and document.state != DocumentState.ACCEPTED
                      and roles.focal_member(actor) is not None
                      and roles.focal_member(actor).pk == document.member_id)
    _require(_may_manage(actor) or own_submission, actor)
    language = _check_language(language)
    stored = _store_file(document=document, upload=file, language=language, actor=actor,
                         note=note)
    action = "documents.file.version_added" if stored.version > 1 else (
        "documents.file.language_added")
    _log(document, action, actor, f"{language} v{stored.version}: {note}".strip(": "))
    if own_submission and document.state == DocumentState.RETURNED:
        document.state = DocumentState.SUBMITTED
        document.save(update_fields=["state", "updated_at"])
        _log(document, "documents.submission.resubmitted", actor)
    else:
        document.save(update_fields=["updated_at"])
    return stored


@transaction.atomic
def document_change(*, document, actor, title=None, symbol=None, kind=None, agenda_item=False,
                    other_titles=None):
    """Change the title (English, and its translations in `other_titles`: an empty one is
    removed), symbol, kind or agenda item of a document."""
    _require(_may_manage(actor), actor)
    document = Document.objects.select_for_update().get(pk=document.pk)
    fields = _write_titles(document, title, other_titles)
    if symbol is not None and symbol.strip() != document.symbol:
        _lock_meeting(document.meeting)
        document.symbol = _check_symbol(document.meeting, symbol, exclude=document)
        fields.append("symbol")
    if kind is not None and kind != document.kind:
        if kind not in DocumentKind.values:
            raise DocumentError(_("Unknown kind of document."), code="kind")
        document.kind = kind
        fields.append("kind")
    if agenda_item is not False and getattr(agenda_item, "pk", None) != document.agenda_item_id:
        if agenda_item is not None and agenda_item.meeting_id != document.meeting_id:
            raise DocumentError(_("The agenda item belongs to another meeting."),
                                code="agenda")
        document.agenda_item = agenda_item
        fields.append("agenda_item")
    if fields:
        document.save(update_fields=[*fields, "updated_at"])
        _log(document, "documents.document.changed", actor, ", ".join(fields))
    return document


@transaction.atomic
def document_change_access(*, document, access, actor):
    """Open or restrict a document: public, participants or secretariat."""
    _require(_may_manage(actor), actor)
    if access not in Access.values:
        raise DocumentError(_("Unknown access."), code="access")
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.access != access:
        before = document.access
        document.access = access
        document.save(update_fields=["access", "updated_at"])
        _log(document, "documents.document.access_changed", actor, f"{before} → {access}")
    return document


@transaction.atomic
def document_publish(*, document, actor, at=None):
    """Publish an accepted document: from now (or `at`), the people its access names see it."""
    _require(_may_manage(actor), actor)
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.state != DocumentState.ACCEPTED:
        raise DocumentError(_("Only an accepted document can be published."), code="state")
    if document.published_at is None:
        document.published_at = at or timezone.now()
        document.save(update_fields=["published_at", "updated_at"])
        _log(document, "documents.document.published", actor)
        _announce_published(document)
    return document


@transaction.atomic
def document_withdraw(*, document, actor, reason=""):
    """Take a published document back: nobody but the secretariat sees it any more."""
    _require(_may_manage(actor), actor)
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.published_at is not None:
        document.published_at = None
        document.save(update_fields=["published_at", "updated_at"])
        _log(document, "documents.document.withdrawn", actor, reason)
    return document


# --- focal points' submissions -------------------------------------------------------------

@transaction.atomic
def document_submit(*, meeting, member, title, kind, file, actor, language="en"):
    """A focal point submits a paper of its member (country report, presentation) for a
    meeting. It is shown to nobody but the secretariat and the member's focal points until
    the secretariat accepts it; the secretariat is mailed."""
    focal = roles.focal_member(actor) if actor is not roles.SYSTEM else member
    _require(focal is not None and focal.pk == member.pk, actor)
    if kind not in MEMBER_KINDS:
        raise DocumentError(_("A member submits country reports and presentations."),
                            code="kind")
    _lock_meeting(meeting)
    document = Document(
        meeting=meeting, member=member, symbol=propose_symbol(meeting),
        kind=kind, access=Access.PARTICIPANTS,
        state=DocumentState.SUBMITTED, created_by=_person(actor),
    )
    _write_titles(document, title, None)
    document.save()
    _store_file(document=document, upload=file, language=_check_language(language),
                actor=actor)
    _log(document, "documents.submission.submitted", actor)
    _mail([settings.SECRETARIAT_EMAIL], "document_submitted", document,
          review_url=settings.SITE_URL + f"/staff/documents/{document.public_id}/")
    return document


def _locked_submission(document):
    document = (Document.objects.select_for_update(of=("self",))
                .select_related("meeting", "member").get(pk=document.pk))
    if document.member_id is None:
        raise DocumentError(_("This document was not submitted by a member."), code="state")
    return document


@transaction.atomic
def document_accept(*, document, actor, access=None, publish=True):
    """Accept a focal point's submission (with its access, participants by default) and
    publish it; the member's focal points are mailed."""
    _require(_may_manage(actor), actor)
    document = _locked_submission(document)
    if document.state != DocumentState.SUBMITTED:
        raise DocumentError(_("Only a submitted document can be accepted."), code="state")
    if access is not None:
        if access not in Access.values:
            raise DocumentError(_("Unknown access."), code="access")
        document.access = access
    document.state = DocumentState.ACCEPTED
    document.return_reason = ""
    if publish:
        document.published_at = timezone.now()
    document.save(update_fields=["state", "access", "return_reason", "published_at",
                                 "updated_at"])
    _log(document, "documents.submission.accepted", actor)
    if publish:
        _announce_published(document)
    _mail(_focal_point_addresses(document.member_id), "document_accepted", document)
    return document


@transaction.atomic
def document_return(*, document, reason, actor):
    """Return a submission to the member with a reason; its focal points are mailed and may
    upload a new version, which submits it again."""
    _require(_may_manage(actor), actor)
    reason = (reason or "").strip()
    if not reason:
        raise DocumentError(_("Say why the document is returned."), code="reason")
    document = _locked_submission(document)
    if document.state != DocumentState.SUBMITTED:
        raise DocumentError(_("Only a submitted document can be returned."), code="state")
    document.state = DocumentState.RETURNED
    document.return_reason = reason
    document.published_at = None
    document.save(update_fields=["state", "return_reason", "published_at", "updated_at"])
    _log(document, "documents.submission.returned", actor, reason)
    _mail(_focal_point_addresses(document.member_id), "document_returned", document,
          reason=reason,
          focal_url=settings.SITE_URL + f"/focal/documents/{document.meeting.slug}/")
    return document


# --- generated documents -------------------------------------------------------------------

@transaction.atomic
def document_generate(*, meeting, key, actor, publish=False, illustrative=False):
    """Make the document of generator `key` from the meeting's data (see
    `documents.generators`): a new document the first time, a new version of the same one
    afterwards ("Generated again from the data")."""
    from django.core.files.base import ContentFile

    from .generators import generator

    _require(_may_manage(actor), actor)
    try:
        found = generator(key)
    except KeyError as exc:
        raise DocumentError(_("Unknown generated document."), code="generator") from exc
    made = found.make(meeting)
    if made is None:
        raise DocumentError(_("This meeting has no data to make that document from."),
                            code="no_data")
    content = ContentFile(made.content, name=made.filename)
    existing = Document.objects.filter(meeting=meeting, kind=found.kind, generated=True).first()
    if existing is not None:
        document_add_version(document=existing, file=content, actor=actor,
                             note=_("Generated again from the data"))
        return existing
    return document_add(meeting=meeting, title=made.title, kind=found.kind, file=content,
                        access=found.access, publish=publish, generated=True,
                        illustrative=illustrative, actor=actor,
                        note=_("Generated from the data"))
