"""The record of a meeting in the admin: read-only. Its steps (circulation, comments,
adoption, publication) mail people and keep an audit trail, so they are taken on the
secretariat's record page (/staff/documents/records/<meeting>/), never by editing rows."""

from django.contrib import admin

from documents.models import MeetingRecord, RecordComment, RecordDecision

from .read_only import ReadOnlyAdmin


class RecordDecisionInline(admin.TabularInline):
    model = RecordDecision
    fields = ["agenda_item", "text"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(MeetingRecord)
class MeetingRecordAdmin(ReadOnlyAdmin):
    list_display = ["meeting", "state", "round", "comments_until", "adoption", "published_at"]
    list_filter = ["state", "adoption"]
    list_select_related = ["meeting", "document"]
    search_fields = ["meeting__title", "document__symbol", "document__title"]
    inlines = [RecordDecisionInline]


@admin.register(RecordComment)
class RecordCommentAdmin(ReadOnlyAdmin):
    list_display = ["record", "member", "round", "is_objection", "resolution", "created_at"]
    list_filter = ["is_objection", "resolution", "record__meeting"]
    list_select_related = ["record__meeting", "record__document", "member"]
    search_fields = ["text", "reply", "member__name"]


@admin.register(RecordDecision)
class RecordDecisionAdmin(ReadOnlyAdmin):
    list_display = ["agenda_item", "record"]
    list_select_related = ["agenda_item", "record__meeting", "record__document"]
    search_fields = ["text", "agenda_item__title"]
