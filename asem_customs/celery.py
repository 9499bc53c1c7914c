"""The Celery application: background work (sending mail, documents, imports, nightly jobs).

Workers run `celery -A asem_customs worker` and the schedule `celery -A asem_customs beat`.
Without `CELERY_BROKER_URL` tasks run eagerly in the calling process (the embedded default of
`make run` and of tests without Redis), so the product works with no broker at all.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "asem_customs.settings")

app = Celery("asem_customs")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
