"""Circulars, reminders and mail templates in the admin: to read (the secretariat's pages
write them, through the services); a superuser removes a record if need be."""

from django.contrib import admin

from asem_customs import roles
from mail.models import MailTemplate

from .models import Circular, CircularDelivery, Reminder, ReminderRun


class ReadOnlyForTheSecretariat(admin.ModelAdmin):
    def has_module_permission(self, request):
        return roles.is_secretariat(request.user)

    def has_view_permission(self, request, obj=None):
        return roles.is_secretariat(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(MailTemplate)
class MailTemplateAdmin(ReadOnlyForTheSecretariat):
    list_display = ["kind", "meeting", "language", "subject", "updated_at", "updated_by"]
    list_filter = ["kind", "language"]
    list_select_related = ["meeting", "updated_by"]


@admin.register(Circular)
class CircularAdmin(ReadOnlyForTheSecretariat):
    list_display = ["subject", "meeting", "audience", "created_at", "total", "queued", "status"]
    list_filter = ["audience", "status"]
    list_select_related = ["meeting"]


@admin.register(CircularDelivery)
class CircularDeliveryAdmin(ReadOnlyForTheSecretariat):
    list_display = ["circular", "name", "member_name"]
    list_select_related = ["circular"]
    raw_id_fields = ["registration", "outgoing_email"]


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyForTheSecretariat):
    list_display = ["meeting", "kind", "days_before", "created_at"]
    list_select_related = ["meeting"]
    list_filter = ["kind"]


@admin.register(ReminderRun)
class ReminderRunAdmin(ReadOnlyForTheSecretariat):
    list_display = ["reminder", "ran_at", "recipients"]
    list_select_related = ["reminder"]
