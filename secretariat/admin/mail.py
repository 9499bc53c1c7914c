from django.contrib import admin

from asem_customs.admin_lookups import SensitiveLookupsAdminMixin
from asem_customs.roles import can_manage_outbox
from mail.models import OutgoingEmail


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(SensitiveLookupsAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "to", "subject", "kind", "attempts", "sent_at"]
    list_filter = ["kind", ("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["to", "subject"]
    date_hierarchy = "created_at"
    raw_id_fields = ["registration"]
    # The body is the stored one: its personal link is a placeholder (see mail.outbox).
    readonly_fields = ["to", "subject", "body", "kind", "link", "registration", "created_at",
                       "next_attempt_at", "attempts", "sent_at", "last_error"]
    exclude = ["link_version", "user"]

    def has_module_permission(self, request):
        return can_manage_outbox(request.user)

    def has_view_permission(self, request, obj=None):
        return can_manage_outbox(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return can_manage_outbox(request.user) and super().has_delete_permission(request, obj)
