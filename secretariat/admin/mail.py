from django.contrib import admin
from django.utils.translation import gettext_lazy

from asem_customs.admin_lookups import SensitiveLookupsAdminMixin
from asem_customs.roles import can_manage_outbox
from delegates.enums import MAIL_KINDS, mail_kind_words
from mail.models import OutgoingEmail


class MailKindFilter(admin.SimpleListFilter):
    title = gettext_lazy("kind")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return list(MAIL_KINDS.items())

    def queryset(self, request, queryset):
        return queryset.filter(kind=self.value()) if self.value() else queryset


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(SensitiveLookupsAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "to", "subject", "kind_words", "attempts", "sent_at"]
    list_filter = [MailKindFilter, ("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["to", "subject"]
    date_hierarchy = "created_at"
    raw_id_fields = ["registration"]
    # The body is the stored one: its personal link is a placeholder (see mail.outbox).
    readonly_fields = ["to", "subject", "body", "kind_words", "link", "registration",
                       "created_at", "next_attempt_at", "attempts", "sent_at", "last_error"]
    exclude = ["link_version", "user", "kind"]

    @admin.display(description=gettext_lazy("kind"), ordering="kind")
    def kind_words(self, obj):
        return mail_kind_words(obj.kind)

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
