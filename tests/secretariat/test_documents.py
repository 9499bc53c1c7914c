"""Every document the secretariat prints in bulk is a background job: visa letters, lists of
participants (PDF and XLSX), the implementation report of an action plan, and badges. Small
ones (a single badge or visa letter, a short list) still come back at once, from the staff
pages and the admin alike. Each job reports its progress, keeps its file in the storage, is
downloaded only by whom `can_see_job` allows, and can be tried again once it failed."""

import datetime as dt
import io

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Permission
from django.core.files.storage import default_storage
from django.utils import timezone
from openpyxl import load_workbook

from action_plans.models import ActionPlan
from delegates.enums import RegistrationStatus
from delegates.models import Registration
from secretariat import services, work
from secretariat.documents import INLINE_LIST_ROWS, in_background
from secretariat.enums import JobKind, JobState
from secretariat.models import Job
from tests.delegates.staff_helpers import editor, viewer
from tests.factories import (
    ActionPlanFactory,
    ActionPointFactory,
    FocalPointFactory,
    MeetingFactory,
    RegistrationFactory,
    UserFactory,
    member,
)
from tests.pdf import pdf_text

from .helpers import BADGE_COUNT, crowded_meeting, token_of

pytestmark = pytest.mark.django_db
LIST_ROWS = INLINE_LIST_ROWS + 2  # one did not consent: still too long for publication
MEMBERS = ("DE", "FR", "JP")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def download(client, token):
    """(status, content type, disposition, whole body) of the job's download. Reading the
    whole stream closes the file; closing the response again would close the test's
    database connection on PostgreSQL."""
    response = client.get(f"/staff/jobs/{token}/download/")
    body = b"".join(response.streaming_content) if response.streaming else b""
    return (response.status_code, response.get("Content-Type"),
            response.get("Content-Disposition", "").split(";")[0], body)


def start(client, url, capture, *, execute=True, post=None):
    with capture(execute=execute):
        response = client.post(url, post) if post is not None else client.get(url)
    assert response.status_code == 302, response
    assert response.url.startswith("/staff/jobs/")
    return token_of(response)


def watch(client, token, monkeypatch):
    """Run the job as a worker would, reading its page after the first progress report:
    returns that page's text."""
    monkeypatch.setattr(services, "PROGRESS_INTERVAL", 0)
    pages = []

    def watching(job, progress):
        def report(done):
            progress(done)
            if not pages:
                pages.append(client.get(f"/staff/jobs/{token}/").text)
        return work.for_job(job, report)

    services.run_job(job_id=Job.objects.get(public_id=token).pk, attempt=1, work=watching)
    return pages[0]


def interrupt(token):
    """The worker running the job was killed: it began, then nothing reported any more."""
    job = services.begin_job(job_id=Job.objects.get(public_id=token).pk, attempt=1)
    Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - dt.timedelta(minutes=6))


def supervisor(make, username):
    """A secretariat user also granted "Can view background job"."""
    user = make(username)
    user.user_permissions.add(Permission.objects.get(codename="view_job"))
    return user


@pytest.mark.parametrize(("kind", "total", "expected"), [
    (JobKind.BADGES, 1, False), (JobKind.BADGES, BADGE_COUNT - 1, False),
    (JobKind.BADGES, BADGE_COUNT, True),
    (JobKind.VISA_LETTERS, 1, False), (JobKind.VISA_LETTERS, 2, True),
    (JobKind.PARTICIPANTS, INLINE_LIST_ROWS, False),
    (JobKind.PARTICIPANTS, INLINE_LIST_ROWS + 1, True),
    (JobKind.IMPLEMENTATION_REPORT, 0, True), (JobKind.IMPLEMENTATION_REPORT, 1, True),
])
def test_one_rule_decides_what_comes_back_at_once(kind, total, expected):
    assert in_background(kind=kind, total=total) is expected


# --- visa letters --------------------------------------------------------------------------


def visa_meeting(count):
    meeting = MeetingFactory(title="16th ASEM Customs DG-C Meeting")
    for n in range(count):
        RegistrationFactory(meeting=meeting, member=member("TH"), given_name="Somchai",
                            family_name=f"Jaidee {n}", needs_visa_letter=True,
                            passport_number=f"AA12345{n}", passport_nationality="Thai",
                            passport_expires_on=dt.date(2031, 1, 1),
                            date_of_birth=dt.date(1975, 5, 5),
                            status=RegistrationStatus.CONFIRMED)
    return meeting


def test_all_visa_letters_are_made_by_a_job_with_every_letter(
        client, django_capture_on_commit_callbacks):
    meeting = visa_meeting(3)
    client.force_login(editor())

    token = start(client, f"/staff/{meeting.slug}/visa-letters/all.pdf",
                  django_capture_on_commit_callbacks)
    page = client.get(f"/staff/jobs/{token}/")
    status, content_type, disposition, body = download(client, token)
    text = pdf_text(body)

    assert "Ready: 3 done." in page.text
    assert "Visa invitation letters · 16th ASEM Customs DG-C Meeting" in page.text
    assert (status, content_type, disposition) == (200, "application/pdf", "inline")
    assert text.count("Letter of invitation") == 3
    assert all(f"AA12345{n}" in text for n in range(3))
    job = Job.objects.get(public_id=token)
    assert job.result.name == f"generated/{token}/visa-letters-{meeting.slug}.pdf"
    assert default_storage.exists(job.result.name)


def test_visa_letters_job_reports_its_progress(
        client, django_capture_on_commit_callbacks, monkeypatch):
    meeting = visa_meeting(3)
    client.force_login(editor())
    token = start(client, f"/staff/{meeting.slug}/visa-letters/all.pdf",
                  django_capture_on_commit_callbacks, execute=False)

    assert "Waiting for a worker to start." in client.get(f"/staff/jobs/{token}/").text
    assert "1 of 3 done. This page refreshes by itself." in watch(client, token, monkeypatch)
    assert Job.objects.values_list("state", "done").get(public_id=token) == (JobState.DONE, 3)


def test_a_single_visa_letter_comes_back_at_once(client):
    meeting = visa_meeting(1)
    registration = meeting.registrations.get()
    client.force_login(editor())

    one = client.get(f"/staff/{meeting.slug}/visa-letters/{registration.pk}.pdf")
    all_of_one = client.get(f"/staff/{meeting.slug}/visa-letters/all.pdf")

    assert one["Content-Type"] == all_of_one["Content-Type"] == "application/pdf"
    assert "AA123450" in pdf_text(all_of_one.content)
    assert Job.objects.count() == 0


def test_visa_letters_job_needs_the_passport_permission_to_download(
        client, django_capture_on_commit_callbacks):
    meeting = visa_meeting(2)
    starter = editor("starter")
    client.force_login(starter)
    token = start(client, f"/staff/{meeting.slug}/visa-letters/all.pdf",
                  django_capture_on_commit_callbacks)

    refused = []
    for user in [editor("another-editor"), supervisor(viewer, "supervising-viewer"),
                 FocalPointFactory(member=member("TH")).user]:
        client.force_login(user)
        refused.append((client.get(f"/staff/jobs/{token}/").status_code,
                        download(client, token)[0]))
    client.force_login(supervisor(editor, "supervising-editor"))
    allowed = download(client, token)[:2]
    starter.groups.clear()  # no longer an editor: the passport permission went with it
    starter.user_permissions.add(Permission.objects.get(codename="view_registration"))
    client.force_login(starter)
    starter_afterwards = download(client, token)[0]

    assert refused == [(403, 403)] * 3
    assert allowed == (200, "application/pdf")
    assert starter_afterwards == 403


def test_a_visa_letters_job_whose_worker_stopped_can_be_tried_again(
        client, django_capture_on_commit_callbacks):
    meeting = visa_meeting(2)
    client.force_login(editor())
    token = start(client, f"/staff/{meeting.slug}/visa-letters/all.pdf",
                  django_capture_on_commit_callbacks, execute=False)
    interrupt(token)

    failed = client.get(f"/staff/jobs/{token}/")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/staff/jobs/{token}/retry/")

    assert "The worker stopped reporting: the job was interrupted. Try again." in failed.text
    assert f'action="/staff/jobs/{token}/retry/"' in failed.text
    assert "Ready: 2 done." in client.get(f"/staff/jobs/{token}/").text
    assert download(client, token)[0] == 200


def test_admin_visa_letters_of_several_people_are_a_job_of_one_only_at_once(
        client, django_capture_on_commit_callbacks):
    meeting = visa_meeting(2)
    first, second = meeting.registrations.order_by("pk")
    client.force_login(editor())

    with django_capture_on_commit_callbacks(execute=True):
        several = client.post("/admin/delegates/registration/", {
            "action": "print_visa_letters", ACTION_CHECKBOX_NAME: [first.pk, second.pk]})
    one = client.post("/admin/delegates/registration/", {
        "action": "print_visa_letters", ACTION_CHECKBOX_NAME: [first.pk]})

    assert several.status_code == 302
    assert "Ready: 2 done." in client.get(several.url).text
    assert one["Content-Type"] == "application/pdf"
    assert Job.objects.get().kind == JobKind.VISA_LETTERS


# --- lists of participants ---------------------------------------------------------------


def long_list():
    meeting = MeetingFactory(capacity=1000, delegation_cap=1000)
    Registration.objects.bulk_create(
        Registration(meeting=meeting, member=member(MEMBERS[n % 3]), given_name="Anna",
                     family_name=f"Schmidt {n:03}", email=f"p{n}@example.org",
                     status=RegistrationStatus.CONFIRMED, badge_code=f"list-{n}",
                     publish_name=n != 1)
        for n in range(LIST_ROWS)
    )
    return meeting


def test_a_long_list_as_xlsx_is_made_by_a_job_and_downloads_as_a_spreadsheet(
        client, django_capture_on_commit_callbacks):
    meeting = long_list()
    client.force_login(viewer())

    token = start(client, f"/staff/{meeting.slug}/participants.xlsx",
                  django_capture_on_commit_callbacks)
    status, content_type, disposition, body = download(client, token)
    sheet = load_workbook(io.BytesIO(body), read_only=True).active
    rows = list(sheet.values)

    assert f"Ready: {LIST_ROWS} done." in client.get(f"/staff/jobs/{token}/").text
    assert (status, disposition) == (200, "attachment")
    assert content_type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert len(rows) == LIST_ROWS + 1
    assert rows[0][0] == "Member"


def test_a_long_list_as_pdf_is_made_by_a_job_reporting_its_progress(
        client, django_capture_on_commit_callbacks, monkeypatch):
    meeting = long_list()
    client.force_login(viewer())
    token = start(client, f"/staff/{meeting.slug}/participants.pdf",
                  django_capture_on_commit_callbacks, execute=False)

    running = watch(client, token, monkeypatch)
    status, content_type, _disposition, body = download(client, token)

    assert f"67 of {LIST_ROWS} done." in running  # France, the first of three delegations
    assert (status, content_type) == (200, "application/pdf")
    assert "Schmidt 200" in pdf_text(body)


def test_the_list_for_publication_and_the_full_list_are_two_jobs(
        client, django_capture_on_commit_callbacks):
    meeting = long_list()
    client.force_login(viewer())

    full = start(client, f"/staff/{meeting.slug}/participants.pdf",
                 django_capture_on_commit_callbacks)
    published = start(client, f"/staff/{meeting.slug}/participants.pdf?published=1",
                      django_capture_on_commit_callbacks)
    text = pdf_text(download(client, published)[3])

    assert full != published
    assert "Schmidt 000" in text
    assert "Schmidt 001" not in text  # did not consent to publication


def test_a_short_list_still_comes_back_at_once(client):
    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting, status=RegistrationStatus.CONFIRMED)
    client.force_login(viewer())

    pdf = client.get(f"/staff/{meeting.slug}/participants.pdf")
    xlsx = client.get(f"/staff/{meeting.slug}/participants.xlsx")

    assert pdf.content[:5] == b"%PDF-"
    assert xlsx["Content-Disposition"] == f'attachment; filename="participants-{meeting.slug}.xlsx"'
    assert Job.objects.count() == 0


def test_list_job_is_for_its_starter_or_a_supervisor_with_view_registrations(
        client, django_capture_on_commit_callbacks):
    meeting = long_list()
    client.force_login(viewer("starter"))
    token = start(client, f"/staff/{meeting.slug}/participants.xlsx",
                  django_capture_on_commit_callbacks)

    outcomes = []
    for user in [viewer("another-viewer"), FocalPointFactory(member=member("DE")).user,
                 supervisor(viewer, "supervisor"),
                 UserFactory(username="root", is_staff=True, is_superuser=True)]:
        client.force_login(user)
        outcomes.append(download(client, token)[0])

    assert outcomes == [403, 403, 200, 200]


def test_asking_again_while_the_list_is_made_follows_the_same_job(
        client, django_capture_on_commit_callbacks):
    meeting = long_list()
    client.force_login(viewer())
    url = f"/staff/{meeting.slug}/participants.pdf"

    first = start(client, url, django_capture_on_commit_callbacks, execute=False)
    again = start(client, url, django_capture_on_commit_callbacks, execute=False)
    Job.objects.filter(public_id=first).update(state=JobState.DONE, params={})
    later = start(client, url, django_capture_on_commit_callbacks, execute=False)

    assert again == first
    assert later != first
    assert Job.objects.count() == 2


# --- the implementation report of an action plan -------------------------------------------


def plan_with_points(count):
    plan = ActionPlanFactory(title="Action Plan 2030-2031", slug="action-plan-2030-2031")
    for number in range(1, count + 1):
        ActionPointFactory(plan=plan, number=number, title=f"Point number {number}")
    return plan


REPORT_URL = "/staff/plans/action-plan-2030-2031/implementation-report.pdf"


def test_implementation_report_is_made_by_a_job_reporting_each_point(
        client, django_capture_on_commit_callbacks, monkeypatch):
    plan_with_points(3)
    client.force_login(editor())

    token = start(client, REPORT_URL, django_capture_on_commit_callbacks, execute=False)
    running = watch(client, token, monkeypatch)
    status, content_type, _disposition, body = download(client, token)

    assert "1 of 3 done. This page refreshes by itself." in running
    assert (status, content_type) == (200, "application/pdf")
    assert "Point number 3" in pdf_text(body)
    assert Job.objects.get(public_id=token).filename == "action-plan-2030-2031-implementation.pdf"


def test_implementation_report_job_is_for_reviewers_of_action_plans(
        client, django_capture_on_commit_callbacks):
    plan_with_points(2)
    starter = editor("starter")
    client.force_login(starter)
    token = start(client, REPORT_URL, django_capture_on_commit_callbacks)

    outcomes = []
    for user in [editor("another-editor"), supervisor(viewer, "supervising-viewer"),
                 FocalPointFactory(member=member("DE")).user,
                 supervisor(editor, "supervising-editor")]:
        client.force_login(user)
        outcomes.append(download(client, token)[0])

    assert outcomes == [403, 403, 403, 200]


def test_implementation_report_of_a_plan_removed_meanwhile_fails_with_its_reason(
        client, django_capture_on_commit_callbacks):
    plan = plan_with_points(0)
    client.force_login(editor())
    token = start(client, REPORT_URL, django_capture_on_commit_callbacks, execute=False)
    ActionPlan.objects.filter(pk=plan.pk).delete()

    services.run_job(job_id=Job.objects.get(public_id=token).pk, attempt=1,
                     work=work.for_job)
    page = client.get(f"/staff/jobs/{token}/")

    assert "The action plan no longer exists." in page.text
    assert "Try again" in page.text
    assert download(client, token)[0] == 404


def test_an_interrupted_implementation_report_can_be_tried_again(
        client, django_capture_on_commit_callbacks):
    plan_with_points(2)
    client.force_login(editor())
    token = start(client, REPORT_URL, django_capture_on_commit_callbacks, execute=False)
    interrupt(token)

    assert "The worker stopped reporting" in client.get(f"/staff/jobs/{token}/").text
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/staff/jobs/{token}/retry/")

    assert "Ready: 2 done." in client.get(f"/staff/jobs/{token}/").text
    assert Job.objects.values_list("state", "attempt").get(public_id=token) == (
        JobState.DONE, 2)


def test_implementation_report_of_an_unknown_plan_is_404(client):
    client.force_login(editor())

    assert client.get("/staff/plans/no-such-plan/implementation-report.pdf"
                      ).status_code == 404
    assert Job.objects.count() == 0


# --- badges: the same rule for the staff page and the admin --------------------------------


def test_admin_badges_of_many_people_are_a_job_like_on_the_staff_page(
        client, django_capture_on_commit_callbacks):
    meeting = crowded_meeting()
    ids = list(meeting.registrations.values_list("pk", flat=True))
    client.force_login(viewer())

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/delegates/registration/", {
            "action": "print_badges", ACTION_CHECKBOX_NAME: ids})

    assert response.status_code == 302
    assert f"Ready: {BADGE_COUNT} done." in client.get(response.url).text
    assert download(client, token_of(response))[:2] == (200, "application/pdf")
