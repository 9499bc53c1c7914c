import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from action_plans import services
from action_plans.enums import ActionPointStatus
from action_plans.models import ActionPlan
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


def make_points(plan, count):
    points = []
    for number in range(1, count + 1):
        point = ActionPointFactory(plan=plan, number=number, status=ActionPointStatus.NOT_STARTED)
        point.lead_members.set([member("DE")])
        point.participating_members.set([member("CN")])
        points.append(point)
    return points


def report(point, actor, text, state, secretariat=None, day=dt.date(2018, 6, 1)):
    draft = services.progress_report_file(
        action_point=point, actor=actor,
        data={"report_date": day, "text": text,
              "proposed_status": ActionPointStatus.IN_PROGRESS},
    )
    if state == "draft":
        return draft
    services.progress_report_submit(report=draft, actor=actor)
    if state == "accepted":
        services.progress_report_accept(report=draft, actor=secretariat)
    elif state == "rejected":
        services.progress_report_reject(report=draft, actor=secretariat, reason="No.")
    return draft


def test_action_plan_detail_tracker_shows_accepted_reports_only(client, secretariat):
    plan = ActionPlanFactory(slug="plan-2018", adopted_on=dt.date(2017, 10, 17))
    [point] = make_points(plan, 1)
    focal_point = FocalPointFactory(member=member("DE")).user
    report(point, focal_point, "Accepted workshop text", "accepted", secretariat)
    report(point, focal_point, "Draft notes text", "draft")
    report(point, focal_point, "Rejected claim text", "rejected", secretariat)
    report(point, focal_point, "Waiting review text", "submitted")

    page = client.get(plan.get_absolute_url()).content.decode()

    assert "Accepted workshop text" in page
    assert "Draft notes text" not in page
    assert "Rejected claim text" not in page
    assert "Waiting review text" not in page
    # one dot in each drawing (the wide one and the phone's)
    assert page.count("<circle class=\"tracker-report\"") == 2
    assert "Point 1, accepted report of 1 June 2018: Germany \u2014 In progress" in page
    assert 'role="img" aria-labelledby="tracker-title tracker-desc"' in page


def test_action_plan_detail_tracker_changes_when_report_accepted(client, secretariat):
    plan = ActionPlanFactory(slug="plan-2018")
    [point] = make_points(plan, 1)
    focal_point = FocalPointFactory(member=member("DE")).user
    submitted = report(point, focal_point, "Workshop held", "submitted")
    before = client.get(plan.get_absolute_url()).content.decode()

    services.progress_report_accept(report=submitted, actor=secretariat)
    after = client.get(plan.get_absolute_url()).content.decode()

    assert "Point 1: Not started from" in before
    assert "tracker-report" not in before
    assert "Point 1: In progress from 1 June 2018" in after
    assert after.count("<circle class=\"tracker-report\"") == 2


@pytest.mark.parametrize("count", [1, 3])
def test_action_plan_detail_query_count(client, django_assert_num_queries, secretariat, count):
    plan = ActionPlanFactory(slug="plan-2018")
    focal_point = FocalPointFactory(member=member("DE")).user
    for point in make_points(plan, count):
        report(point, focal_point, "Done", "accepted", secretariat)

    # plan with meeting; points with area and predecessor; leads; participants; status
    # changes; accepted reports with their member; and, on a first visit, 2 that find the
    # page's cache scopes. A second visit is served from the cache.
    with django_assert_num_queries(8):
        response = client.get(plan.get_absolute_url())
    with django_assert_num_queries(0):
        cached = client.get(plan.get_absolute_url())

    assert response.status_code == 200
    assert cached.content == response.content


def test_plan_review_include_shows_latest_accepted_report(client, demo):
    from django.template.loader import render_to_string

    item = demo["thirteenth"].agenda_items.get(reviews_plan__slug="action-plan-2018-2019")
    html = render_to_string("meetings/includes/_plan_review.html", {"item": item})

    assert item.title == "Review of the Action Plan 2018-2019"
    assert html.count("<tr>") == 9
    assert "30 Jun 2019</time> · China" in html
    assert "regional Single Window interoperability pilot" not in html  # a draft
    assert "the point is complete" not in html  # rejected
    assert "final and attached" not in html  # submitted, not yet accepted


@pytest.mark.parametrize("count", [1, 3])
def test_plan_review_include_query_count(django_assert_num_queries, count, secretariat):
    from django.template.loader import render_to_string

    plan = ActionPlanFactory(slug="plan-2018")
    focal_point = FocalPointFactory(member=member("DE")).user
    for point in make_points(plan, count):
        report(point, focal_point, "Done", "accepted", secretariat)

    with django_assert_num_queries(5):
        html = render_to_string("meetings/includes/_plan_review.html", {"plan": plan})

    assert html.count("<tr>") == count + 1


def test_implementation_report_is_a_pdf_made_in_the_background_for_secretariat(
        client, demo, secretariat, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(secretariat)
    points = ActionPlan.objects.get(slug="action-plan-2018-2019").points.count()

    with django_capture_on_commit_callbacks(execute=True):  # the task runs eagerly
        response = client.get(reverse("staff:implementation_report",
                                      args=["action-plan-2018-2019"]))
    page = client.get(response.url)
    download = client.get(f"{response.url}download/")

    assert response.status_code == 302
    assert f"Ready: {points} done." in page.text
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_implementation_report_is_forbidden_to_focal_point(client, demo):
    client.force_login(FocalPointFactory(member=member("DE")).user)

    response = client.get(reverse("staff:implementation_report", args=["action-plan-2018-2019"]))

    assert response.status_code == 403


def test_demo_plan_has_reports_in_every_state(demo):
    from action_plans.models import ProgressReport

    states = sorted(ProgressReport.objects.values_list("state", flat=True))
    assert states.count("accepted") == 9
    assert (states.count("draft"), states.count("rejected"), states.count("submitted")) == (
        1, 1, 1
    )


def test_demo_progress_is_dated_as_it_happened_and_loads_twice_unchanged(demo):
    from action_plans.models import ActionPlan, ProgressReport
    from demo.progress import load_progress

    thai = ProgressReport.objects.get(member__code="TH")
    assert (thai.state, thai.submitted_at.date()) == ("submitted", dt.date(2019, 8, 16))

    assert load_progress(demo["twelfth"], demo["thirteenth"]) == 0
    assert ProgressReport.objects.count() == 12
    assert ActionPlan.objects.get(slug="action-plan-2020-2021").points.count() == 2
