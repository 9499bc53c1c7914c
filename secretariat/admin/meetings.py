from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy, ngettext
from simple_history.admin import SimpleHistoryAdmin

from asem_customs.admin_lookups import SensitiveLookupsAdminMixin
from meetings.models import (
    AgendaItem,
    Meeting,
    MeetingSeries,
    Member,
    ReportingBody,
    Speaker,
    Topic,
)


@admin.register(Member)
class MemberAdmin(SensitiveLookupsAdminMixin, admin.ModelAdmin):
    list_display = ["name", "code", "kind", "region", "joined_year"]
    list_filter = ["kind", "region"]
    search_fields = ["name", "code"]


@admin.register(MeetingSeries)
class MeetingSeriesAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "frequency_years", "is_demo"]
    list_filter = ["is_demo"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["short_name"]}


class AgendaItemInline(admin.StackedInline):
    model = AgendaItem
    extra = 0
    fields = [("position", "kind"), "title", ("starts_at", "ends_at"), "topics",
              "reporting_bodies", "reviews_plan", "description", "outcome"]
    autocomplete_fields = ["topics", "reporting_bodies"]
    show_change_link = True


@admin.register(Meeting)
class MeetingAdmin(SensitiveLookupsAdminMixin, SimpleHistoryAdmin):
    list_display = ["title", "series", "number", "host_member", "city", "year", "start_date",
                    "status", "capacity", "delegation_cap", "workspace"]
    list_filter = ["series", "status", "host_member__region", "year"]
    search_fields = ["title", "city", "venue", "host_member__name"]
    list_select_related = ["series", "host_member"]
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["host_member"]
    inlines = [AgendaItemInline]
    fieldsets = [
        (None, {"fields": ["series", "number", "title", "slug", "status"]}),
        ("Place and dates", {"fields": ["host_member", "host_organisations", "city", "venue",
                                        "year", ("start_date", "end_date"), "time_zone"]}),
        ("Registration", {"fields": [("registration_opens_at", "registration_closes_at"),
                                     ("capacity", "delegation_cap")]}),
        ("Publication", {"fields": ["summary", "publish_participants", "list_host_first"]}),
    ]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and {"capacity", "delegation_cap"} & set(form.changed_data):
            # More seats: the waiting list moves up under the seat rules, as anywhere else.
            from delegates.services import waiting_list_fill

            promoted = waiting_list_fill(meeting=obj, actor=request.user)
            if promoted:
                self.message_user(request, ngettext(
                    "%(count)d registration moved from the waiting list to a seat.",
                    "%(count)d registrations moved from the waiting list to a seat.",
                    len(promoted)) % {"count": len(promoted)})

    @admin.display(description=gettext_lazy("secretariat workspace"))
    def workspace(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("staff:dashboard", args=[obj.slug]),
                           gettext_lazy("Dashboard"))


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(ReportingBody)
class ReportingBodyAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class SpeakerInline(admin.TabularInline):
    model = Speaker
    extra = 0
    autocomplete_fields = ["member"]


@admin.register(AgendaItem)
class AgendaItemAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "meeting", "kind", "starts_at"]
    list_filter = ["meeting", "kind", "topics"]
    search_fields = ["title", "description", "outcome", "meeting__title"]
    list_select_related = ["meeting"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["topics", "reporting_bodies", "meeting"]
    inlines = [SpeakerInline]


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "agenda_item", "member"]
    list_filter = ["agenda_item__meeting"]
    search_fields = ["name", "position", "organisation"]
    list_select_related = ["agenda_item", "member"]
    autocomplete_fields = ["member"]
