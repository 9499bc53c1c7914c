"""The rate limit of the public registration form, counted by django-ratelimit.

The register view is decorated (`delegates.views.register`), so the count runs after
CsrfViewMiddleware has checked the token: a POST without a valid token (which any hostile
page can make a visitor's browser send) is refused 403 and never counted against the
visitor's address. The counter lives in the cache `RATELIMIT_USE_CACHE` ("default"): shared
between app servers only when that cache is (Redis); see `asem_customs.checks`.
"""

import re

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.shortcuts import render
from django_ratelimit.core import get_usage

from .middleware import client_ip

REGISTRATION_GROUP = "delegates.register"
OFF_VALUES = frozenset({"", "off", "none", "0"})
_RATE = re.compile(r"^(\d+)/(\d*)([smhd])$")


def normalised_rate(value):
    """'60/h' -> '60/h', ' 100 / 15m ' -> '100/15m', 'off' (or empty) -> None; anything
    else raises ImproperlyConfigured (the system check reports it at start)."""
    text = "".join((value or "").split()).lower()
    if text in OFF_VALUES:
        return None
    if not _RATE.match(text):
        raise ImproperlyConfigured(
            f"REGISTRATION_RATE_LIMIT must look like '60/h', '100/15m' or 'off', not {value!r}."
        )
    return text


def registration_rate(group, request):
    """The rate django-ratelimit applies (None: no limit)."""
    return normalised_rate(settings.REGISTRATION_RATE_LIMIT)


def client_key(group, request):
    """Count per client address, as axes sees it (behind TRUSTED_PROXY_COUNT proxies)."""
    return client_ip(request) or "unknown"


RATELIMIT_OPTIONS = {"group": REGISTRATION_GROUP, "key": client_key,
                     "rate": registration_rate, "method": "POST"}

# "Lost your link?": asking for one's links again, per client address (LOST_LINK_RATE_LIMIT).
LOST_LINK_GROUP = "delegates.lost_link"


def lost_link_rate(group, request):
    return normalised_rate(settings.LOST_LINK_RATE_LIMIT)


LOST_LINK_RATELIMIT_OPTIONS = {"group": LOST_LINK_GROUP, "key": client_key,
                               "rate": lost_link_rate, "method": "POST"}


def too_many_registrations(request, options=RATELIMIT_OPTIONS):
    """The 429 page with Retry-After: the seconds left in the client's current window."""
    usage = get_usage(request, increment=False, **options)
    retry_after = max(1, usage["time_left"]) if usage and usage["time_left"] > 0 else 60
    response = render(request, "429.html",
                      {"retry_after_minutes": max(1, -(-retry_after // 60))}, status=429)
    response["Retry-After"] = str(retry_after)
    return response
