import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from action_plans import services
from action_plans.enums import ActionPointStatus
from action_plans.models import ActionPoint
from action_plans.selectors import lineage
from tests.factories import (
    ActionPlanFactory,
    ActionPointFactory,
    FocalPointFactory,
    UserFactory,
    member,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat():
    user = UserFactory(username="editor", is_staff=True)
    user.groups.add(Group.objects.get(name="Secretariat editor"))
    return user


@pytest.fixture
def plans():
    old = ActionPlanFactory(period_start=2018, period_end=2019, slug="plan-2018")
    new = ActionPlanFactory(period_start=2020, period_end=2021, slug="plan-2020",
                            adopted_on=dt.date(2019, 11, 20))
    return old, new


def test_action_points_carry_over_links_new_point_and_closes_old(plans, secretariat):
    old_plan, new_plan = plans
    ActionPointFactory(plan=new_plan, number=1)
    point = ActionPointFactory(plan=old_plan, number=3, title="Single Window",
                               status=ActionPointStatus.IN_PROGRESS)
    point.lead_members.set([member("KR")])
    point.participating_members.set([member("TH")])

    [carried] = services.action_points_carry_over(
        points=[point], into_plan=new_plan, actor=secretariat
    )

    point.refresh_from_db()
    assert (carried.plan, carried.number, carried.title, carried.status,
            carried.carried_over_from) == (
        new_plan, 2, "Single Window", ActionPointStatus.IN_PROGRESS, point
    )
    assert [m.code for m in carried.lead_members.all()] == ["KR"]
    assert [m.code for m in carried.participating_members.all()] == ["TH"]
    assert point.status == ActionPointStatus.CARRIED_OVER
    change = point.status_changes.get()
    assert (change.to_status, change.effective_on, change.actor) == (
        ActionPointStatus.CARRIED_OVER, dt.date(2019, 11, 20), secretariat
    )


def test_action_points_carry_over_keeps_history_through_predecessor(plans, secretariat):
    old_plan, new_plan = plans
    focal_point = FocalPointFactory(member=member("DE")).user
    point = ActionPointFactory(plan=old_plan, status=ActionPointStatus.NOT_STARTED)
    point.lead_members.set([member("DE")])
    report = services.progress_report_file(
        action_point=point, actor=focal_point,
        data={"report_date": dt.date(2018, 5, 1), "text": "Started.",
              "proposed_status": ActionPointStatus.IN_PROGRESS},
    )
    services.progress_report_submit(report=report, actor=focal_point)
    services.progress_report_accept(report=report, actor=secretariat)

    [carried] = services.action_points_carry_over(
        points=[point], into_plan=new_plan, actor=secretariat
    )

    [predecessor] = lineage(ActionPoint.objects.get(pk=carried.pk))
    assert predecessor.pk == point.pk
    assert [r.pk for r in predecessor.accepted_reports] == [report.pk]
    assert [(c.from_status, c.to_status) for c in predecessor.status_changes.all()] == [
        (ActionPointStatus.NOT_STARTED, ActionPointStatus.IN_PROGRESS),
        (ActionPointStatus.IN_PROGRESS, ActionPointStatus.CARRIED_OVER),
    ]


def test_action_points_carry_over_of_completed_point_is_refused(plans, secretariat):
    old_plan, new_plan = plans
    point = ActionPointFactory(plan=old_plan, status=ActionPointStatus.COMPLETED)

    with pytest.raises(services.ActionPlanError) as error:
        services.action_points_carry_over(points=[point], into_plan=new_plan, actor=secretariat)

    assert error.value.code == "not_open"
    assert new_plan.points.count() == 0


def test_action_points_carry_over_twice_is_refused(plans, secretariat):
    old_plan, new_plan = plans
    point = ActionPointFactory(plan=old_plan, status=ActionPointStatus.IN_PROGRESS)
    services.action_points_carry_over(points=[point], into_plan=new_plan, actor=secretariat)

    with pytest.raises(services.ActionPlanError):
        services.action_points_carry_over(points=[point], into_plan=new_plan, actor=secretariat)


def test_action_points_carry_over_into_earlier_plan_is_refused(plans, secretariat):
    old_plan, new_plan = plans
    point = ActionPointFactory(plan=new_plan, status=ActionPointStatus.IN_PROGRESS)

    with pytest.raises(services.ActionPlanError) as error:
        services.action_points_carry_over(points=[point], into_plan=old_plan, actor=secretariat)

    assert error.value.code == "not_later"


def test_action_points_carry_over_by_focal_point_is_refused(plans):
    old_plan, new_plan = plans
    point = ActionPointFactory(plan=old_plan, status=ActionPointStatus.IN_PROGRESS)
    focal_point = FocalPointFactory(member=member("DE")).user

    with pytest.raises(services.ActionPlanError):
        services.action_points_carry_over(points=[point], into_plan=new_plan, actor=focal_point)


def test_carry_over_page_carries_chosen_points(client, plans, secretariat):
    old_plan, new_plan = plans
    chosen = ActionPointFactory(plan=old_plan, number=1, status=ActionPointStatus.IN_PROGRESS)
    ActionPointFactory(plan=old_plan, number=2, status=ActionPointStatus.IN_PROGRESS)
    client.force_login(secretariat)

    response = client.post(
        reverse("plans:carry_over", args=[old_plan.slug]),
        {"into_plan": new_plan.pk, "points": [chosen.pk]},
    )

    assert response.status_code == 302
    assert response.url == new_plan.get_absolute_url()
    assert [p.carried_over_from_id for p in new_plan.points.all()] == [chosen.pk]
    page = client.get(new_plan.get_absolute_url()).content.decode()
    assert f'Carried over from <a href="{old_plan.get_absolute_url()}#point-1">' in page


def test_carry_over_page_is_forbidden_to_focal_point(client, plans):
    client.force_login(FocalPointFactory(member=member("DE")).user)

    response = client.get(reverse("plans:carry_over", args=[plans[0].slug]))

    assert response.status_code == 403


def test_point_history_page_shows_changes_with_actors_across_plans(client, plans, secretariat):
    old_plan, new_plan = plans
    secretariat.first_name, secretariat.last_name = "Sam", "Secretariat"
    secretariat.save()
    point = ActionPointFactory(plan=old_plan, number=4, status=ActionPointStatus.IN_PROGRESS)
    [carried] = services.action_points_carry_over(
        points=[point], into_plan=new_plan, actor=secretariat
    )
    client.force_login(secretariat)

    response = client.get(reverse("plans:point_history", args=[carried.pk]))

    assert [p.pk for p in response.context["points"]] == [point.pk, carried.pk]
    page = response.content.decode()
    assert "<td>In progress – Carried over</td><td>Sam Secretariat</td>" in page


def test_point_history_page_is_forbidden_to_focal_point(client, plans):
    point = ActionPointFactory(plan=plans[0])
    client.force_login(FocalPointFactory(member=member("DE")).user)

    assert client.get(reverse("plans:point_history", args=[point.pk])).status_code == 403


def test_action_points_carry_over_leaves_audit_entry_on_old_point(plans, secretariat):
    old_plan, new_plan = plans
    point = ActionPointFactory(plan=old_plan, number=3, status=ActionPointStatus.IN_PROGRESS)

    services.action_points_carry_over(points=[point], into_plan=new_plan, actor=secretariat)

    assert list(point.log_entries.order_by("id").values_list("action", "actor__username")) == [
        ("action_plans.action_point.status_changed", "editor"),
        ("action_plans.action_point.carried_over", "editor"),
    ]
