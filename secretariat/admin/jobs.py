from django.contrib import admin

from asem_customs.admin_lookups import SensitiveLookupsAdminMixin

from ..models import Job


@admin.register(Job)
class JobAdmin(SensitiveLookupsAdminMixin, admin.ModelAdmin):
    """Background jobs, to see what ran and what failed. Read only: a job is started, followed,
    retried and downloaded from its own page (`/staff/jobs/<id>/`), which checks who may."""

    list_display = ["created_at", "kind", "meeting", "created_by", "state", "done", "total",
                    "finished_at"]
    list_filter = ["state", "kind"]
    list_select_related = ["meeting", "created_by"]
    date_hierarchy = "created_at"
    fields = ["public_id", "kind", "meeting", "created_by", "state", "attempt", "done", "total",
              "heartbeat_at", "error", "message", "created_at", "started_at", "finished_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
