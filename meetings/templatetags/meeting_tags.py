from django import template
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def meeting_dates(meeting):
    """'16–17 October 2017', '30 September – 2 October 2019', or only the year when the
    dates are not yet known."""
    start, end = meeting.start_date, meeting.end_date
    if start is None:
        return str(meeting.year)
    if end is None or end == start:
        return date_format(start, "j F Y")
    if (start.year, start.month) == (end.year, end.month):
        return f"{date_format(start, 'j')}\u2013{date_format(end, 'j F Y')}"
    if start.year == end.year:
        return f"{date_format(start, 'j F')} \u2013 {date_format(end, 'j F Y')}"
    return f"{date_format(start, 'j F Y')} \u2013 {date_format(end, 'j F Y')}"


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
