"""The one place where the second factor is enforced."""

import functools

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.urls import get_script_prefix, get_urlconf, reverse

from asem_customs.roles import requires_second_factor


class SecondFactorMiddleware:
    """Those who may see passport details (`asem_customs.roles.requires_second_factor`)
    reach the admin and the secretariat's pages (visa letters and personal data included)
    only once a second factor has verified the session; until then every request there is
    sent to the second step of signing in, which comes back to it. Installed after
    django-otp's OTPMiddleware, which tells whether the session is verified."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_verify(request):
            return redirect_to_login(request.get_full_path(),
                                     login_url=reverse("two_step:verify"))
        return self.get_response(request)

    @staticmethod
    def _must_verify(request):
        # The whole address (`path`, with the script prefix), as `reverse` gives it.
        protected, logout = _protected_paths(get_urlconf() or settings.ROOT_URLCONF,
                                             get_script_prefix())
        if not request.path.startswith(protected) or request.path == logout:
            return False
        user = request.user
        return (user.is_authenticated and requires_second_factor(user)
                and not user.is_verified())


@functools.lru_cache(maxsize=16)
def _protected_paths(urlconf, script_prefix):
    """(the addresses the second factor guards, the admin's sign-out) under this URL list and
    script prefix: worked out once, not twice on every request."""
    return (reverse("admin:index", urlconf), reverse("staff:index", urlconf)), reverse(
        "admin:logout", urlconf)
