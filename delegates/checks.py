"""System checks of our own settings.

django-ratelimit's own cache checks (django_ratelimit.E003, W001) are silenced in settings:
they fail every `manage.py` command, `runserver` included, on the per-process cache the demo
and the test suite run with, where one process means one counter anyway. What matters is a
deployment with several workers, so the warning below is raised under `check --deploy`.
"""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured
from django_ratelimit.checks import KNOWN_BROKEN_CACHE_BACKENDS

from asem_customs.rate_limits import normalised_rate


@register()
def check_registration_rate_limit(app_configs, **kwargs):
    try:
        normalised_rate(settings.REGISTRATION_RATE_LIMIT)
    except ImproperlyConfigured as exc:
        return [Error(str(exc), id="asem_customs.E010")]
    return []


@register(Tags.security, Tags.caches, deploy=True)
def check_rate_limit_cache_is_shared(app_configs, **kwargs):
    try:
        if normalised_rate(settings.REGISTRATION_RATE_LIMIT) is None:
            return []
    except ImproperlyConfigured:
        return []  # reported by check_registration_rate_limit
    name = getattr(settings, "RATELIMIT_USE_CACHE", "default")
    backend = settings.CACHES.get(name, {}).get("BACKEND", "")
    reason = KNOWN_BROKEN_CACHE_BACKENDS.get(backend)
    if reason is None:
        return []
    return [Warning(
        f"The registration rate limit counts in the cache {name!r} ({backend}), which "
        f"{reason}: each worker process counts apart, so the limit is not kept.",
        hint="Set CACHE_URL to Redis (redis://host:6379/1) so that every worker shares "
             "the counter, or REGISTRATION_RATE_LIMIT=off to say there is no limit.",
        id="asem_customs.W010",
    )]
