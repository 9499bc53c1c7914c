"""Celery tasks of the secretariat: thin, they take ids and call services. Each is safe to
run twice: a task is acknowledged once it has run (`acks_late`) and given back to the queue
when its worker dies (`reject_on_worker_lost`), so a job whose worker was killed runs again."""

from celery import shared_task

from . import services, work


@shared_task(name="secretariat.run_job", acks_late=True, reject_on_worker_lost=True)
def run_job(job_id, attempt):
    services.run_job(job_id=job_id, attempt=attempt, work=work.for_job)


@shared_task(name="secretariat.fail_stale_jobs", acks_late=True, reject_on_worker_lost=True)
def fail_stale_jobs():
    return services.fail_stale_jobs()


@shared_task(name="secretariat.remove_old_jobs", acks_late=True, reject_on_worker_lost=True)
def remove_old_jobs():
    return services.remove_old_jobs()


@shared_task(name="secretariat.anonymise_registrations", acks_late=True,
             reject_on_worker_lost=True)
def anonymise_registrations():
    """The nightly retention run, the same service as `manage.py anonymise_registrations`."""
    from .privacy import anonymise_expired_registrations

    return anonymise_expired_registrations()
