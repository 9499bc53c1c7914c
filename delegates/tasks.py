"""Background work of the delegates app: expiring unconfirmed registrations."""

from celery import shared_task


@shared_task(acks_late=True)
def expire_unconfirmed_registrations():
    """Beat: public registrations whose address was not confirmed in time expire. Safe to
    run twice (the service skips what is done)."""
    from .services import expire_unconfirmed_registrations as expire

    return expire()
