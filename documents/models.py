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

from .enums import Access, DocumentKind, DocumentState


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
