import sys

import psycopg
from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.utils.cache import patch_cache_control
from django.views import i18n
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET
from django.views.defaults import server_error as default_server_error

from . import roles
from .middleware import DATABASE_UNAVAILABLE_ERRORS, database_unavailable_response


def healthz(request):
    """200 when the database answers a query, 503 otherwise; for load balancers and monitors."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except (DatabaseError, psycopg.Error):
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})


@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico on every site, whatever the page links: send them to the
    site's icon (a temporary redirect, as the icon's address changes with its content)."""
    response = redirect(static("img/favicon.svg"))
    patch_cache_control(response, public=True, max_age=86400)
    return response


def server_error(request, template_name="500.html"):
    """The friendly 500 page; the 503 page when the cause is an unreachable database
    (raised outside a view, for example while a middleware saves the session)."""
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE_ERRORS):
        return database_unavailable_response()
    return default_server_error(request, template_name)


@require_GET
@login_required
def signed_in(request):
    """Where a person lands after signing in: the secretariat's workspace, a focal point's
    delegation pages, or the home page."""
    user = request.user
    if roles.is_secretariat(user):
        return redirect("staff:index")
    if hasattr(user, "focal_point"):
        return redirect("delegates:focal_home")
    return redirect("public:home")


@csrf_exempt
def set_language(request):
    """Django's set_language, without a CSRF token: the language switcher sits on every page,
    the cached public pages included, and a page holding a token belongs to one visitor and
    could not be cached. Another site making a visitor's browser switch language changes
    nothing but the language (pretix's switcher is a plain link for the same reason)."""
    return i18n.set_language(request)
