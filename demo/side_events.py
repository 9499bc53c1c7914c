"""Side events of the demonstration meeting (Bangkok): a Customs-Trade Day as the 12th
Meeting held one, the official dinner and a site visit with few seats, signed up for
through the same service as the delegates' pages. The 12th Meeting (Berlin, 2017) gets
none: it is long past and its account names no sign-ups."""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from asem_customs.roles import SYSTEM
from delegates.enums import SEAT_HOLDING_STATUSES
from side_events.models import SideEvent
from side_events.services import SignupError, signup_create

# (name, description, place, day of the meeting, hour, minutes long, seats, per member,
#  share of people who sign up)
EVENTS = [
    ("Customs-Trade Day", "Customs administrations and business associations on trade "
     "facilitation and Authorized Economic Operator schemes.",
     "Demonstration Convention Centre, Hall B", -1, 9, 7 * 60, 120, None, 0.5),
    ("Official dinner", "Offered by the host administration to the heads of delegation "
     "and delegates.", "Riverside Demonstration Hotel, ballroom", 0, 19, 150, 80, 3, 0.7),
    ("Site visit: port of Bangkok", "The customs clearance of containers at the port; "
     "closed shoes, passport needed at the gate.", "Port of Bangkok (coach from the venue)",
     1, 14, 180, 24, 2, 0.35),
]


def _at(meeting, day, hour):
    date = meeting.start_date + dt.timedelta(days=day)
    return timezone.make_aware(dt.datetime.combine(date, dt.time(hour)))


@transaction.atomic
def load_demo_side_events(meeting):
    """The side events of `meeting` and some sign-ups; nothing when it has side events
    already. Returns how many sign-ups were made."""
    if meeting.start_date is None or SideEvent.objects.filter(meeting=meeting).exists():
        return 0
    rng = random.Random(21)
    people = list(meeting.registrations.filter(status__in=SEAT_HOLDING_STATUSES)
                  .order_by("pk"))
    made = 0
    for name, description, place, day, hour, minutes, seats, cap, share in EVENTS:
        starts = _at(meeting, day, hour)
        event = SideEvent.objects.create(
            meeting=meeting, name=name, description=description, place=place,
            starts_at=starts, ends_at=starts + dt.timedelta(minutes=minutes),
            capacity=seats, delegation_cap=cap)
        for registration in people:
            if rng.random() < share:
                try:
                    signup_create(event=event, registration=registration, actor=SYSTEM,
                                  by_secretariat=True)
                except SignupError:
                    continue
                made += 1
    return made
