"""Celery tasks of the delegates app: thin, they call services."""

from celery import shared_task

# --- publicform: unconfirmed registrations from the public form expire ---------------------


@shared_task(acks_late=True, name="delegates.tasks.expire_unconfirmed_registrations")
def expire_unconfirmed_registrations():
    """Run from CELERY_BEAT_SCHEDULE; safe to run twice (the service skips what is done)."""
    from .services import expire_unconfirmed_registrations as expire

    return expire()


# --- end publicform ------------------------------------------------------------------------
