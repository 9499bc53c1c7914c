import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from simple_history.admin import SimpleHistoryAdmin

from asem_customs.admin_lookups import SensitiveLookupsAdminMixin
from asem_customs.admin_widgets import LabelledDateTimeMixin

from .models import (
    ActionArea,
    ActionPlan,
    ActionPoint,
    ActionPointStatusChange,
    AgendaItem,
    Meeting,
    MeetingSeries,
    Member,
    ProgressReport,
    ProgressReportAttachment,
    ReportingBody,
    Speaker,
    Topic,
)


def _zone(name):
    try:
        return ZoneInfo(str(name or ""))
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        return None


def zone_help_text(zone, when=None):
    """'Times in Asia/Bangkok (UTC+07:00)': the zone staff type and read the times in."""
    offset = timezone.localtime(when or timezone.now(), zone).strftime("%z")
    return _("Times in %(zone)s (UTC%(offset)s).") % {
        "zone": zone.key, "offset": f"{offset[:3]}:{offset[3:]}"}


def _name_the_zone(form_class, zone, when=None):
    """Say on each date-and-time field of the form which zone its time is in."""
    for field in form_class.base_fields.values():
        if isinstance(field, forms.SplitDateTimeField | forms.DateTimeField):
            field.help_text = zone_help_text(zone, when)


class MeetingTimeZoneMixin:
    """The change form of a meeting, or of what belongs to one, shows and reads its times in
    the meeting's own time zone (the one staff and delegates think in), not the server's.
    The form is rendered inside the override too: widgets turn times into local ones then."""

    def meeting_zone(self, request, obj):
        raise NotImplementedError

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id)) if object_id else None
        zone = self.meeting_zone(request, obj) or _zone(settings.TIME_ZONE)
        with timezone.override(zone):
            response = super().changeform_view(request, object_id, form_url, extra_context)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        return response


def _meeting_date(meeting):
    """The moment whose UTC offset the help text names: the meeting's first day."""
    if meeting is not None and meeting.start_date:
        return timezone.make_aware(
            dt.datetime.combine(meeting.start_date, dt.time()),
            _zone(meeting.time_zone) or timezone.get_current_timezone())
    return None


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


class AgendaItemInline(LabelledDateTimeMixin, admin.StackedInline):
    model = AgendaItem
    extra = 0
    fields = [("position", "kind"), "title", ("starts_at", "ends_at"), "topics",
              "reporting_bodies", "reviews_plan", "description", "outcome"]
    autocomplete_fields = ["topics", "reporting_bodies"]
    show_change_link = True

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        _name_the_zone(formset.form, timezone.get_current_timezone(), _meeting_date(obj))
        return formset


@admin.register(Meeting)
class MeetingAdmin(MeetingTimeZoneMixin, LabelledDateTimeMixin, SensitiveLookupsAdminMixin,
                   SimpleHistoryAdmin):
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

    def meeting_zone(self, request, obj):
        # A zone typed on this form counts already: the times beside it are in that zone.
        if request.method == "POST" and _zone(request.POST.get("time_zone")):
            return _zone(request.POST["time_zone"])
        return _zone(obj.time_zone) if obj is not None else None

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        _name_the_zone(form, timezone.get_current_timezone(), _meeting_date(obj))
        return form

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
class AgendaItemAdmin(MeetingTimeZoneMixin, LabelledDateTimeMixin, SimpleHistoryAdmin):
    list_display = ["__str__", "meeting", "kind", "starts_local"]
    list_filter = ["meeting", "kind", "topics"]
    search_fields = ["title", "description", "outcome", "meeting__title"]
    list_select_related = ["meeting"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["topics", "reporting_bodies", "meeting"]
    inlines = [SpeakerInline]

    def meeting_zone(self, request, obj):
        meeting_id = request.POST.get("meeting") or request.GET.get("meeting")
        if obj is None and meeting_id and str(meeting_id).isdigit():
            obj_meeting = Meeting.objects.filter(pk=meeting_id).only("time_zone").first()
        else:
            obj_meeting = obj.meeting if obj is not None else None
        return _zone(obj_meeting.time_zone) if obj_meeting is not None else None

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None:
            _name_the_zone(form, timezone.get_current_timezone(), _meeting_date(obj.meeting))
        else:
            for name in ("starts_at", "ends_at"):
                form.base_fields[name].help_text = _("In the meeting's own time zone.")
        return form

    @admin.display(description=gettext_lazy("starts at (meeting's time)"),
                   ordering="starts_at")
    def starts_local(self, obj):
        if obj.starts_at is None:
            return "-"
        zone = _zone(obj.meeting.time_zone) or timezone.get_current_timezone()
        return f"{timezone.localtime(obj.starts_at, zone):%Y-%m-%d %H:%M} {zone.key}"


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "agenda_item", "member"]
    list_filter = ["agenda_item__meeting"]
    search_fields = ["name", "position", "organisation"]
    list_select_related = ["agenda_item", "member"]
    autocomplete_fields = ["member"]


@admin.register(ActionArea)
class ActionAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class ActionPointInline(admin.StackedInline):
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
class ActionPlanAdmin(SimpleHistoryAdmin):
    list_display = ["title", "meeting", "period_start", "period_end", "adopted_on"]
    list_filter = ["meeting"]
    search_fields = ["title", "summary"]
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


@admin.register(ActionPoint)
class ActionPointAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "plan", "area", "status", "target_date", "is_illustrative"]
    list_filter = ["plan", "area", "status", "lead_members__region"]
    search_fields = ["title", "description"]
    list_select_related = ["plan", "area"]
    date_hierarchy = "target_date"
    autocomplete_fields = ["area", "lead_members", "participating_members"]
    raw_id_fields = ["carried_over_from"]
    readonly_fields = ["status"]
    inlines = [ActionPointStatusChangeInline]


@admin.register(ActionPointStatusChange)
class ActionPointStatusChangeAdmin(admin.ModelAdmin):
    list_display = ["action_point", "from_status", "to_status", "effective_on", "actor",
                    "recorded_at"]
    list_filter = ["to_status", "action_point__plan"]
    search_fields = ["action_point__title", "note"]
    list_select_related = ["action_point", "actor"]
    date_hierarchy = "effective_on"
    raw_id_fields = ["action_point", "report", "actor"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


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
    inlines = [ProgressReportAttachmentInline]


@admin.register(ProgressReportAttachment)
class ProgressReportAttachmentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "report", "uploaded_at"]
    search_fields = ["title", "report__action_point__title"]
    list_select_related = ["report", "report__action_point"]
    raw_id_fields = ["report"]
