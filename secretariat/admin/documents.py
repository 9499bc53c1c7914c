"""Meeting documents in the admin: to find and read them, and publish a selection. Uploads,
versions, access, acceptance and return go through the documents' own staff pages
(`/staff/documents/…`), which judge the files and write the audit entries."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy, ngettext

from asem_customs.admin_lookups import SensitiveLookupsAdminMixin
from asem_customs.translated_content import in_every_language
from documents import services
from documents.models import Document, DocumentFile, DocumentLogEntry, SymbolPattern

from .read_only import NoAddOrChangeAdmin


class DocumentFileInline(admin.TabularInline):
    model = DocumentFile
    fields = ["language", "version", "name", "content_type", "size", "note", "uploaded_at",
              "superseded_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Document)
class DocumentAdmin(SensitiveLookupsAdminMixin, NoAddOrChangeAdmin):
    list_display = ["symbol", "title", "meeting", "kind", "access", "state", "published_at"]
    list_filter = ["access", "kind", "state", "meeting"]
    list_select_related = ["meeting"]
    search_fields = ["symbol", *in_every_language("title")]
    fields = ["public_id", "meeting", "agenda_item", "symbol", *in_every_language("title"),
              "kind", "access",
              "state", "member", "return_reason", "published_at", "generated", "illustrative",
              "created_by", "created_at", "updated_at"]
    readonly_fields = fields
    inlines = [DocumentFileInline]
    actions = ["publish"]

    @admin.action(description=gettext_lazy("Publish selected documents"),
                  permissions=["publish"])
    def publish(self, request, queryset):
        done = 0
        for document in queryset:
            try:
                services.document_publish(document=document, actor=request.user)
            except services.DocumentError as error:
                self.message_user(request, f"{document.symbol}: {error.messages[0]}",
                                  messages.ERROR)
            else:
                done += 1
        self.message_user(request, ngettext("%(count)d document published.",
                                            "%(count)d documents published.", done)
                          % {"count": done})

    def has_publish_permission(self, request):
        return services.roles.can_manage_documents(request.user)


@admin.register(DocumentFile)
class DocumentFileAdmin(SensitiveLookupsAdminMixin, NoAddOrChangeAdmin):
    list_display = ["document", "language", "version", "name", "size", "uploaded_at",
                    "superseded_at"]
    list_select_related = ["document"]
    list_filter = ["language"]
    fields = ["document", "language", "version", "name", "content_type", "size", "sha256",
              "note", "uploaded_by", "uploaded_at", "superseded_at"]
    readonly_fields = fields


@admin.register(DocumentLogEntry)
class DocumentLogEntryAdmin(SensitiveLookupsAdminMixin, NoAddOrChangeAdmin):
    list_display = ["at", "document", "action", "actor"]
    list_select_related = ["document", "actor"]
    list_filter = ["action"]
    fields = ["document", "action", "actor", "note", "at"]
    readonly_fields = fields


@admin.register(SymbolPattern)
class SymbolPatternAdmin(SensitiveLookupsAdminMixin, admin.ModelAdmin):
    list_display = ["series", "pattern"]
