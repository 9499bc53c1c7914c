"""Request-level protections: the client's address, the database-down page and the rate
limit on the public registration form."""

import logging
import re
import time
from functools import lru_cache

import psycopg
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.urls import Resolver404, resolve

logger = logging.getLogger(__name__)

RATE_LIMITED_VIEWS = frozenset({"delegates:register"})
_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*$")


def client_ip(request):
    """The client's address (None when unknown): the socket's peer, or, behind
    `TRUSTED_PROXY_COUNT` proxies that append to X-Forwarded-For, the address the outermost
    trusted proxy saw.

    Entries further left in X-Forwarded-For are written by the client and never trusted.
    """
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or None


def axes_username(request, credentials=None):
    """The username a sign-in attempt names, as django-axes records it: cut to the 255
    characters its column holds (a longer one would fail the attempt's insert) and without
    NUL characters (PostgreSQL refuses them)."""
    source = credentials if credentials else getattr(request, "POST", {})
    username = source.get("username") if source else None
    if username is None:
        return None
    return str(username).replace("\x00", "")[:255]


@lru_cache(maxsize=16)
def parse_rate(value):
    """'60/h' -> (60, 3600); '100/15m' -> (100, 900); 'off' (or empty) -> None."""
    text = (value or "").strip().lower()
    if text in {"", "off", "none", "0"}:
        return None
    match = _RATE.match(text)
    if not match:
        raise ImproperlyConfigured(
            f"REGISTRATION_RATE_LIMIT must look like '60/h' or 'off', not {value!r}."
        )
    count, multiple, unit = match.groups()
    return int(count), int(multiple or 1) * _PERIODS[unit]


def _too_many_requests(request, retry_after):
    response = render(
        request, "429.html", {"retry_after_minutes": max(1, -(-retry_after // 60))}, status=429
    )
    response["Retry-After"] = str(retry_after)
    return response


class RegistrationRateLimitMiddleware:
    """Counts POSTs to the public registration form per client address in fixed windows.

    The counter lives in the default cache, so app servers sharing a Redis cache share it.
    A window is generous enough for one ministry's office behind a single address.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        parse_rate(settings.REGISTRATION_RATE_LIMIT)  # fail at start on a malformed value

    def __call__(self, request):
        if request.method == "POST" and self._is_limited_view(request):
            rate = parse_rate(settings.REGISTRATION_RATE_LIMIT)
            if rate is not None:
                address = client_ip(request) or "unknown"
                retry_after = self._hit(address, *rate)
                if retry_after:
                    logger.warning("Registration rate limit reached for %s", address)
                    return _too_many_requests(request, retry_after)
        return self.get_response(request)

    @staticmethod
    def _is_limited_view(request):
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        return match.view_name in RATE_LIMITED_VIEWS

    @staticmethod
    def _hit(address, limit, period):
        """Counts one request; returns the seconds to wait when over the limit, else 0."""
        now = int(time.time())
        window = now // period
        key = f"ratelimit:register:{address}:{period}:{window}"
        cache.add(key, 0, timeout=period + 1)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=period + 1)
            count = 1
        if count > limit:
            return (window + 1) * period - now
        return 0


# Django wraps the driver's errors in its own, except where psycopg raises outside Django's
# wrapper (closing a server-side cursor on a connection that died): both mean the same.
DATABASE_UNAVAILABLE_ERRORS = (
    OperationalError, InterfaceError, psycopg.OperationalError, psycopg.InterfaceError,
)


def database_unavailable_response():
    """The 503 page, rendered without touching the database (no request context)."""
    response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = "120"
    return response


class DatabaseUnavailableMiddleware:
    """Answers a friendly 503 page, never a traceback, when the database cannot be reached."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_UNAVAILABLE_ERRORS):
            logger.error("Database unavailable: %s", exception, exc_info=exception)
            return database_unavailable_response()
        return None


class NulCharacter(SuspiciousOperation):
    """A NUL character in the address: no browser sends one, and PostgreSQL refuses it in
    text, so a lookup with it would fail with a server error."""


class RejectNulCharactersMiddleware:
    """Answers 400 to an address whose path or query string holds a NUL character, before
    any view looks it up in the database. Form fields are the forms' business: they refuse
    NUL with a message (Django's ProhibitNullCharactersValidator)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            raise NulCharacter("NUL character in the request's address")
        return self.get_response(request)
