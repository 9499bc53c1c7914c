"""Request-level protections: the client's address and the database-down page. (The rate
limit of the public registration form is in `asem_customs.rate_limits`.)"""

import logging

import psycopg
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

logger = logging.getLogger(__name__)


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
