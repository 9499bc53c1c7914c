"""Accreditation in the admin: the questions each meeting asks and its credentials rule are
set here; the credentials themselves are read here and accepted or returned on the staff
page (`/staff/<meeting>/credentials/`), which writes the audit entry and mails the focal
point. Answers are given on the registration's own page (`registrations.py`)."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy

from accreditation.models import (
    Answer,
    Credentials,
    CredentialsLogEntry,
    MeetingAccreditation,
    Question,
)
from asem_customs.admin_lookups import SensitiveLookupsAdminMixin

from .read_only import NoAddOrChangeAdmin, ReadOnlyAdmin


@admin.register(MeetingAccreditation)
class MeetingAccreditationAdmin(admin.ModelAdmin):
    list_display = ["meeting", "credentials_required", "confirmation_awaits_credentials"]
    list_select_related = ["meeting"]
    autocomplete_fields = ["meeting"]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["label", "meeting", "kind", "required", "visible_to", "position"]
    list_editable = ["position"]
    list_filter = ["meeting", "kind", "visible_to", "required"]
    list_select_related = ["meeting"]
    search_fields = ["label"]
    autocomplete_fields = ["meeting"]
    fields = ["meeting", "label", "help_text", "kind", "choices", "required", "visible_to",
              "position"]


@admin.register(Answer)
class AnswerAdmin(SensitiveLookupsAdminMixin, NoAddOrChangeAdmin):
    """Answers are read here; they are given and changed on the registration's page."""

    list_display = ["registration", "question", "value", "updated_at"]
    list_filter = ["question__meeting"]
    list_select_related = ["registration", "question"]
    fields = ["registration", "question", "value", "content_type", "updated_at"]
    readonly_fields = fields


class CredentialsLogEntryInline(admin.TabularInline):
    model = CredentialsLogEntry
    fields = ["created_at", "action", "actor", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Credentials)
class CredentialsAdmin(SensitiveLookupsAdminMixin, NoAddOrChangeAdmin):
    list_display = ["member", "meeting", "state", "submitted_at", "reviewed_at"]
    list_filter = ["state", "meeting"]
    list_select_related = ["meeting", "member"]
    search_fields = ["member__name", "name"]
    fields = ["meeting", "member", "state", "letter", "size", "sha256", "submitted_by",
              "submitted_at", "reviewed_by", "reviewed_at", "return_reason", "review"]
    readonly_fields = fields
    inlines = [CredentialsLogEntryInline]

    @admin.display(description=gettext_lazy("file"))
    def letter(self, obj):
        return format_html('<a href="{}">{}</a>',
                           reverse("accreditation:credentials_file", args=[obj.pk]), obj.name)

    @admin.display(description=gettext_lazy("accept or return"))
    def review(self, obj):
        return format_html('<a href="{}">{}</a>',
                           reverse("accreditation:staff_credentials", args=[obj.meeting.slug]),
                           gettext_lazy("On the credentials page of the meeting"))


@admin.register(CredentialsLogEntry)
class CredentialsLogEntryAdmin(ReadOnlyAdmin):
    list_display = ["credentials", "action", "actor", "created_at"]
    list_filter = ["action"]
    list_select_related = ["credentials__meeting", "credentials__member", "actor"]
