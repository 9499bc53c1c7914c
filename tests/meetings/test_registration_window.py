"""The registration window of a meeting: one rule for the public form and anything that asks."""

import datetime as dt

import pytest
from django.utils import timezone

from meetings.enums import MeetingStatus
from tests.factories import MeetingFactory

NOW = timezone.now()
DAY = dt.timedelta(days=1)


@pytest.mark.parametrize(("status", "opens", "closes", "window"), [
    (MeetingStatus.REGISTRATION_OPEN, NOW - DAY, NOW + DAY, "open"),
    (MeetingStatus.REGISTRATION_OPEN, None, None, "open"),
    (MeetingStatus.REGISTRATION_OPEN, NOW + DAY, NOW + 2 * DAY, "not_yet_open"),
    (MeetingStatus.ANNOUNCED, None, None, "not_yet_open"),
    (MeetingStatus.REGISTRATION_OPEN, NOW - 2 * DAY, NOW - DAY, "closed"),
    (MeetingStatus.REGISTRATION_CLOSED, None, None, "closed"),
])
def test_registration_window_of_a_meeting(db, status, opens, closes, window):
    meeting = MeetingFactory.build(status=status, registration_opens_at=opens,
                                   registration_closes_at=closes)

    assert meeting.registration_window(NOW) == window


@pytest.mark.parametrize(("status", "opens", "text"), [
    (MeetingStatus.ANNOUNCED, None, "registration is not open yet"),
    (MeetingStatus.REGISTRATION_CLOSED, None, "registration is closed"),
])
def test_register_page_says_what_the_window_is(client, db, status, opens, text):
    meeting = MeetingFactory(status=status, registration_opens_at=opens)

    response = client.get(f"/meetings/{meeting.slug}/register/")

    assert response.status_code == 200
    assert text in response.content.decode().lower()
