"""Dates read one way per kind: a day, a range written as a range, a moment with its zone
named, on pages, in mail, in PDFs and in the admin."""

import datetime as dt

import pytest
from django.utils import formats

from meetings.templatetags.meeting_tags import date_long, date_range, datetime_in_zone


def test_date_long():
    assert date_long(dt.date(2027, 2, 14)) == "14 February 2027"
    assert date_long(None) == ""


@pytest.mark.parametrize("start, end, text", [
    (dt.date(2027, 2, 14), dt.date(2027, 2, 15), "14–15 February 2027"),
    (dt.date(2027, 2, 14), dt.date(2027, 2, 14), "14 February 2027"),
    (dt.date(2027, 2, 14), None, "14 February 2027"),
    (dt.date(2019, 9, 30), dt.date(2019, 10, 2), "30 September – 2 October 2019"),
    (dt.date(2026, 12, 30), dt.date(2027, 1, 2), "30 December 2026 – 2 January 2027"),
])
def test_date_range(start, end, text):
    assert date_range(start, end) == text


def test_datetime_in_zone_names_the_zone():
    moment = dt.datetime(2027, 1, 31, 16, 59, tzinfo=dt.UTC)
    assert datetime_in_zone(moment, "Asia/Bangkok") == "31 January 2027, 23:59 Bangkok time"
    assert datetime_in_zone(moment, "Asia/Ho_Chi_Minh") == (
        "31 January 2027, 23:59 Ho Chi Minh time")
    assert datetime_in_zone(moment, "UTC") == "31 January 2027, 16:59 UTC"
    assert "+07" not in datetime_in_zone(moment, "Asia/Bangkok")


def test_admin_and_default_formats_are_the_sites():
    assert formats.date_format(dt.date(2026, 12, 1)) == "1 December 2026"
    assert formats.date_format(dt.datetime(2026, 12, 1, 11, 52), "DATETIME_FORMAT") == (
        "1 December 2026, 11:52")


@pytest.mark.django_db
def test_admin_change_list_writes_dates_the_sites_way(admin_client):
    from tests.factories import MeetingFactory

    MeetingFactory(start_date=dt.date(2027, 2, 14), end_date=dt.date(2027, 2, 15), year=2027)
    content = admin_client.get("/admin/meetings/meeting/").content.decode()
    assert "14 February 2027" in content
    assert "Feb. 14, 2027" not in content


@pytest.mark.django_db
def test_mail_details_write_the_meeting_as_a_range():
    from django.template.loader import render_to_string

    from tests.factories import MeetingFactory, RegistrationFactory

    meeting = MeetingFactory(start_date=dt.date(2027, 2, 14), end_date=dt.date(2027, 2, 15),
                             year=2027)
    registration = RegistrationFactory(meeting=meeting, arrival_date=dt.date(2027, 2, 13))
    text = render_to_string("mail/_details.txt",
                            {"meeting": meeting, "registration": registration})
    assert f"Meeting: {meeting.title} (14–15 February 2027" in text
    assert "Arrival: 13 February 2027" in text


@pytest.mark.django_db
def test_participants_pdf_writes_the_meeting_as_a_range():
    from secretariat.pdf.participants import participants_pdf
    from tests.factories import MeetingFactory
    from tests.pdf import pdf_text

    meeting = MeetingFactory(start_date=dt.date(2027, 2, 14), end_date=dt.date(2027, 2, 15),
                             year=2027)
    text = pdf_text(participants_pdf([], meeting=meeting))
    assert "14–15 February 2027" in text
    assert "14 February 2027 – 15 February 2027" not in text
