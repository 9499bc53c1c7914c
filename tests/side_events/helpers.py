import datetime as dt

from django.utils import timezone

from side_events.models import SideEvent
from tests.factories import MeetingFactory, RegistrationFactory, member


def side_event(meeting=None, *, capacity=2, delegation_cap=None, name=None, **extra):
    meeting = meeting or MeetingFactory()
    starts = timezone.make_aware(dt.datetime.combine(meeting.start_date, dt.time(19, 30)))
    return SideEvent.objects.create(
        meeting=meeting, name=name or f"Official dinner {SideEvent.objects.count() + 1}",
        place="Hotel Example, ballroom", starts_at=starts, capacity=capacity,
        delegation_cap=delegation_cap, **extra)


def people(meeting, count, code="DE", **extra):
    return [RegistrationFactory(meeting=meeting, member=member(code), **extra)
            for _ in range(count)]
