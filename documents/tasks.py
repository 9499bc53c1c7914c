"""Background work of the documents: thin tasks that call `documents.record`."""

from celery import shared_task

from . import record


@shared_task(name="documents.tasks.adopt_records_by_silence", acks_late=True)
def adopt_records_by_silence():
    """Adopt every circulated record whose deadline passed without objection (hourly)."""
    return record.adopt_records_by_silence()
