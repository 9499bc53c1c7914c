"""The documents of a meeting: each `Document` (symbol, title, kind, who may read it, when it
was published) holds its files by language and version (`DocumentFile`); every change is
written down in `DocumentLogEntry`. Changes go through `documents.services`; who may read a
document is `documents.access`."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .enums import Access, Adoption, CommentResolution, DocumentKind, DocumentState, RecordState


class SymbolPattern(models.Model):
    """How the symbols of a series' documents are proposed, such as `ASEM/DGC/{number}/{seq}`
    ({number}: the meeting's number in the series, {year}: its year, {seq}: the next free
    number among the meeting's documents). A series without one uses
    `settings.DOCUMENTS_SYMBOL_PATTERN`."""

    series = models.OneToOneField(
        "meetings.MeetingSeries", on_delete=models.CASCADE, related_name="symbol_pattern",
        verbose_name=_("series"),
    )
    pattern = models.CharField(_("pattern"), max_length=80)

    class Meta:
        verbose_name = _("symbol pattern")
        verbose_name_plural = _("symbol patterns")

    def __str__(self):
        return self.pattern


class Document(models.Model):
    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="documents",
        verbose_name=_("meeting"),
    )
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="documents", verbose_name=_("agenda item"),
    )
    symbol = models.CharField(_("symbol"), max_length=80)
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=30, choices=DocumentKind.choices)
    access = models.CharField(
        _("access"), max_length=20, choices=Access.choices, default=Access.SECRETARIAT
    )
    state = models.CharField(
        _("state"), max_length=20, choices=DocumentState.choices,
        default=DocumentState.ACCEPTED,
    )
    member = models.ForeignKey(
        "meetings.Member", on_delete=models.PROTECT, null=True, blank=True,
        related_name="documents", verbose_name=_("submitted for member"),
        help_text=_("The member whose focal point submitted the document."),
    )
    return_reason = models.TextField(_("reason for returning"), blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    illustrative = models.BooleanField(
        _("illustrative"), default=False,
        help_text=_("Invented for the demonstration, not a real document."),
    )
    generated = models.BooleanField(
        _("generated from the data"), default=False,
        help_text=_("Made by the application from the meeting's data (action plan, list of "
                    "participants)."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("added by"),
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    # Words of the current files' text, for search.
    text = models.TextField(_("text"), blank=True, editable=False)

    class Meta:
        ordering = ["meeting", "symbol"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "symbol"],
                                    name="document_unique_symbol_in_meeting"),
            models.CheckConstraint(
                condition=~Q(state="submitted") | Q(published_at__isnull=True),
                name="document_submitted_not_published",
            ),
        ]
        indexes = [models.Index(fields=["meeting", "kind"])]

    def __str__(self):
        return f"{self.symbol} {self.title}"

    def get_absolute_url(self):
        return reverse("documents:document", kwargs={"public_id": self.public_id})

    @property
    def is_published(self):
        return self.published_at is not None and self.state == DocumentState.ACCEPTED


def document_file_path(instance, filename):
    """`documents/<random>/<cleaned name>`: the path says nothing of the meeting or the
    document and cannot be guessed, wherever the storage keeps it."""
    return f"documents/{secrets.token_urlsafe(24)}/{filename}"


class DocumentFile(models.Model):
    """One file of a document in one language; a new version of the same language supersedes
    the previous one (kept for the secretariat)."""

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="files", verbose_name=_("document"),
    )
    language = models.CharField(_("language"), max_length=10, default="en")
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    file = models.FileField(_("file"), upload_to=document_file_path, max_length=300)
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    note = models.CharField(_("note on the change"), max_length=300, blank=True)
    superseded_at = models.DateTimeField(_("superseded"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["document", "language", "-version"]
        verbose_name = _("document file")
        verbose_name_plural = _("document files")
        constraints = [
            models.UniqueConstraint(fields=["document", "language", "version"],
                                    name="document_file_unique_version"),
            models.UniqueConstraint(fields=["document", "language"],
                                    condition=Q(superseded_at__isnull=True),
                                    name="document_file_one_current_per_language"),
        ]

    def __str__(self):
        return f"{self.document.symbol} [{self.language}] v{self.version}"

    def get_absolute_url(self):
        return reverse("documents:file", kwargs={"public_id": self.public_id})

    @property
    def is_current(self):
        return self.superseded_at is None


class DocumentLogEntry(models.Model):
    """Who did what to a document, with a dotted action name (`documents.document.added`)."""

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="log_entries",
        verbose_name=_("document"),
    )
    action = models.CharField(_("action"), max_length=80)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("actor"),
    )
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["document", "at", "id"]
        verbose_name = _("document log entry")
        verbose_name_plural = _("document log entries")

    def __str__(self):
        return f"{self.action} {self.document_id}"


# --- the record of the meeting ----------------------------------------------------------------

class MeetingRecord(models.Model):
    """The summary record (or chair's summary) of a meeting on its way to publication:
    drafted → circulated to heads of delegation for comments until a deadline → adopted (by
    the meeting, or by silence when the deadline passes without objection) → published.

    Its text is the `document` (kind summary record), whose files and versions the
    secretariat keeps as for any document; the decisions and conclusions of each agenda item
    are `RecordDecision`s. Changes go through `documents.record`."""

    meeting = models.OneToOneField(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="record",
        verbose_name=_("meeting"),
    )
    document = models.OneToOneField(
        Document, on_delete=models.PROTECT, related_name="record", verbose_name=_("document"),
    )
    state = models.CharField(_("state"), max_length=20, choices=RecordState.choices,
                             default=RecordState.DRAFT)
    round = models.PositiveSmallIntegerField(
        _("circulation round"), default=0,
        help_text=_("Raised each time the draft is circulated: comments belong to a round."),
    )
    comments_until = models.DateTimeField(_("comments until"), null=True, blank=True)
    circulated_at = models.DateTimeField(_("circulated"), null=True, blank=True)
    adoption = models.CharField(_("adopted"), max_length=20, choices=Adoption.choices,
                                blank=True)
    adopted_at = models.DateTimeField(_("adopted on"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("record of the meeting")
        verbose_name_plural = _("records of meetings")
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="circulated") | Q(comments_until__isnull=False),
                name="record_circulated_has_deadline",
            ),
            models.CheckConstraint(
                condition=Q(state__in=["draft", "circulated"]) | ~Q(adoption=""),
                name="record_adopted_says_how",
            ),
        ]

    def __str__(self):
        return f"{self.document.title} ({self.get_state_display()})"

    def get_absolute_url(self):
        return reverse("documents:record", kwargs={"slug": self.meeting.slug})


class RecordDecision(models.Model):
    """The decisions and conclusions of one agenda item, as the record states them; public on
    the meeting page once the record is published."""

    record = models.ForeignKey(
        MeetingRecord, on_delete=models.CASCADE, related_name="decisions",
        verbose_name=_("record"),
    )
    agenda_item = models.OneToOneField(
        "meetings.AgendaItem", on_delete=models.CASCADE, related_name="record_decision",
        verbose_name=_("agenda item"),
    )
    text = models.TextField(_("decisions and conclusions"))

    class Meta:
        ordering = ["agenda_item__position"]
        verbose_name = _("decision of an agenda item")
        verbose_name_plural = _("decisions of agenda items")

    def __str__(self):
        return str(self.agenda_item)


class RecordComment(models.Model):
    """A head of delegation's comment on the circulated draft, in one round; an objection
    breaks the silence of that round. The secretariat answers each with a reply or a change."""

    record = models.ForeignKey(
        MeetingRecord, on_delete=models.CASCADE, related_name="comments",
        verbose_name=_("record"),
    )
    round = models.PositiveSmallIntegerField(_("circulation round"))
    registration = models.ForeignKey(
        "delegates.Registration", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="record_comments", verbose_name=_("head of delegation"),
    )
    member = models.ForeignKey(
        "meetings.Member", on_delete=models.PROTECT, related_name="record_comments",
        verbose_name=_("member"),
    )
    text = models.TextField(_("comment"))
    is_objection = models.BooleanField(
        _("objection"), default=False,
        help_text=_("An objection to adopting the record as drafted: it breaks the silence."),
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    resolution = models.CharField(_("resolution"), max_length=20,
                                  choices=CommentResolution.choices, blank=True)
    reply = models.TextField(_("reply of the secretariat"), blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("replied by"),
    )
    replied_at = models.DateTimeField(_("replied"), null=True, blank=True)

    class Meta:
        ordering = ["record", "round", "created_at", "id"]
        verbose_name = _("comment on the record")
        verbose_name_plural = _("comments on the record")

    def __str__(self):
        return f"{self.member} ({self.created_at:%Y-%m-%d})"
