"""The meeting's iCalendar file, attached to the confirmation mail when it leaves (this app
registers it with the outbox, which may not import the public site)."""

from django.conf import settings
from django.urls import reverse

from meetings.selectors import agenda_items_for

from .calendar import meeting_calendar


def meeting_calendar_attachment(email):
    registration = email.registration
    if registration is None or not registration.meeting.dates_known:
        return []
    meeting = registration.meeting
    content = meeting_calendar(
        meeting, agenda_items_for(meeting),
        meeting_url=settings.SITE_URL + meeting.get_absolute_url(),
        agenda_url=settings.SITE_URL + reverse("public:meeting_agenda",
                                               kwargs={"slug": meeting.slug}),
    )
    return [(f"{meeting.slug}.ics", content, "text/calendar")]


def register():
    from mail.outbox import register_attachments

    register_attachments("registration_confirmed", meeting_calendar_attachment)
