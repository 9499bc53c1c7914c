"""The real URLconf plus views that fail on purpose, for the fault tests."""

from django.db import OperationalError
from django.urls import path

from asem_customs.urls import urlpatterns as site_urlpatterns

handler500 = "asem_customs.views.server_error"


def crash(request):
    raise RuntimeError("secret detail that must never reach a visitor")


def database_gone(request):
    raise OperationalError("could not connect to server: secret-host.internal")


urlpatterns = [
    path("test-faults/crash/", crash),
    path("test-faults/database-gone/", database_gone),
    *site_urlpatterns,
]
