"""Background work of the delegates app: sending the outbox, expiring unconfirmed
registrations. Tasks take ids and are safe to
run twice (a message already sent, or being sent by another worker, is skipped)."""

from celery import shared_task

from . import mail


@shared_task(acks_late=True)
def send_outgoing_email(pk):
    """Send one queued message now, if it is still due. Returns "sent", "failed",
    "unreachable" or "skipped"; a failure leaves it queued with a growing wait, for
    `send_due_mail`."""
    result = mail.send_queued(ids=[pk])
    if result.sent:
        return mail.SENT
    return mail.FAILED if result.failed else "skipped"


@shared_task(acks_late=True)
def send_due_mail(limit=100):
    """The beat sweep: send what is due (new messages a worker missed, and retries after a
    failure once their wait is over)."""
    result = mail.send_queued(limit=limit)
    return {"sent": result.sent, "failed": result.failed}


@shared_task(acks_late=True)
def expire_unconfirmed_registrations():
    """Beat: public registrations whose address was not confirmed in time expire. Safe to
    run twice (the service skips what is done)."""
    from .services import expire_unconfirmed_registrations as expire

    return expire()
