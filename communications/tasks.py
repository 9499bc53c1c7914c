"""Background work of circulars: thin, by id, safe to run twice."""

from celery import shared_task

from . import services


@shared_task(acks_late=True)
def deliver_circular(pk):
    """Queue the mails of one circular in the outbox, reporting progress on its row."""
    return services.circular_deliver(circular_id=pk)


@shared_task(acks_late=True)
def resume_circulars():
    """Beat: finish circulars a worker left half queued."""
    return services.circulars_resume()


@shared_task(acks_late=True)
def send_due_reminders():
    """Beat: send the reminders whose day has come, each once."""
    return services.reminders_send_due()
