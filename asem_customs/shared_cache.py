"""The cache every process of the site shares: app servers, Celery workers and commands.

With Redis (CACHE_URL) that is the default cache. With the default cache in one process's
memory (the demo, a single machine), it is the file cache that settings name
"public_versions", in a private folder of the project that every process on the machine
reads. Page versions (`page_versions`) and the mail hand-off (`mail.outbox`) keep there what
one process must tell the others.
"""

from django.conf import settings
from django.core.cache import cache, caches


def shared_cache():
    if "public_versions" in settings.CACHES:
        return caches["public_versions"]
    return cache
