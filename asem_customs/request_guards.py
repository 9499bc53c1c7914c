"""Guards every request passes: a cap on the size of what a client may send, and
`Cache-Control: no-store` on pages that carry personal or private data."""

import logging

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponse
from django.template import loader
from django.template.defaultfilters import filesizeformat
from django.utils.cache import patch_cache_control

from .middleware import DATABASE_UNAVAILABLE_ERRORS

logger = logging.getLogger(__name__)


def _declared_length(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None


class RequestBodyLimitMiddleware:
    """Answers 413 to a request that announces a body larger than MAX_REQUEST_BODY_BYTES,
    before the CSRF check or any view reads (and spools to disk) a byte of it.

    Django reads no more than Content-Length bytes, so a body without one (chunked) reads
    as empty; the proxy in front (`client_max_body_size`) caps what reaches the app."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = _declared_length(request)
        if length is None:
            return HttpResponse("Bad Content-Length.", status=400, content_type="text/plain")
        if length > settings.MAX_REQUEST_BODY_BYTES:
            logger.warning("Refused a %s-byte body to %s", length, request.path)
            response = HttpResponse(
                loader.get_template("413.html").render(
                    {"limit": filesizeformat(settings.MAX_REQUEST_BODY_BYTES)}
                ),
                status=413,
            )
            # The client may still be sending: close instead of reading the rest.
            response["Connection"] = "close"
            return response
        return self.get_response(request)


# Pages behind these prefixes show personal data (staff workspace, focal points, privacy
# requests, the admin) or are reached through a personal signed link.
PRIVATE_PATH_PREFIXES = ("/staff/", "/focal/", "/privacy/", "/admin/", "/registrations/",
                         "/accounts/")


class NoStoreForPrivatePagesMiddleware:
    """`Cache-Control: no-store, private` on every answer to a signed-in person and on
    every private page, so that neither a shared proxy nor the browser's history keeps
    personal data. Merged with what a view already set (never_cache and the like)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(PRIVATE_PATH_PREFIXES) or _signed_in(request):
            patch_cache_control(response, no_store=True, private=True)
        return response


def _signed_in(request):
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False  # no session, nobody signed in: public pages stay cacheable
    try:
        return request.user.is_authenticated
    except (DatabaseError, *DATABASE_UNAVAILABLE_ERRORS):
        return True  # cannot tell: keep the page out of caches
