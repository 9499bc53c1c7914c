"""Background jobs through the staff pages: progress read from the database, downloads only
for the person who started the job, a job whose worker stopped shown failed with a retry that
works. Without a broker the task runs eagerly once the request commits."""

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.core.files.storage import default_storage
from django.utils import timezone

from secretariat import services
from secretariat.enums import JobKind, JobState
from secretariat.models import Job
from tests.delegates.staff_helpers import viewer
from tests.factories import UserFactory

from .helpers import BADGE_COUNT, crowded_meeting, token_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def download(client, token):
    """(status, first bytes) of the job's download. Reading the whole stream closes the
    file; closing the response again would close the test's database connection."""
    response = client.get(f"/staff/jobs/{token}/download/")
    content = b"".join(response.streaming_content)[:5] if response.streaming else b""
    return response.status_code, content


def start_badges(client, meeting, capture, *, execute=True):
    with capture(execute=execute):
        response = client.post(f"/staff/{meeting.slug}/badges/", {"layout": "sheet"})
    assert response.status_code == 302
    return token_of(response)


def test_badges_job_is_done_and_its_file_is_in_the_storage(
        client, django_capture_on_commit_callbacks):
    meeting = crowded_meeting()
    client.force_login(viewer())

    token = start_badges(client, meeting, django_capture_on_commit_callbacks)
    job = Job.objects.get(public_id=token)

    assert job.state == JobState.DONE
    assert (job.done, job.total) == (BADGE_COUNT, BADGE_COUNT)
    assert job.params == {}
    assert job.result.name == f"generated/{token}/badges-{meeting.slug}.pdf"
    assert default_storage.exists(job.result.name)
    assert download(client, token) == (200, b"%PDF-")


def test_progress_is_read_from_the_database_while_the_job_runs(
        client, django_capture_on_commit_callbacks):
    meeting = crowded_meeting()
    client.force_login(viewer())
    token = start_badges(client, meeting, django_capture_on_commit_callbacks, execute=False)

    queued = client.get(f"/staff/jobs/{token}/")
    job = services.begin_job(job_id=Job.objects.get(public_id=token).pk, attempt=1)
    services.report_progress(job=job, done=50)
    running = client.get(f"/staff/jobs/{token}/")

    assert "Waiting for a worker to start." in queued.text
    assert f"50 of {BADGE_COUNT} done. This page refreshes by itself." in running.text
    assert '<meta http-equiv="refresh" content="2">' in running.text
    assert client.get(f"/staff/jobs/{token}/download/").status_code == 404


def test_progress_reported_by_the_work_reaches_the_row():
    meeting = crowded_meeting()
    job = services.start_job(kind=JobKind.BADGES, meeting=meeting, total=100,
                             actor=viewer(), params={"registrations": []})
    seen = []

    def work(job, progress):
        progress(40)
        seen.append(Job.objects.values_list("state", "done").get(pk=job.pk))
        return None, "finished"

    services.run_job(job_id=job.pk, attempt=1, work=work)

    assert seen == [(JobState.RUNNING, 40)]
    assert Job.objects.values_list("state", "done", "message").get(pk=job.pk) == (
        JobState.DONE, 100, "finished")


def test_another_viewer_is_refused_the_job_and_its_download(
        client, django_capture_on_commit_callbacks):
    meeting = crowded_meeting()
    client.force_login(viewer("starter"))
    token = start_badges(client, meeting, django_capture_on_commit_callbacks)

    client.force_login(viewer("someone-else"))

    assert client.get(f"/staff/jobs/{token}/").status_code == 403
    assert client.get(f"/staff/jobs/{token}/download/").status_code == 403
    assert client.post(f"/staff/jobs/{token}/retry/").status_code == 403


def test_someone_allowed_to_see_every_job_may_download_it(
        client, django_capture_on_commit_callbacks):
    meeting = crowded_meeting()
    client.force_login(viewer("starter"))
    token = start_badges(client, meeting, django_capture_on_commit_callbacks)
    supervisor = viewer("supervisor")
    supervisor.user_permissions.add(Permission.objects.get(codename="view_job"))
    superuser = UserFactory(username="root", is_staff=True, is_superuser=True)

    client.force_login(supervisor)
    supervisor_download = download(client, token)
    client.force_login(superuser)
    superuser_page = client.get(f"/staff/jobs/{token}/")

    assert supervisor_download == (200, b"%PDF-")
    assert f"Ready: {BADGE_COUNT} done." in superuser_page.text


def test_a_job_whose_worker_stopped_is_shown_failed_and_a_retry_finishes_it(
        client, django_capture_on_commit_callbacks):
    meeting = crowded_meeting()
    client.force_login(viewer())
    token = start_badges(client, meeting, django_capture_on_commit_callbacks, execute=False)
    job = services.begin_job(job_id=Job.objects.get(public_id=token).pk, attempt=1)
    services.report_progress(job=job, done=0)
    # The worker was killed: nothing reports any more.
    Job.objects.filter(pk=job.pk).update(
        heartbeat_at=timezone.now() - dt.timedelta(minutes=6))

    failed = client.get(f"/staff/jobs/{token}/")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/staff/jobs/{token}/retry/")
    retried = client.get(f"/staff/jobs/{token}/")

    assert "The worker stopped reporting: the job was interrupted. Try again." in failed.text
    assert f'action="/staff/jobs/{token}/retry/"' in failed.text
    assert "refresh" not in failed.text
    assert f"Ready: {BADGE_COUNT} done." in retried.text
    assert Job.objects.values_list("state", "attempt").get(pk=job.pk) == (JobState.DONE, 2)
    assert download(client, token) == (200, b"%PDF-")


def test_a_job_still_reporting_is_not_failed(client, django_capture_on_commit_callbacks):
    meeting = crowded_meeting()
    client.force_login(viewer())
    token = start_badges(client, meeting, django_capture_on_commit_callbacks, execute=False)
    job = services.begin_job(job_id=Job.objects.get(public_id=token).pk, attempt=1)
    Job.objects.filter(pk=job.pk).update(
        heartbeat_at=timezone.now() - dt.timedelta(minutes=4))

    assert services.fail_stale_jobs() == 0
    assert "0 of 81 done." in client.get(f"/staff/jobs/{token}/").text


def test_a_job_no_worker_took_up_is_shown_failed(client, django_capture_on_commit_callbacks):
    meeting = crowded_meeting()
    client.force_login(viewer())
    token = start_badges(client, meeting, django_capture_on_commit_callbacks, execute=False)
    Job.objects.filter(public_id=token).update(
        created_at=timezone.now() - dt.timedelta(hours=2))

    page = client.get(f"/staff/jobs/{token}/")

    assert "No worker took the job up." in page.text
    assert "Try again" in page.text


def test_a_finished_job_cannot_be_retried(client, django_capture_on_commit_callbacks):
    meeting = crowded_meeting()
    client.force_login(viewer())
    token = start_badges(client, meeting, django_capture_on_commit_callbacks)

    page = client.post(f"/staff/jobs/{token}/retry/", follow=True)

    assert "Only a job that failed can be tried again." in page.text
    assert Job.objects.get(public_id=token).attempt == 1


def test_a_late_message_of_an_older_attempt_changes_nothing(
        django_capture_on_commit_callbacks):
    from secretariat.tasks import run_job

    meeting = crowded_meeting()
    with django_capture_on_commit_callbacks(execute=False):
        job = services.start_job(kind=JobKind.BADGES, meeting=meeting, total=1,
                                 actor=viewer(), params={"registrations": [], "layout": "x"})
    Job.objects.filter(pk=job.pk).update(state=JobState.FAILED, attempt=2)

    run_job.delay(job.pk, 1)

    assert Job.objects.values_list("state", "attempt").get(pk=job.pk) == (JobState.FAILED, 2)


def test_a_job_whose_worker_died_runs_again_when_its_message_comes_back(
        django_capture_on_commit_callbacks):
    """acks_late: the message of a killed worker is delivered again and runs the job."""
    from secretariat.tasks import run_job

    meeting = crowded_meeting()
    ids = list(meeting.registrations.values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=False):
        job = services.start_job(kind=JobKind.BADGES, meeting=meeting, total=len(ids),
                                 actor=viewer(), filename="badges.pdf",
                                 params={"registrations": ids, "layout": "sheet"})
    services.begin_job(job_id=job.pk, attempt=1)  # then the worker was killed

    run_job.delay(job.pk, 1)

    job.refresh_from_db()
    assert (job.state, job.done) == (JobState.DONE, len(ids))
    with default_storage.open(job.result.name) as handle:
        assert handle.read(5) == b"%PDF-"


def test_unknown_and_malformed_job_tokens_are_404(client):
    client.force_login(viewer())

    assert client.get("/staff/jobs/00000000-0000-0000-0000-000000000000/").status_code == 404
    assert client.get("/staff/jobs/not-a-job/download/").status_code == 404
    assert client.post("/staff/jobs/not-a-job/retry/").status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client, django_capture_on_commit_callbacks):
    meeting = crowded_meeting()
    client.force_login(viewer())
    token = start_badges(client, meeting, django_capture_on_commit_callbacks)
    client.logout()

    for url in (f"/staff/jobs/{token}/download/", f"/staff/jobs/{token}/"):
        response = client.get(url)
        assert (response.status_code, response.url) == (302, f"/accounts/login/?next={url}")


def test_tasks_run_eagerly_without_a_broker():
    from asem_customs.celery import app

    assert app.conf.task_always_eager is True
    assert app.conf.broker_url == "memory://"
