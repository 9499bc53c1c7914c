"""The real URLconf plus views that fail on purpose, for the fault tests."""

import psycopg
from django.db import OperationalError
from django.urls import path

from asem_customs.urls import urlpatterns as site_urlpatterns

handler500 = "asem_customs.views.server_error"


def crash(request):
    raise RuntimeError("secret detail that must never reach a visitor")


def database_gone(request):
    raise OperationalError("could not connect to server: secret-host.internal")


def server_side_cursor_gone(request):
    # What psycopg raises, unwrapped by Django, when a server-side cursor closes on a
    # connection the server dropped.
    raise psycopg.OperationalError("consuming input failed: server closed the connection")


urlpatterns = [
    path("test-faults/cursor-gone/", server_side_cursor_gone),
    path("test-faults/crash/", crash),
    path("test-faults/database-gone/", database_gone),
    *site_urlpatterns,
]
