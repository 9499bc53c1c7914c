import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from action_plans import services
from action_plans.enums import ActionPointStatus, ProgressReportState
from action_plans.models import ActionPointStatusChange, ProgressReport
from action_plans.permissions import can_view_report
from asem_customs.roles import SYSTEM
from mail.models import OutgoingEmail
from mail.outbox import send_queued
from tests.factories import ActionPointFactory, FocalPointFactory, UserFactory, member

pytestmark = pytest.mark.django_db

DATA = {
    "report_date": dt.date(2018, 6, 30),
    "text": "Two workshops held.",
    "proposed_status": ActionPointStatus.IN_PROGRESS,
}


@pytest.fixture
def point():
    point = ActionPointFactory(status=ActionPointStatus.NOT_STARTED)
    point.lead_members.set([member("DE")])
    point.participating_members.set([member("CN")])
    return point


@pytest.fixture
def german_focal_point():
    return FocalPointFactory(user=UserFactory(username="fp-de"), member=member("DE")).user


@pytest.fixture
def chinese_focal_point():
    return FocalPointFactory(user=UserFactory(username="fp-cn"), member=member("CN")).user


@pytest.fixture
def french_focal_point():
    return FocalPointFactory(user=UserFactory(username="fp-fr"), member=member("FR")).user


@pytest.fixture
def secretariat():
    user = UserFactory(username="secretariat-editor", is_staff=True)
    user.groups.add(Group.objects.get(name="Secretariat editor"))
    return user


def submitted_report(point, actor, data=DATA):
    report = services.progress_report_file(action_point=point, data=data, actor=actor)
    return services.progress_report_submit(report=report, actor=actor)


def test_progress_report_file_by_lead_focal_point_is_a_draft_of_its_member(
    point, german_focal_point
):
    report = services.progress_report_file(
        action_point=point, data=DATA, actor=german_focal_point, member=member("FR")
    )

    assert (report.state, report.member.code, report.author) == (
        ProgressReportState.DRAFT, "DE", german_focal_point
    )


def test_progress_report_file_by_participating_focal_point_is_allowed(
    point, chinese_focal_point
):
    report = services.progress_report_file(action_point=point, data=DATA, actor=chinese_focal_point)

    assert report.member.code == "CN"


def test_progress_report_file_by_non_participating_focal_point_is_refused(
    point, french_focal_point
):
    with pytest.raises(services.ActionPlanError) as error:
        services.progress_report_file(action_point=point, data=DATA, actor=french_focal_point)

    assert error.value.code == "not_allowed"
    assert ProgressReport.objects.count() == 0


def test_progress_report_file_by_user_without_focal_point_is_refused(point):
    with pytest.raises(services.ActionPlanError):
        services.progress_report_file(action_point=point, data=DATA, actor=UserFactory())


def test_progress_report_file_by_secretariat_for_any_member(point, secretariat):
    report = services.progress_report_file(
        action_point=point, data=DATA, actor=secretariat, member=member("FR")
    )

    assert report.member.code == "FR"


def test_progress_report_file_on_carried_over_point_is_refused(point, german_focal_point):
    point.status = ActionPointStatus.CARRIED_OVER
    point.save()

    with pytest.raises(services.ActionPlanError):
        services.progress_report_file(action_point=point, data=DATA, actor=german_focal_point)


def test_progress_report_submit_mails_the_secretariat(point, german_focal_point,
                                                     django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = submitted_report(point, german_focal_point)

    assert report.state == ProgressReportState.SUBMITTED
    assert report.submitted_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["secretariat@example.org"]


def test_progress_report_update_of_submitted_report_is_refused(point, german_focal_point):
    report = submitted_report(point, german_focal_point)

    with pytest.raises(services.ActionPlanError) as error:
        services.progress_report_update(report=report, data={"text": "x"}, actor=german_focal_point)

    assert error.value.code == "not_draft"


def test_progress_report_update_by_other_member_is_refused(
    point, german_focal_point, chinese_focal_point
):
    report = services.progress_report_file(action_point=point, data=DATA, actor=german_focal_point)

    with pytest.raises(services.ActionPlanError):
        services.progress_report_update(
            report=report, data={"text": "x"}, actor=chinese_focal_point
        )


def test_progress_report_accept_sets_official_status_and_records_change(
    point, german_focal_point, secretariat, django_capture_on_commit_callbacks
):
    report = submitted_report(point, german_focal_point)

    with django_capture_on_commit_callbacks(execute=True):
        services.progress_report_accept(report=report, actor=secretariat, note="Thank you.")

    point.refresh_from_db()
    report.refresh_from_db()
    change = ActionPointStatusChange.objects.get()
    assert point.status == ActionPointStatus.IN_PROGRESS
    assert (report.state, report.reviewed_by, report.review_note) == (
        ProgressReportState.ACCEPTED, secretariat, "Thank you."
    )
    assert (change.from_status, change.to_status, change.effective_on, change.actor,
            change.report) == (
        ActionPointStatus.NOT_STARTED, ActionPointStatus.IN_PROGRESS, dt.date(2018, 6, 30),
        secretariat, report,
    )
    assert [message.to for message in mail.outbox] == [["fp-de@example.org"]]


def test_progress_report_accept_by_focal_point_is_refused(point, german_focal_point):
    report = submitted_report(point, german_focal_point)

    with pytest.raises(services.ActionPlanError):
        services.progress_report_accept(report=report, actor=german_focal_point)


def test_progress_report_accept_of_draft_is_refused(point, german_focal_point, secretariat):
    report = services.progress_report_file(action_point=point, data=DATA, actor=german_focal_point)

    with pytest.raises(services.ActionPlanError) as error:
        services.progress_report_accept(report=report, actor=secretariat)

    assert error.value.code == "not_submitted"


def test_progress_report_reject_keeps_status_and_needs_reason(
    point, german_focal_point, secretariat
):
    report = submitted_report(point, german_focal_point)
    with pytest.raises(services.ActionPlanError):
        services.progress_report_reject(report=report, actor=secretariat, reason="  ")

    services.progress_report_reject(report=report, actor=secretariat, reason="No evidence.")

    point.refresh_from_db()
    report.refresh_from_db()
    assert (report.state, report.review_note) == (ProgressReportState.REJECTED, "No evidence.")
    assert point.status == ActionPointStatus.NOT_STARTED
    assert ActionPointStatusChange.objects.count() == 0


def test_progress_report_history_keeps_every_state_with_its_actor(
    point, german_focal_point, secretariat
):
    report = submitted_report(point, german_focal_point)
    services.progress_report_accept(report=report, actor=secretariat)

    history = report.history.order_by("history_date", "history_id")
    assert [(h.state, h.history_user) for h in history] == [
        (ProgressReportState.DRAFT, german_focal_point),
        (ProgressReportState.SUBMITTED, german_focal_point),
        (ProgressReportState.ACCEPTED, secretariat),
    ]


def test_status_history_lists_each_accepted_change_in_order(point, german_focal_point,
                                                            secretariat):
    first = submitted_report(point, german_focal_point)
    services.progress_report_accept(report=first, actor=secretariat)
    second = submitted_report(point, german_focal_point, data={
        **DATA, "report_date": dt.date(2019, 3, 1), "proposed_status": ActionPointStatus.COMPLETED,
    })
    services.progress_report_accept(report=second, actor=secretariat)

    changes = point.status_changes.all()
    assert [(c.from_status, c.to_status, c.effective_on) for c in changes] == [
        (ActionPointStatus.NOT_STARTED, ActionPointStatus.IN_PROGRESS, dt.date(2018, 6, 30)),
        (ActionPointStatus.IN_PROGRESS, ActionPointStatus.COMPLETED, dt.date(2019, 3, 1)),
    ]


def test_can_view_report_draft_only_by_own_member(point, german_focal_point,
                                                  chinese_focal_point, secretariat):
    report = services.progress_report_file(action_point=point, data=DATA, actor=german_focal_point)
    colleague = FocalPointFactory(member=member("DE")).user

    assert [can_view_report(user, report) for user in
            (german_focal_point, colleague, chinese_focal_point, secretariat)] == [
        True, True, False, False
    ]


def test_can_view_report_rejected_stays_internal(point, german_focal_point,
                                                 chinese_focal_point, secretariat):
    report = submitted_report(point, german_focal_point)
    services.progress_report_reject(report=report, actor=secretariat, reason="Too short.")

    assert [can_view_report(user, report) for user in
            (german_focal_point, chinese_focal_point, secretariat, UserFactory())] == [
        True, False, True, False
    ]


def test_progress_report_mail_waits_in_the_outbox_while_the_server_is_down(
    point, german_focal_point, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    with django_capture_on_commit_callbacks(execute=True):
        report = submitted_report(point, german_focal_point)

    assert report.state == ProgressReportState.SUBMITTED
    queued = OutgoingEmail.objects.get()
    assert (queued.kind, queued.sent_at, queued.attempts) == (
        "progress_report_submitted", None, 1)
    assert queued.subject.startswith("Progress report submitted")
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_queued(now=timezone.now() + dt.timedelta(hours=1)).sent == 1
    assert [message.to for message in mail.outbox] == [
        ["secretariat@example.org"]]


def test_a_report_of_past_work_is_dated_when_it_happened_with_its_history(point):
    filed = dt.datetime(2018, 7, 1, 12, 0, tzinfo=dt.UTC)
    submitted, reviewed = filed + dt.timedelta(days=1), filed + dt.timedelta(days=15)

    report = services.progress_report_file(action_point=point, actor=SYSTEM, member=member("DE"),
                                           data=DATA, at=filed)
    services.progress_report_submit(report=report, actor=SYSTEM, at=submitted)
    services.progress_report_accept(report=report, actor=SYSTEM, at=reviewed)

    report.refresh_from_db()
    assert (report.created_at, report.submitted_at, report.reviewed_at) == (
        filed, submitted, reviewed)
    assert [(record.state, record.history_date) for record in
            report.history.order_by("history_date")] == [
        ("draft", filed), ("submitted", submitted), ("accepted", reviewed)]
    change = ActionPointStatusChange.objects.get(action_point=point)
    assert (change.effective_on, change.recorded_at) == (dt.date(2018, 6, 30), reviewed)


def test_a_report_filed_now_is_dated_now(point):
    before = timezone.now()

    report = services.progress_report_file(action_point=point, actor=SYSTEM, member=member("DE"),
                                           data=DATA)
    services.progress_report_submit(report=report, actor=SYSTEM)

    report.refresh_from_db()
    assert before <= report.created_at <= report.submitted_at <= timezone.now()
    assert all(record.history_date >= before for record in report.history.all())


def _log_of(report):
    return list(report.log_entries.order_by("created_at", "id").values_list(
        "action", "actor__username", "note"))


def test_progress_report_steps_leave_audit_entries_with_actor(
    point, german_focal_point, secretariat
):
    report = submitted_report(point, german_focal_point)
    services.progress_report_accept(report=report, actor=secretariat, note="Thank you.")

    assert _log_of(report) == [
        ("action_plans.progress_report.filed", "fp-de", ""),
        ("action_plans.progress_report.submitted", "fp-de", ""),
        ("action_plans.action_point.status_changed", "secretariat-editor",
         "not_started → in_progress"),
        ("action_plans.progress_report.accepted", "secretariat-editor", "Thank you."),
    ]
    assert report.log_entries.filter(plan=point.plan, action_point=point).count() == 4


def test_progress_report_reject_records_reason_in_audit_entry(
    point, german_focal_point, secretariat
):
    report = submitted_report(point, german_focal_point)
    services.progress_report_reject(report=report, actor=secretariat, reason="Dates missing.")

    assert _log_of(report)[-1] == (
        "action_plans.progress_report.rejected", "secretariat-editor", "Dates missing."
    )


def test_progress_report_by_system_is_logged_without_actor_at_its_date(point):
    at = timezone.make_aware(dt.datetime(2018, 7, 1, 10, 0))
    report = services.progress_report_file(action_point=point, data=DATA, actor=SYSTEM, at=at)

    entry = report.log_entries.get()
    assert (entry.action, entry.actor, entry.created_at) == (
        "action_plans.progress_report.filed", None, at
    )


def test_progress_report_admin_page_shows_its_log(
    admin_client, point, german_focal_point
):
    report = submitted_report(point, german_focal_point)

    response = admin_client.get(
        reverse("admin:action_plans_progressreport_change", args=[report.pk])
    )

    assert response.status_code == 200
    log = [entry["action"] for entry in response.context["inline_admin_formsets"][1].formset
           .queryset.values("action")]
    assert log == ["action_plans.progress_report.submitted", "action_plans.progress_report.filed"]
    assert b"action_plans.progress_report.submitted" in response.content
