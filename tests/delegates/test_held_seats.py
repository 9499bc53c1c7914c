"""The seats held per delegation (`HeldSeats`), kept by a PostgreSQL trigger whatever writes
the registrations, so that the seat rules never count a meeting's registrations."""

import pytest
from django.db.models import Count

from delegates import services
from delegates.enums import SEAT_HOLDING_STATUSES, Participation
from delegates.enums import RegistrationStatus as Status
from delegates.models import HeldSeats, Registration
from tests.factories import MeetingFactory, RegistrationFactory, member

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def counted():
    """The seats held, counted from the registrations themselves."""
    rows = (Registration.objects.filter(status__in=SEAT_HOLDING_STATUSES)
            .values_list("meeting_id", "member_id", "participation")
            .annotate(held=Count("id")))
    return {(meeting, member, participation): held
            for meeting, member, participation, held in rows}


def kept():
    return {(row.meeting_id, row.member_id, row.participation): row.held
            for row in HeldSeats.objects.exclude(held=0)}


def test_the_seats_held_follow_every_way_registrations_are_written():
    meeting = MeetingFactory(capacity=50, online_capacity=10, delegation_cap=20)
    vietnam, germany = member("VN"), member("DE")
    one = RegistrationFactory(meeting=meeting, member=vietnam, status=Status.PENDING)
    Registration.objects.bulk_create([
        RegistrationFactory.build(meeting=meeting, member=germany, status=status,
                                  email=f"bulk{n}@example.org")
        for n, status in enumerate([Status.CONFIRMED, Status.CONFIRMED, Status.WAITLISTED])
    ])
    assert kept() == counted() == {(meeting.pk, vietnam.pk, "in_person"): 1,
                                   (meeting.pk, germany.pk, "in_person"): 2}

    services.registration_confirm(registration=one, actor=None)  # status to status: same
    Registration.objects.filter(member=germany, status=Status.WAITLISTED).update(
        status=Status.PENDING)
    Registration.objects.filter(pk=one.pk).update(member=germany)
    Registration.objects.filter(email="bulk0@example.org").update(
        participation=Participation.ONLINE)
    assert kept() == counted() == {(meeting.pk, germany.pk, "in_person"): 3,
                                   (meeting.pk, germany.pk, "online"): 1}

    services.registration_cancel(registration=Registration.objects.get(pk=one.pk))
    Registration.objects.filter(email="bulk1@example.org").delete()
    doomed = Registration.objects.filter(email="bulk2@example.org")
    doomed._raw_delete(doomed.db)
    assert kept() == counted() == {(meeting.pk, germany.pk, "online"): 1}


def test_the_seat_rules_read_the_seats_held_not_a_count():
    meeting = MeetingFactory(capacity=2, delegation_cap=5)
    RegistrationFactory(meeting=meeting, member=member("VN"), status=Status.CONFIRMED)
    assert services.has_free_seat(meeting, member("DE"))

    # Another writer's seat, as the trigger records it: the rules see it at once.
    HeldSeats.objects.filter(meeting_id=meeting.pk, member_id=member("VN").pk).update(held=2)

    assert not services.has_free_seat(meeting, member("DE"))
    assert services.seats_held(meeting) == 2
