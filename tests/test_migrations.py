"""The move of models between apps (issue: one app per area) keeps every row: a database
holding data in the schema before the move is migrated to today's schema and read back."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# The schema before the action plan models left `meetings` and the outbox left `delegates`.
BEFORE_THE_MOVES = [
    ("meetings", "0004_progress_follow_up"), ("action_plans", None), ("mail", None),
    ("delegates", "0007_mail_link_address_confirmation"),
]


def _migrate(targets):
    """Migrate to `targets` and return the models as they are there. (The state `migrate`
    returns after unapplying follows the order of the whole plan, which new migrations of
    other apps change: the state at the targets is asked of the graph instead.)"""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    nodes = [target for target in targets if target[1] is not None]
    return MigrationExecutor(connection).loader.project_state(nodes).apps


def _latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_moved_models_keep_their_rows_history_and_permissions():
    old = _migrate(BEFORE_THE_MOVES)
    try:
        Member = old.get_model("meetings", "Member")
        Series = old.get_model("meetings", "MeetingSeries")
        Meeting = old.get_model("meetings", "Meeting")
        AgendaItem = old.get_model("meetings", "AgendaItem")
        Area = old.get_model("meetings", "ActionArea")
        Plan = old.get_model("meetings", "ActionPlan")
        Point = old.get_model("meetings", "ActionPoint")
        Report = old.get_model("meetings", "ProgressReport")
        HistoricalPointLeads = old.get_model("meetings", "HistoricalActionPoint_lead_members")
        HistoricalPoint = old.get_model("meetings", "HistoricalActionPoint")

        germany = Member.objects.get(code="DE")
        series = Series.objects.create(name="Migration series", slug="migration-series",
                                       short_name="MS")
        meeting = Meeting.objects.create(series=series, number=1, title="First",
                                         slug="migration-first", city="Berlin", year=2017,
                                         start_date=dt.date(2017, 10, 16),
                                         end_date=dt.date(2017, 10, 17))
        plan = Plan.objects.create(meeting=meeting, title="Plan 2018-2019", slug="mig-plan",
                                   period_start=2018, period_end=2019)
        area = Area.objects.create(name="Transit", slug="mig-transit")
        point = Point.objects.create(plan=plan, number=1, title="Transit pilot", area=area)
        point.lead_members.add(germany)
        Report.objects.create(action_point=point, member=germany, text="Under way",
                              proposed_status="in_progress", state="accepted")
        AgendaItem.objects.create(meeting=meeting, position=1, kind="deliberation", title="Review",
                                  reviews_plan=plan)
        history = HistoricalPoint.objects.create(
            id=point.pk, plan_id=plan.pk, number=1, title="Transit pilot", area_id=area.pk,
            status="not_started", is_new=False, is_illustrative=False,
            history_date=dt.datetime(2018, 1, 1, tzinfo=dt.UTC), history_type="+",
        )
        HistoricalPointLeads.objects.create(id=1, history=history, actionpoint_id=point.pk,
                                            member_id=germany.pk)
        old.get_model("delegates", "OutgoingEmail").objects.create(
            to="someone@example.org", subject="Registration received", body="Dear delegate",
            kind="registration_received")
    finally:
        _migrate(_latest())

    from django.contrib.auth.models import Group

    from action_plans.models import ActionPlan, ActionPoint
    from meetings.models import AgendaItem as CurrentAgendaItem

    plan = ActionPlan.objects.get(slug="mig-plan")
    point = plan.points.get()
    assert point.title == "Transit pilot"
    assert list(point.lead_members.values_list("code", flat=True)) == ["DE"]
    assert point.progress_reports.get().text == "Under way"
    assert CurrentAgendaItem.objects.get(title="Review").reviews_plan == plan
    # What was written before the site spoke several languages is its English text, in the
    # records and in their history (meetings.0006, action_plans.0004).
    assert (point.title_en, point.title_fr, point.title_vi) == ("Transit pilot", None, None)
    assert (plan.meeting.title_en, plan.title_en) == ("First", "Plan 2018-2019")
    assert ActionPoint.history.get(id=point.pk).title_en == "Transit pilot"
    record = ActionPoint.history.get(id=point.pk)
    assert [m.member_id for m in record.lead_members.all()] == [
        point.lead_members.get().pk
    ]
    editor = Group.objects.get(name="Secretariat editor")
    assert editor.permissions.filter(
        content_type__app_label="action_plans", codename="change_progressreport"
    ).exists()

    from mail.models import OutgoingEmail

    assert OutgoingEmail.objects.get().subject == "Registration received"
    assert Group.objects.get(name="Secretariat viewer").permissions.filter(
        content_type__app_label="mail").count() == 0
    from django.contrib.auth.models import Permission

    assert Permission.objects.filter(content_type__app_label="mail",
                                     codename="manage_outbox").exists()
