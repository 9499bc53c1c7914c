"""A meeting as an iCalendar file (RFC 5545): the meeting itself and its timed agenda items.

UIDs are built from primary keys and the site's host name, so a calendar that imports the
file twice updates the events instead of duplicating them.
"""

import datetime as dt
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from icalendar import Calendar, Event

from meetings.templatetags.meeting_tags import meeting_place_and_time

PRODUCT_ID = "-//ASEM Customs Meetings//Public calendar//EN"


def _uid_domain():
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def meeting_uid(meeting):
    return f"meeting-{meeting.pk}@{_uid_domain()}"


def agenda_item_uid(item):
    return f"agenda-item-{item.pk}@{_uid_domain()}"


def _zone(meeting):
    try:
        return ZoneInfo(meeting.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        return dt.UTC


def _location(meeting):
    return ", ".join(part for part in (meeting.venue, meeting.place) if part)


def _meeting_event(meeting, url, stamp):
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", stamp)
    event.add("summary", meeting.title)
    event.add("dtstart", meeting.start_date)
    # All-day events end on the day after the last one (DTEND is exclusive).
    event.add("dtend", (meeting.end_date or meeting.start_date) + dt.timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    event.add("url", url)
    if _location(meeting):
        event.add("location", _location(meeting))
    event.add("description", meeting.summary or meeting_place_and_time(meeting))
    return event


def _agenda_event(meeting, item, url, stamp, zone):
    event = Event()
    event.add("uid", agenda_item_uid(item))
    event.add("dtstamp", stamp)
    event.add("summary", f"{item.title} \u2014 {meeting.title}")
    event.add("dtstart", item.starts_at.astimezone(zone))
    if item.ends_at:
        event.add("dtend", item.ends_at.astimezone(zone))
    event.add("url", url)
    if _location(meeting):
        event.add("location", _location(meeting))
    text = item.description or item.outcome
    if text:
        event.add("description", text)
    return event


def meeting_calendar(meeting, agenda_items, *, meeting_url, agenda_url):
    """The iCalendar text (bytes) of a meeting whose dates are known."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", meeting.title)
    stamp = meeting.updated_at.astimezone(dt.UTC)
    zone = _zone(meeting)
    calendar.add_component(_meeting_event(meeting, meeting_url, stamp))
    for item in agenda_items:
        if item.starts_at:
            calendar.add_component(_agenda_event(meeting, item, agenda_url, stamp, zone))
    if zone is not dt.UTC:
        # Only the rules around the meeting: a calendar does not need fifty years of them.
        year = meeting.start_date.year
        calendar.add_missing_timezones(
            first_date=dt.date(year - 1, 1, 1), last_date=dt.date(year + 2, 1, 1)
        )
    return calendar.to_ical()


def series_calendar(series, meetings, *, url_for):
    """The iCalendar text (bytes) of every meeting of `series` whose dates are known, one
    all-day event each, with the same UIDs as the meetings' own files (a calendar holding
    both shows each meeting once). `url_for(meeting)` is the meeting page's address."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", series.name)
    for meeting in meetings:
        if meeting.dates_known:
            stamp = meeting.updated_at.astimezone(dt.UTC)
            calendar.add_component(_meeting_event(meeting, url_for(meeting), stamp))
    return calendar.to_ical()
