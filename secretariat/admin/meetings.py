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
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)
from simple_history.admin import SimpleHistoryAdmin

from asem_customs.admin_lookups import SensitiveLookupsAdminMixin
from asem_customs.admin_widgets import LabelledDateTimeMixin
from asem_customs.translated_content import in_every_language
from meetings.models import (
    AgendaItem,
    Meeting,
    MeetingSeries,
    Member,
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


class AgendaItemInline(LabelledDateTimeMixin, TranslationStackedInline):
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
                   TranslationAdmin, SimpleHistoryAdmin):
    list_display = ["title", "series", "number", "host_member", "city", "year", "start_date",
                    "status", "capacity", "delegation_cap", "workspace"]
    list_filter = ["series", "status", "host_member__region", "year"]
    search_fields = [*in_every_language("title"), "city", "venue", "host_member__name"]
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
                                     ("capacity", "delegation_cap"), "photos"]}),
        ("Online participation", {"fields": ["online_capacity",
                                             "online_connection_details"]}),
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
        if change and {"capacity", "delegation_cap", "online_capacity"} & set(form.changed_data):
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
class TopicAdmin(TranslationAdmin):
    list_display = ["name", "slug"]
    search_fields = in_every_language("name")
    prepopulated_fields = {"slug": ["name"]}


@admin.register(ReportingBody)
class ReportingBodyAdmin(TranslationAdmin):
    list_display = ["name", "slug"]
    search_fields = in_every_language("name")
    prepopulated_fields = {"slug": ["name"]}


class SpeakerInline(TranslationTabularInline):
    model = Speaker
    extra = 0
    autocomplete_fields = ["member"]


@admin.register(AgendaItem)
class AgendaItemAdmin(MeetingTimeZoneMixin, LabelledDateTimeMixin, TranslationAdmin,
                      SimpleHistoryAdmin):
    list_display = ["__str__", "meeting", "kind", "starts_local"]
    list_filter = ["meeting", "kind", "topics"]
    search_fields = [*in_every_language("title", "description", "outcome"),
                     *(f"meeting__{name}" for name in in_every_language("title"))]
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
class SpeakerAdmin(TranslationAdmin):
    list_display = ["name", "position", "agenda_item", "member"]
    list_filter = ["agenda_item__meeting"]
    search_fields = ["name", *in_every_language("position", "organisation")]
    list_select_related = ["agenda_item", "member"]
    autocomplete_fields = ["member"]
