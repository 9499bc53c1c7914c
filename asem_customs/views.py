import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import JsonResponse
from django.views.defaults import server_error as default_server_error

from .middleware import database_unavailable_response


def healthz(request):
    """200 when the database answers a query, 503 otherwise; for load balancers and monitors."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})


def server_error(request, template_name="500.html"):
    """The friendly 500 page; the 503 page when the cause is an unreachable database
    (raised outside a view, for example while a middleware saves the session)."""
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return database_unavailable_response()
    return default_server_error(request, template_name)
