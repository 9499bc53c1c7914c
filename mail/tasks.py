"""Sending the outbox. Tasks take ids and are safe to run twice (a message already sent, or
being sent by another worker, is skipped)."""

from celery import shared_task

from . import outbox


@shared_task(acks_late=True)
def send_outgoing_email(pk):
    """Send one queued message now, if it is still due. Returns "sent", "failed",
    "unreachable" or "skipped"; a failure leaves it queued with a growing wait, for
    `send_due_mail`."""
    result = outbox.send_queued(ids=[pk])
    if result.sent:
        return outbox.SENT
    return outbox.FAILED if result.failed else "skipped"


@shared_task(acks_late=True)
def send_outgoing_emails(pks):
    """Send the queued messages `pks` now, over one connection, those still due. Returns
    {"sent": n, "failed": n}; a failure leaves a message queued with a growing wait, for
    `send_due_mail`, and a server that cannot be reached leaves the rest of them queued."""
    result = outbox.send_queued(ids=list(pks), limit=len(pks))
    return {"sent": result.sent, "failed": result.failed}


@shared_task(acks_late=True)
def send_handed_off_mail():
    """With a broker, after commit (`outbox.hand_off`): send the mail of every request that
    committed before this task started. Returns {"sent": n, "failed": n}."""
    result = outbox.send_handed_off()
    return {"sent": result.sent, "failed": result.failed}


@shared_task(acks_late=True)
def send_due_mail(limit=100):
    """The beat sweep: send what is due (new messages a worker missed, and retries after a
    failure once their wait is over)."""
    result = outbox.send_queued(limit=limit)
    return {"sent": result.sent, "failed": result.failed}
