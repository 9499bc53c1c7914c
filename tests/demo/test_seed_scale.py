from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, Q

from action_plans.models import ActionPlan, ActionPoint
from delegates.enums import ACTIVE_STATUSES, SEAT_HOLDING_STATUSES, RegistrationStatus, Role
from delegates.models import Registration
from meetings.enums import MeetingStatus
from meetings.models import AgendaItem, Meeting

pytestmark = pytest.mark.django_db


def seed(*args):
    out = StringIO()
    call_command("seed_scale", "--meetings", "3", "--registrations", "200", *args, stdout=out)
    return out.getvalue()


def scale_meetings():
    return Meeting.objects.filter(series__slug="scale-dg-c")


def test_seed_scale_creates_the_requested_counts():
    seed()

    meetings = scale_meetings()
    assert meetings.count() == 3
    assert Registration.objects.filter(meeting__in=meetings).count() == 200
    assert AgendaItem.objects.filter(meeting__in=meetings).count() == 3 * 12
    assert ActionPlan.objects.filter(meeting__in=meetings).count() == 2
    assert ActionPoint.objects.filter(plan__meeting__in=meetings).count() >= 2 * 10
    assert list(meetings.order_by("number").values_list("status", flat=True)) == [
        MeetingStatus.HELD, MeetingStatus.HELD, MeetingStatus.REGISTRATION_OPEN,
    ]


def test_seed_scale_keeps_every_meeting_within_capacity_and_delegation_cap():
    seed()

    for meeting in scale_meetings():
        seats = meeting.registrations.filter(status__in=SEAT_HOLDING_STATUSES)
        assert 0 < seats.count() <= meeting.capacity
        largest = seats.values("member").annotate(n=Count("id")).order_by("-n").first()
        assert largest["n"] <= meeting.delegation_cap


def test_seed_scale_fills_seats_so_the_rules_bind():
    seed()

    held = scale_meetings().get(number=1)
    assert held.registrations.filter(status__in=SEAT_HOLDING_STATUSES).count() == held.capacity
    assert held.registrations.filter(
        status__in=[RegistrationStatus.REJECTED, RegistrationStatus.CANCELLED]
    ).exists()


def test_seed_scale_spreads_registrations_over_members_and_statuses():
    seed()

    registrations = Registration.objects.filter(meeting__in=scale_meetings())
    assert registrations.values("member").distinct().count() >= 30
    assert set(registrations.values_list("status", flat=True)) == set(RegistrationStatus.values)


def test_seed_scale_names_one_active_head_per_delegation():
    seed()

    heads = (
        Registration.objects.filter(
            meeting__in=scale_meetings(), role=Role.HEAD_OF_DELEGATION, status__in=ACTIVE_STATUSES
        )
        .values("meeting", "member")
        .annotate(n=Count("id"))
    )
    assert heads.exists()
    assert {row["n"] for row in heads} == {1}


def test_seed_scale_twice_adds_nothing():
    seed()
    output = seed()

    assert "nothing done" in output
    assert scale_meetings().count() == 3
    assert Registration.objects.count() == 200


def test_seed_scale_reset_replaces_the_series():
    seed()
    first_ids = set(scale_meetings().values_list("pk", flat=True))

    seed("--reset")

    assert scale_meetings().count() == 3
    assert not first_ids & set(scale_meetings().values_list("pk", flat=True))
    assert Registration.objects.count() == 200
    assert AgendaItem.objects.filter(meeting__in=scale_meetings()).count() == 36


def test_seed_scale_reset_leaves_other_meetings_alone(demo):
    before = Registration.objects.filter(~Q(meeting__series__slug="scale-dg-c")).count()
    seed()
    seed("--reset")

    assert Registration.objects.filter(~Q(meeting__series__slug="scale-dg-c")).count() == before
    assert Meeting.objects.exclude(series__slug="scale-dg-c").count() == 3


def test_seed_scale_large_meeting_confirms_everyone_within_its_limits():
    seed("--large-meeting", "120")

    large = scale_meetings().get(slug="scale-meeting-large")
    confirmed = large.registrations.filter(status=RegistrationStatus.CONFIRMED)
    assert confirmed.count() == 120 == large.registrations.count()
    assert large.capacity == 120
    largest = confirmed.values("member").annotate(n=Count("id")).order_by("-n").first()
    assert largest["n"] <= large.delegation_cap
    assert Registration.objects.count() == 320


def test_seed_scale_makes_cached_public_pages_build_afresh():
    from asem_customs.page_versions import versions

    before = versions(["site", "meetings", "plans"])
    seed()

    after = versions(["site", "meetings", "plans"])
    assert [old == new for old, new in zip(before, after, strict=True)] == [False, False, False]
