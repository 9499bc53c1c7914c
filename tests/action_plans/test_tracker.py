import datetime as dt

import pytest

from action_plans import services
from action_plans.enums import ActionPointStatus
from action_plans.selectors import plan_with_progress
from action_plans.tracker import build_timeline, status_periods
from asem_customs.roles import SYSTEM
from tests.factories import ActionPlanFactory, ActionPointFactory

pytestmark = pytest.mark.django_db


def test_status_periods_follow_official_changes():
    plan = ActionPlanFactory(slug="plan-2018", period_start=2018, period_end=2019)
    point = ActionPointFactory(plan=plan, status=ActionPointStatus.NOT_STARTED)
    services.action_point_set_status(action_point=point, status=ActionPointStatus.IN_PROGRESS,
                                     actor=SYSTEM, effective_on=dt.date(2018, 3, 1))
    services.action_point_set_status(action_point=point, status=ActionPointStatus.COMPLETED,
                                     actor=SYSTEM, effective_on=dt.date(2019, 5, 1))
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


def test_build_timeline_starts_carried_point_with_its_earlier_history(django_user_model):
    old = ActionPlanFactory(slug="plan-2018", period_start=2018, period_end=2019)
    new = ActionPlanFactory(slug="plan-2020", period_start=2020, period_end=2021)
    point = ActionPointFactory(plan=old, status=ActionPointStatus.IN_PROGRESS)
    services.action_points_carry_over(points=[point], into_plan=new, actor=SYSTEM,
                                      effective_on=dt.date(2019, 12, 31))
    plan = plan_with_progress("plan-2020")

    timeline = build_timeline(plan, list(plan.points.all()), today=dt.date(2021, 6, 30))

    assert [(s.status, s.start, s.end, s.earlier) for s in timeline.rows[0].segments] == [
        (ActionPointStatus.IN_PROGRESS, dt.date(2018, 1, 1), dt.date(2019, 12, 31), True),
        (ActionPointStatus.IN_PROGRESS, dt.date(2019, 12, 31), dt.date(2021, 6, 30), False),
    ]
    assert timeline.has_earlier is True


@pytest.mark.parametrize("count", [1, 3])
def test_action_plan_detail_query_count_with_carried_points(client, django_assert_num_queries,
                                                            count):
    old = ActionPlanFactory(slug="plan-2018", period_start=2018, period_end=2019)
    new = ActionPlanFactory(slug="plan-2020", period_start=2020, period_end=2021)
    points = [ActionPointFactory(plan=old, status=ActionPointStatus.IN_PROGRESS)
              for _ in range(count)]
    services.action_points_carry_over(points=points, into_plan=new, actor=SYSTEM)

    # the 8 of any plan page on a first visit (2 of them find the page's cache scopes), plus
    # the predecessors' accepted reports and status changes
    with django_assert_num_queries(10):
        response = client.get(new.get_absolute_url())

    assert response.status_code == 200


def _carried_over_plan():
    old = ActionPlanFactory(slug="plan-2018", period_start=2018, period_end=2019)
    new = ActionPlanFactory(slug="plan-2020", period_start=2020, period_end=2021)
    point = ActionPointFactory(plan=old, status=ActionPointStatus.IN_PROGRESS)
    services.action_points_carry_over(points=[point], into_plan=new, actor=SYSTEM,
                                      effective_on=dt.date(2019, 12, 31))
    return old


def test_build_timeline_shows_carried_over_on_the_closing_day_in_the_legend_colour():
    _carried_over_plan()
    plan = plan_with_progress("plan-2018")

    for compact in (False, True):
        timeline = build_timeline(plan, list(plan.points.all()), today=dt.date(2021, 6, 30),
                                  compact=compact)
        last = timeline.rows[0].segments[-1]
        legend = {status: colour for status, _label, colour in timeline.legend}
        assert last.status == ActionPointStatus.CARRIED_OVER
        assert last.width >= 12  # visible, not a 1-unit sliver at the end of the bar
        assert last.colour == legend[ActionPointStatus.CARRIED_OVER] == "#6f42c1"
        assert round(last.x + last.width, 1) == timeline.width - 15  # ends where the bar ended


def test_build_timeline_compact_fits_a_phone():
    plan = ActionPlanFactory(slug="plan-2020", period_start=2020, period_end=2021)
    ActionPointFactory(plan=plan, status=ActionPointStatus.IN_PROGRESS)
    plan = plan_with_progress("plan-2020")

    timeline = build_timeline(plan, list(plan.points.all()), today=dt.date(2022, 1, 1),
                              compact=True)

    assert timeline.width <= 366  # a 390 px phone less the page's margins: drawn at 1:1
    assert [tick.label for tick in timeline.ticks] == ["2020", "2021"]


def test_action_plan_page_badges_bars_and_legend_share_the_status_classes(client):
    _carried_over_plan()

    page = client.get("/plans/plan-2018/").content.decode()

    assert '<span class="badge badge-status status-carried_over">Carried over</span>' in page
    assert page.count('class="tracker-bar status-carried_over"') == 2  # wide and compact
    assert page.count('class="tracker-bar status-in_progress"') == 2
    assert 'class="tracker-swatch status-carried_over"' in page
