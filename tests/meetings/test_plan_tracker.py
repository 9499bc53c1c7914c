import datetime as dt

import pytest

from meetings import services
from meetings.enums import ActionPointStatus
from meetings.plan_selectors import plan_with_progress
from meetings.plan_tracker import build_timeline, status_periods
from tests.factories import ActionPlanFactory, ActionPointFactory

pytestmark = pytest.mark.django_db


def test_status_periods_follow_official_changes():
    plan = ActionPlanFactory(slug="plan-2018", period_start=2018, period_end=2019)
    point = ActionPointFactory(plan=plan, status=ActionPointStatus.NOT_STARTED)
    services.action_point_set_status(action_point=point, status=ActionPointStatus.IN_PROGRESS,
                                     actor=None, effective_on=dt.date(2018, 3, 1))
    services.action_point_set_status(action_point=point, status=ActionPointStatus.COMPLETED,
                                     actor=None, effective_on=dt.date(2019, 5, 1))
    [point] = plan_with_progress("plan-2018").points.all()

    assert status_periods(point, dt.date(2019, 12, 31)) == [
        (ActionPointStatus.NOT_STARTED, None, dt.date(2018, 3, 1)),
        (ActionPointStatus.IN_PROGRESS, dt.date(2018, 3, 1), dt.date(2019, 5, 1)),
        (ActionPointStatus.COMPLETED, dt.date(2019, 5, 1), dt.date(2019, 12, 31)),
    ]


def test_build_timeline_stops_today_for_a_running_plan():
    plan = ActionPlanFactory(slug="plan-2020", period_start=2020, period_end=2021)
    ActionPointFactory(plan=plan, status=ActionPointStatus.IN_PROGRESS)
    plan = plan_with_progress("plan-2020")

    timeline = build_timeline(plan, list(plan.points.all()), today=dt.date(2021, 1, 1))

    [segment] = timeline.rows[0].segments
    assert (segment.start, segment.end, segment.x, segment.width) == (
        dt.date(2020, 1, 1), dt.date(2021, 1, 1), 64.0, 320.9
    )
    assert [(tick.label, tick.x) for tick in timeline.ticks] == [("2020", 64.0), ("2021", 384.9)]
