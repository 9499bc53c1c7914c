"""Factories for tests. Members come from the shipped data (a migration loads them)."""

import datetime as dt

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from action_plans.models import ActionArea, ActionPlan, ActionPoint
from delegates.enums import RegistrationStatus, Role
from delegates.models import FocalPoint, Registration
from logistics.models import Hotel, RoomBlock
from meetings.enums import AgendaItemKind, MeetingStatus
from meetings.models import AgendaItem, Meeting, MeetingSeries, Member, Topic


def member(code):
    """One of the shipped members, by short code."""
    return Member.objects.get(code=code)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct-horse-battery")


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingSeries
        django_get_or_create = ["slug"]

    name = "ASEM Customs Directors-General and Commissioners Meeting"
    short_name = "ASEM Customs DG-C Meeting"
    slug = "asem-customs-dg-c"


class MeetingFactory(factory.django.DjangoModelFactory):
    """A meeting with registration open now, 30 days ahead."""

    class Meta:
        model = Meeting

    series = factory.SubFactory(SeriesFactory)
    number = factory.Sequence(lambda n: 100 + n)
    title = factory.LazyAttribute(lambda m: f"{m.number}th ASEM Customs DG-C Meeting")
    slug = factory.LazyAttribute(lambda m: f"meeting-{m.number}")
    host_member = factory.LazyFunction(lambda: member("VN"))
    city = "Ha Noi"
    start_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))
    end_date = factory.LazyAttribute(lambda m: m.start_date + dt.timedelta(days=1))
    year = factory.LazyAttribute(lambda m: m.start_date.year)
    status = MeetingStatus.REGISTRATION_OPEN
    registration_opens_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    registration_closes_at = factory.LazyFunction(
        lambda: timezone.now() + dt.timedelta(days=20)
    )
    capacity = 100
    delegation_cap = 5


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n + 1)
    kind = AgendaItemKind.DELIBERATION
    title = factory.Sequence(lambda n: f"Agenda item {n}")


class ActionAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionArea
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Area {n}")
    slug = factory.Sequence(lambda n: f"area-{n}")


class ActionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlan

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Action Plan {n}")
    slug = factory.Sequence(lambda n: f"action-plan-{n}")
    period_start = 2018
    period_end = 2019


class ActionPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPoint

    plan = factory.SubFactory(ActionPlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Action point {n}")
    area = factory.SubFactory(ActionAreaFactory)


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A registration stored as it is; seat rules are the services' business, not this one's."""

    class Meta:
        model = Registration

    meeting = factory.SubFactory(MeetingFactory)
    member = factory.LazyFunction(lambda: member("DE"))
    given_name = "Anna"
    family_name = factory.Sequence(lambda n: f"Schmidt{n}")
    email = factory.Sequence(lambda n: f"delegate{n}@example.org")
    role = Role.DELEGATE
    status = RegistrationStatus.PENDING
    privacy_consent_at = factory.LazyFunction(timezone.now)


class FocalPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FocalPoint

    user = factory.SubFactory(UserFactory)
    member = factory.LazyFunction(lambda: member("DE"))


class HotelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hotel

    meeting = factory.SubFactory(MeetingFactory)
    name = factory.Sequence(lambda n: f"Hotel No. {n}")
    address = "1 Example Street"


def hotel_with_rooms(meeting, rooms, *, nights=None, **kwargs):
    """A hotel of `meeting` holding `rooms` rooms on each night from the eve of the meeting
    to its last day (or on each of `nights`)."""
    hotel = HotelFactory(meeting=meeting, **kwargs)
    if nights is None:
        first = meeting.start_date - dt.timedelta(days=1)
        last = meeting.end_date or meeting.start_date
        nights = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    RoomBlock.objects.bulk_create([RoomBlock(hotel=hotel, night=night, rooms=rooms)
                                   for night in nights])
    return hotel
