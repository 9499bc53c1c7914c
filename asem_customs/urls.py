from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import JavaScriptCatalog

from delegates.account_forms import OutboxPasswordResetForm

from . import views

admin.site.site_header = _("ASEM Customs Meetings — Secretariat")
admin.site.site_title = _("ASEM Customs Secretariat")
admin.site.index_title = _("Secretariat workspace")
# The list of every model beside each page took a quarter of a 1366 px screen from the
# registrations list; the breadcrumbs and the index lead there instead.
admin.site.enable_nav_sidebar = False
handler500 = "asem_customs.views.server_error"

# The resolver tries the patterns in order, so the pages most requests are for come first:
# the public pages, the meetings' documents and registering (a public page was 90 µs of
# resolving behind the others, about a tenth of serving it from the cache).
# tests/test_urls.py checks that no pattern takes another's address.
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # Before the public "plans/<slug>/", which would take "plans/my-action-points/".
    path("plans/", include("action_plans.urls")),
    path("", include("public.urls")),
    path("", include("documents.urls")),
    path("", include("delegates.urls")),
    path("", include("logistics.urls")),
    path("", include("side_events.urls")),
    path("favicon.ico", views.favicon, name="favicon"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    # The translations of static/js (djangojs catalogues), as `gettext()` for the scripts.
    path("i18n/catalogue.js", JavaScriptCatalog.as_view(), name="javascript_catalogue"),
    path("admin/", admin.site.urls),
    path("staff/privacy/", include("secretariat.privacy_urls", namespace="privacy")),
    path("staff/documents/", include("documents.staff_urls", namespace="staff_documents")),
    path("", include("accreditation.urls", namespace="accreditation")),
    # Before the staff workspace, whose "<meeting>/" would take "mail/".
    path("staff/", include("communications.urls", namespace="communications")),
    path("staff/", include("secretariat.urls", namespace="staff")),
    path("accounts/welcome/", views.signed_in, name="signed_in"),
    # The reset mail goes through the outbox (no request waits on the mail server).
    path("accounts/password_reset/",
         auth_views.PasswordResetView.as_view(form_class=OutboxPasswordResetForm),
         name="password_reset"),
    path("accounts/two-step/", include("accounts.urls", namespace="two_step")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/", include("api.urls", namespace="api")),
]
