from django.contrib import admin
from django.utils.translation import gettext_lazy
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline
from simple_history.admin import SimpleHistoryAdmin

from action_plans.models import (
    ActionArea,
    ActionPlan,
    ActionPlanLogEntry,
    ActionPoint,
    ActionPointStatusChange,
    ProgressReport,
    ProgressReportAttachment,
)
from asem_customs.translated_content import in_every_language

from .read_only import NoAddOrChangeAdmin, ReadOnlyAdmin


@admin.register(ActionArea)
class ActionAreaAdmin(TranslationAdmin):
    list_display = ["name", "slug"]
    search_fields = in_every_language("name")
    prepopulated_fields = {"slug": ["name"]}


class ActionPointInline(TranslationStackedInline):
    model = ActionPoint
    extra = 0
    fields = [("number", "area", "status"), "title", "description", "expected_outputs",
              ("lead_members", "participating_members"), "target_date",
              ("is_new", "is_illustrative"), "carried_over_from"]
    autocomplete_fields = ["area", "lead_members", "participating_members"]
    raw_id_fields = ["carried_over_from"]
    # The official status changes when the secretariat accepts a progress report (/plans/),
    # which records who changed it and when; editing it here would skip that history.
    readonly_fields = ["status"]
    show_change_link = True


@admin.register(ActionPlan)
class ActionPlanAdmin(TranslationAdmin, SimpleHistoryAdmin):
    list_display = ["title", "meeting", "period_start", "period_end", "adopted_on"]
    list_filter = ["meeting"]
    search_fields = in_every_language("title", "summary")
    list_select_related = ["meeting"]
    date_hierarchy = "adopted_on"
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ActionPointInline]


class ActionPointStatusChangeInline(admin.TabularInline):
    model = ActionPointStatusChange
    extra = 0
    can_delete = False
    fields = ["effective_on", "from_status", "to_status", "actor", "report", "note",
              "recorded_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class ActionPlanLogEntryInline(admin.TabularInline):
    """Who did what to this point or report, and when: read-only, written by the services."""

    model = ActionPlanLogEntry
    fk_name = "action_point"
    extra = 0
    can_delete = False
    fields = ["created_at", "action", "actor", "note"]
    readonly_fields = fields
    verbose_name_plural = gettext_lazy("Log (who, when, what)")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ProgressReportLogEntryInline(ActionPlanLogEntryInline):
    fk_name = "progress_report"


@admin.register(ActionPoint)
class ActionPointAdmin(TranslationAdmin, SimpleHistoryAdmin):
    list_display = ["__str__", "plan", "area", "status", "target_date", "is_illustrative"]
    list_filter = ["plan", "area", "status", "lead_members__region"]
    search_fields = in_every_language("title", "description")
    list_select_related = ["plan", "area"]
    date_hierarchy = "target_date"
    autocomplete_fields = ["area", "lead_members", "participating_members"]
    raw_id_fields = ["carried_over_from"]
    readonly_fields = ["status"]
    inlines = [ActionPointStatusChangeInline, ActionPlanLogEntryInline]


@admin.register(ActionPointStatusChange)
class ActionPointStatusChangeAdmin(NoAddOrChangeAdmin):
    list_display = ["action_point", "from_status", "to_status", "effective_on", "actor",
                    "recorded_at"]
    list_filter = ["to_status", "action_point__plan"]
    search_fields = ["action_point__title", "note"]
    list_select_related = ["action_point", "actor"]
    date_hierarchy = "effective_on"
    raw_id_fields = ["action_point", "report", "actor"]


class ProgressReportAttachmentInline(admin.TabularInline):
    model = ProgressReportAttachment
    extra = 0


@admin.register(ProgressReport)
class ProgressReportAdmin(SimpleHistoryAdmin):
    list_display = ["action_point", "member", "report_date", "proposed_status", "state",
                    "author"]
    list_filter = ["state", "proposed_status", "action_point__plan", "member"]
    search_fields = ["text", "action_point__title", "member__name"]
    list_select_related = ["action_point", "member", "author"]
    date_hierarchy = "report_date"
    raw_id_fields = ["action_point", "author"]
    # Accepting and rejecting go through /plans/secretariat/reports/, which updates the
    # point's official status and keeps the history with the reviewer.
    readonly_fields = ["state", "reviewed_by", "reviewed_at", "review_note"]
    inlines = [ProgressReportAttachmentInline, ProgressReportLogEntryInline]


@admin.register(ProgressReportAttachment)
class ProgressReportAttachmentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "report", "uploaded_at"]
    search_fields = ["title", "report__action_point__title"]
    list_select_related = ["report", "report__action_point"]
    raw_id_fields = ["report"]


@admin.register(ActionPlanLogEntry)
class ActionPlanLogEntryAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "action", "plan", "action_point", "progress_report", "actor"]
    list_filter = ["action", "plan"]
    search_fields = ["action", "note", "actor__username", "action_point__title"]
    list_select_related = ["plan", "action_point", "progress_report__action_point",
                           "progress_report__member", "actor"]
    date_hierarchy = "created_at"
    raw_id_fields = ["plan", "action_point", "progress_report", "actor"]
