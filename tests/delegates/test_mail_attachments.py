"""The confirmation mail carries the meeting's iCalendar file and the badge code as a QR,
made when it leaves; a mail is never held back for an attachment."""

import io

import pytest
from django.core import mail
from PIL import Image

from delegates import services
from tests.delegates.staff_helpers import editor
from tests.factories import MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def test_the_confirmation_carries_the_calendar_and_the_badge_code_as_a_qr(
        django_capture_on_commit_callbacks):
    import zxingcpp

    registration = RegistrationFactory(meeting=MeetingFactory(slug="thirteenth"))
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_confirm(registration=registration, actor=editor())

    (qr_name, qr, qr_type), (calendar_name, calendar, calendar_type) = \
        mail.outbox[0].attachments
    assert (calendar_name, calendar_type) == ("thirteenth.ics", "text/calendar")
    text = calendar.decode() if isinstance(calendar, bytes) else calendar
    assert "BEGIN:VEVENT" in text and registration.meeting.title in text
    assert (qr_name, qr_type) == ("badge-code.png", "image/png")
    codes = zxingcpp.read_barcodes(Image.open(io.BytesIO(qr)))
    assert [code.text for code in codes] == [registration.badge_code]


def test_a_meeting_without_dates_sends_the_qr_only(django_capture_on_commit_callbacks):
    registration = RegistrationFactory(meeting=MeetingFactory(start_date=None, end_date=None,
                                                              year=2030))
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_confirm(registration=registration, actor=editor())

    assert [name for name, _content, _type in mail.outbox[0].attachments] == [
        "badge-code.png"]


def test_other_mails_carry_no_attachment(django_capture_on_commit_callbacks):
    registration = RegistrationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_reject(registration=registration, actor=editor(), reason="x")

    assert mail.outbox[0].attachments == []
