import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.dateformat import format as date_format
from django.utils.formats import date_format as localised_date
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from asem_customs.names import name_language

register = template.Library()

# As django.utils.html.json_script escapes: nothing in the data can close the element.
JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


# One way to write each kind of date, on pages, in mail and in PDFs, in each language: the
# named formats of asem_customs/formats/<language>/formats.py (English: 14 February 2027,
# 14 February 2027, 09:30), else Django's for the language.
DATE_FORMAT = "DATE_FORMAT"
DATETIME_FORMAT = "DATETIME_FORMAT"


@register.filter
def date_long(day):
    """'14 February 2027'; empty for no date."""
    return localised_date(day, DATE_FORMAT) if day else ""


@register.filter
def date_range(start, end=None):
    """A range written as one: '14–15 February 2027', '30 September – 2 October 2019',
    '30 December 2026 – 2 January 2027', or one day when both are the same."""
    if not start:
        return date_long(end)
    if end is None or end == start:
        return date_long(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{date_format(start, 'j')}\u2013{date_long(end)}"
    if start.year == end.year:
        return f"{localised_date(start, 'MONTH_DAY_FORMAT')} \u2013 {date_long(end)}"
    return f"{date_long(start)} \u2013 {date_long(end)}"


@register.filter
def datetime_in_zone(value, zone=None):
    """'14 February 2027, 09:30 Bangkok time': the moment in the meeting's zone (a zone name
    such as 'Asia/Bangkok', or the site's zone), the zone said by its city, never '+07'."""
    if not value:
        return ""
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    tz = ZoneInfo(str(zone)) if zone else timezone.get_current_timezone()
    local = timezone.localtime(value, tz) if timezone.is_aware(value) else value
    if tz.key in ("UTC", "Etc/UTC"):
        return f"{localised_date(local, DATETIME_FORMAT)} UTC"
    city = str(tz.key).rsplit("/", 1)[-1].replace("_", " ")
    return _("%(moment)s %(city)s time") % {
        "moment": localised_date(local, DATETIME_FORMAT), "city": city}


@register.filter
def meeting_dates(meeting):
    """'16–17 October 2017', '30 September – 2 October 2019', or only the year when the
    dates are not yet known."""
    if meeting.start_date is None:
        return str(meeting.year)
    return date_range(meeting.start_date, meeting.end_date)


@register.filter
def meeting_place_and_time(meeting):
    """'Berlin, Germany, 16–17 October 2017' or 'Viet Nam, 2019'."""
    place = meeting.place or _("Place to be announced")
    return f"{place}, {meeting_dates(meeting)}"


@register.filter
def rounded_count(number):
    """'more than 140' for 146: how a summary speaks of a crowd; exact below twenty or on a
    round number."""
    if number < 20 or number % 10 == 0:
        return str(number)
    return _("more than %(count)s") % {"count": number // 10 * 10}


@register.simple_tag(takes_context=True)
def meeting_json_ld(context, meeting):
    """schema.org Event data of a meeting, as a JSON-LD data block (not a script: browsers
    do not run it, so a strict Content-Security-Policy allows it)."""
    request = context["request"]
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": meeting.title,
        "url": request.build_absolute_uri(meeting.get_absolute_url()),
        "description": meeting_summary_lead(meeting),
        "startDate": meeting.start_date.isoformat() if meeting.start_date else str(meeting.year),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
    }
    if meeting.end_date:
        data["endDate"] = meeting.end_date.isoformat()
    address = {"@type": "PostalAddress"}
    if meeting.city:
        address["addressLocality"] = meeting.city
    if meeting.host_member and len(meeting.host_member.code) == 2:
        address["addressCountry"] = meeting.host_member.code
    data["location"] = {
        "@type": "Place",
        "name": meeting.venue or meeting.place or _("To be announced"),
        "address": address,
    }
    organisers = meeting.host_organisation_list
    if organisers:
        data["organizer"] = [{"@type": "Organization", "name": name} for name in organisers]
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(JSON_ESCAPES)),  # noqa: S308 - escaped just above
    )


@register.filter
def meeting_summary_lead(meeting):
    """The first paragraph of the summary, or where and when: for descriptions and previews."""
    lead = meeting.summary.strip().split("\n\n")[0].replace("\n", " ").strip()
    return lead or meeting_place_and_time(meeting)


@register.filter
def person_name(name, member=None):
    """A person's name, in a `<span lang>` of the language of its script when that is known
    (asem_customs.names): `{{ registration.full_name|person_name:registration.member }}`.
    `member` is a Member or its code; it decides for Han and Cyrillic names."""
    code = getattr(member, "code", member) or ""
    language = name_language(str(name or ""), code)
    if not language:
        return conditional_escape(name or "")
    return format_html('<span lang="{}">{}</span>', language, name)
