"""The one place where the second factor is enforced."""

from django.contrib.auth.views import redirect_to_login
from django.urls import reverse

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
        path = request.path_info
        protected = (reverse("admin:index"), reverse("staff:index"))
        if not path.startswith(protected) or path == reverse("admin:logout"):
            return False
        user = request.user
        return (user.is_authenticated and requires_second_factor(user)
                and not user.is_verified())
