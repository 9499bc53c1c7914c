import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from action_plans import services
from action_plans.enums import ActionPointStatus, ProgressReportState
from action_plans.forms import MAX_ATTACHMENT_SIZE
from action_plans.models import ProgressReport
from tests.factories import (
    ActionPlanFactory,
    ActionPointFactory,
    FocalPointFactory,
    UserFactory,
    member,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def point():
    point = ActionPointFactory(status=ActionPointStatus.NOT_STARTED)
    point.lead_members.set([member("DE")])
    point.participating_members.set([member("CN")])
    return point


@pytest.fixture
def german(client):
    return FocalPointFactory(user=UserFactory(username="fp-de"), member=member("DE")).user


@pytest.fixture
def secretariat():
    user = UserFactory(username="editor", is_staff=True)
    user.groups.add(Group.objects.get(name="Secretariat editor"))
    return user


def form_data(**extra):
    return {"report_date": "2018-06-30", "proposed_status": "in_progress",
            "text": "Workshop held.", **extra}


def test_progress_report_create_saves_draft_with_attachment(client, point, german, settings,
                                                            tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(german)
    upload = SimpleUploadedFile("minutes.pdf", PDF, content_type="application/pdf")

    response = client.post(reverse("plans:progress_report_create", args=[point.pk]),
                           form_data(attachments=[upload]))

    report = ProgressReport.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("plans:progress_report_detail", args=[report.pk])
    assert (report.state, report.member.code, report.text) == (
        ProgressReportState.DRAFT, "DE", "Workshop held."
    )
    assert [a.title for a in report.attachments.all()] == ["minutes.pdf"]
    download = client.get(reverse("plans:progress_report_attachment",
                                  args=[report.pk, report.attachments.get().pk]))
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"] == 'attachment; filename="minutes.pdf"'
    assert report.attachments.get().file.name.endswith("-minutes.pdf")


def test_progress_report_create_and_submit_in_one_step(client, point, german):
    client.force_login(german)

    client.post(reverse("plans:progress_report_create", args=[point.pk]),
                form_data(submit="1"))

    assert ProgressReport.objects.get().state == ProgressReportState.SUBMITTED


@pytest.mark.parametrize(("name", "content", "message"), [
    ("tool.exe", b"MZ\x90\x00", "only PDF, Word, Excel"),
    ("fake.pdf", b"<html>not a pdf", "does not look like a PDF file"),
    ("big.pdf", b"%PDF-" + b"0" * MAX_ATTACHMENT_SIZE, "is larger than 10"),
])
def test_progress_report_create_refuses_bad_attachment(client, point, german, name, content,
                                                      message):
    client.force_login(german)
    upload = SimpleUploadedFile(name, content)

    response = client.post(reverse("plans:progress_report_create", args=[point.pk]),
                           form_data(attachments=[upload]))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert ProgressReport.objects.count() == 0


def test_progress_report_create_by_non_participating_focal_point_is_forbidden(client, point):
    client.force_login(FocalPointFactory(member=member("FR")).user)

    response = client.post(reverse("plans:progress_report_create", args=[point.pk]),
                           form_data())

    assert response.status_code == 403
    assert ProgressReport.objects.count() == 0


def test_progress_report_create_needs_sign_in(client, point):
    response = client.get(reverse("plans:progress_report_create", args=[point.pk]))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_progress_report_detail_of_other_members_draft_is_not_found(client, point, german):
    draft = services.progress_report_file(
        action_point=point, actor=german,
        data={"report_date": dt.date(2018, 6, 30), "text": "x", "proposed_status": "in_progress"},
    )
    client.force_login(FocalPointFactory(member=member("CN")).user)

    assert client.get(reverse("plans:progress_report_detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("plans:progress_report_edit", args=[draft.pk])).status_code == 404


def test_my_action_points_lists_own_reports_not_other_members(client, point, german):
    chinese = FocalPointFactory(member=member("CN")).user
    services.progress_report_file(
        action_point=point, actor=chinese,
        data={"report_date": dt.date(2018, 6, 30), "text": "x", "proposed_status": "completed"},
    )
    services.progress_report_file(
        action_point=point, actor=german,
        data={"report_date": dt.date(2018, 7, 1), "text": "y", "proposed_status": "in_progress"},
    )
    client.force_login(german)

    page = client.get(reverse("plans:my_action_points")).content.decode()

    assert "1 Jul 2018" in page
    assert "30 Jun 2018" not in page
    assert "lead member" in page


@pytest.mark.parametrize("count", [1, 3])
def test_my_action_points_query_count(client, german, django_assert_num_queries, count):
    plan = ActionPlanFactory()
    for number in range(1, count + 1):
        ActionPointFactory(plan=plan, number=number).lead_members.set([member("DE")])
    client.force_login(german)

    # session, user, focal point, its member, points, leads, participants, reports:
    # the same for any number of points
    with django_assert_num_queries(8):
        response = client.get(reverse("plans:my_action_points"))

    assert response.status_code == 200


def test_review_accept_by_secretariat_updates_status(client, point, german, secretariat):
    report = services.progress_report_file(
        action_point=point, actor=german,
        data={"report_date": dt.date(2018, 6, 30), "text": "x", "proposed_status": "completed"},
    )
    services.progress_report_submit(report=report, actor=german)
    client.force_login(secretariat)

    response = client.post(reverse("plans:progress_report_review", args=[report.pk]),
                           {"decision": "accept", "note": "Thanks"})

    point.refresh_from_db()
    assert response.status_code == 302
    assert point.status == ActionPointStatus.COMPLETED
    assert point.status_changes.get().actor == secretariat


def test_review_reject_without_note_keeps_submitted(client, point, german, secretariat):
    report = services.progress_report_file(
        action_point=point, actor=german,
        data={"report_date": dt.date(2018, 6, 30), "text": "x", "proposed_status": "completed"},
    )
    services.progress_report_submit(report=report, actor=german)
    client.force_login(secretariat)

    client.post(reverse("plans:progress_report_review", args=[report.pk]),
                {"decision": "reject", "note": ""})

    report.refresh_from_db()
    assert report.state == ProgressReportState.SUBMITTED


def test_review_by_focal_point_is_forbidden(client, point, german):
    report = services.progress_report_file(
        action_point=point, actor=german,
        data={"report_date": dt.date(2018, 6, 30), "text": "x", "proposed_status": "completed"},
    )
    services.progress_report_submit(report=report, actor=german)
    client.force_login(german)

    response = client.post(reverse("plans:progress_report_review", args=[report.pk]),
                           {"decision": "accept"})

    assert response.status_code == 403


def test_review_queue_lists_submitted_reports_for_secretariat_only(client, demo, secretariat):
    client.force_login(secretariat)
    page = client.get(reverse("plans:review_queue")).content.decode()
    client.force_login(FocalPointFactory(member=member("TH")).user)

    assert "1 report waits for review" in page
    assert "Kingdom of Thailand" in page or "Thailand" in page
    assert client.get(reverse("plans:review_queue")).status_code == 403


def test_progress_report_detail_shows_history_with_actors(client, point, german, secretariat):
    german.first_name, german.last_name = "Greta", "Example"
    german.save()
    report = services.progress_report_file(
        action_point=point, actor=german,
        data={"report_date": dt.date(2018, 6, 30), "text": "x", "proposed_status": "completed"},
    )
    services.progress_report_update(report=report, data={"text": "y"}, actor=german)
    services.progress_report_submit(report=report, actor=german)
    services.progress_report_accept(report=report, actor=secretariat)
    client.force_login(german)

    response = client.get(reverse("plans:progress_report_detail", args=[report.pk]))

    assert [(r.state, r.history_user) for r in response.context["history"]] == [
        ("draft", german), ("submitted", german), ("accepted", secretariat),
    ]
    assert "Draft · Greta Example" in response.content.decode()


def test_progress_report_create_by_secretariat_for_a_member(client, point, secretariat):
    client.force_login(secretariat)

    client.post(reverse("plans:progress_report_create", args=[point.pk]),
                form_data(member=member("CN").pk))

    report = ProgressReport.objects.get()
    assert (report.member.code, report.author) == ("CN", secretariat)


def test_my_action_points_for_secretariat_lists_open_points(client, point, secretariat):
    closed = ActionPointFactory(status=ActionPointStatus.COMPLETED)
    client.force_login(secretariat)

    response = client.get(reverse("plans:my_action_points"))

    assert [p.pk for p in response.context["open_points"]] == [point.pk]
    assert closed.title not in response.content.decode()
