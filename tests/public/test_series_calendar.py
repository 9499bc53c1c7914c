"""The calendar of a series: every meeting whose dates are known, one all-day event each,
with the UIDs of the meetings' own files."""

import datetime as dt

import pytest
from icalendar import Calendar

from meetings.models import MeetingSeries
from public.calendar import meeting_uid
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def test_series_calendar_holds_every_dated_meeting_of_the_series(client):
    first = MeetingFactory(number=1, start_date=dt.date(2030, 3, 4), end_date=dt.date(2030, 3, 5))
    second = MeetingFactory(number=2, start_date=dt.date(2032, 6, 1), end_date=dt.date(2032, 6, 2))
    MeetingFactory(number=3, start_date=None, end_date=None, year=2034, status="announced")
    other = MeetingSeries.objects.create(name="Other", short_name="Other", slug="other")
    MeetingFactory(series=other, number=1, slug="other-first")
    response = client.get(f"/series/{first.series.slug}/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == first.series.name
    events = calendar.walk("VEVENT")
    assert [str(event["UID"]) for event in events] == [meeting_uid(first), meeting_uid(second)]
    assert events[0].decoded("DTSTART") == dt.date(2030, 3, 4)
    assert events[0].decoded("DTEND") == dt.date(2030, 3, 6)
    assert str(events[1]["URL"]) == f"http://testserver/meetings/{second.slug}/"


def test_series_page_links_its_calendar(client):
    meeting = MeetingFactory()
    page = client.get(f"/series/{meeting.series.slug}/").content.decode()
    assert f'href="/series/{meeting.series.slug}/calendar.ics"' in page


def test_unknown_series_calendar_is_404(client):
    assert client.get("/series/nothing/calendar.ics").status_code == 404
