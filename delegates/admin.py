from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import FocalPoint, Registration, RegistrationLogEntry


@admin.register(FocalPoint)
class FocalPointAdmin(admin.ModelAdmin):
    list_display = ["user", "member", "invited_at"]
    list_filter = ["member__region", "member"]
    search_fields = ["user__username", "user__email", "user__last_name", "member__name"]
    list_select_related = ["user", "member"]
    autocomplete_fields = ["member"]
    raw_id_fields = ["user", "invited_by"]


class RegistrationLogEntryInline(admin.TabularInline):
    model = RegistrationLogEntry
    extra = 0
    can_delete = False
    fields = ["created_at", "action", "from_status", "to_status", "actor", "note"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Registration)
class RegistrationAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "member", "meeting", "role", "status", "created_at",
                    "attended_at"]
    list_filter = ["meeting", "status", "role", "member__region", "member"]
    search_fields = ["given_name", "family_name", "name_latin", "email", "organisation",
                     "member__name"]
    list_select_related = ["member", "meeting"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["member"]
    raw_id_fields = ["registered_by"]
    readonly_fields = ["status", "badge_code", "attended_at", "created_at", "updated_at",
                       "status_changed_at"]
    inlines = [RegistrationLogEntryInline]


@admin.register(RegistrationLogEntry)
class RegistrationLogEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "registration", "action", "from_status", "to_status",
                    "actor"]
    list_filter = ["action", "to_status"]
    search_fields = ["registration__family_name", "registration__email", "note"]
    list_select_related = ["registration", "actor"]
    date_hierarchy = "created_at"

    def has_change_permission(self, request, obj=None):
        return False
