"""The second step of signing in for those who may see passport details: a code from the
authenticator app (or a recovery code), setting the app up, and new recovery codes.
Thin: the rules are in `accounts.services`; who needs the step, in `asem_customs.roles`."""

import django_otp
import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_static.models import StaticDevice

from asem_customs.roles import requires_second_factor

from . import services
from .forms import CodeForm, SetupCodeForm
from .services import SecondFactorError

# The secret of the authenticator app being set up, until a code confirms it.
SETUP_KEY_SESSION_KEY = "two_step_setup_key"


def _next(request):
    """Where to go once the step is done: a page of this site, or the signed-in landing."""
    url = request.POST.get("next") or request.GET.get("next")
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()},
                                                require_https=request.is_secure()):
        return url
    return reverse("signed_in")


def _go_to(request, name):
    return redirect_to_login(_next(request), login_url=reverse(name))


def _complete_sign_in(request, device):
    """A new session key for the now fully signed-in session, bound to the device."""
    request.session.cycle_key()
    django_otp.login(request, device)


def _second_factor_user(view):
    """Signed in, and someone who needs a second factor; anyone else has nothing here."""

    @never_cache
    @login_required
    def wrapper(request, *args, **kwargs):
        if not requires_second_factor(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


@require_http_methods(["GET", "POST"])
@_second_factor_user
def verify(request):
    user = request.user
    if user.is_verified():
        return redirect(_next(request))
    if services.app_device(user) is None:
        return _go_to(request, "two_step:setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.second_factor_verify(user=user, code=form.cleaned_data["code"])
        except SecondFactorError as error:
            form.add_error("code", error)
        else:
            _complete_sign_in(request, device)
            if isinstance(device, StaticDevice):
                messages.warning(request, _(
                    "You signed in with a recovery code; it no longer works. %(left)s codes "
                    "are left: make new ones if you are running out.") % {
                    "left": services.recovery_codes_left(user)})
            return redirect(_next(request))
    return render(request, "accounts/verify.html", {"form": form, "next": _next(request)})


@require_http_methods(["GET", "POST"])
@_second_factor_user
def setup(request):
    user = request.user
    if services.app_device(user) is not None and not user.is_verified():
        # Replacing an app that works needs a code from it (or a recovery code) first.
        return _go_to(request, "two_step:verify")
    key = request.session.get(SETUP_KEY_SESSION_KEY)
    if key is None:
        key = request.session[SETUP_KEY_SESSION_KEY] = services.app_secret_new()
    form = SetupCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = services.app_device_confirm(
                user=user, key=key, code=form.cleaned_data["code"], actor=user)
        except SecondFactorError as error:
            form.add_error("code", error)
        else:
            del request.session[SETUP_KEY_SESSION_KEY]
            _complete_sign_in(request, device)
            return render(request, "accounts/recovery_codes.html",
                          {"codes": codes, "new_app": True, "next": _next(request)})
    device = services.app_device_unsaved(user=user, key=key)
    return render(request, "accounts/setup.html", {
        "form": form, "next": _next(request), "secret": services.app_secret_display(device),
        "qr_code": segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2),
    })


@require_http_methods(["GET", "POST"])
@_second_factor_user
def recovery_codes(request):
    user = request.user
    if not user.is_verified():
        return redirect_to_login(request.get_full_path(), login_url=reverse("two_step:verify"))
    if request.method == "POST":
        codes = services.recovery_codes_replace(user=user, actor=user)
        return render(request, "accounts/recovery_codes.html", {"codes": codes})
    return render(request, "accounts/recovery_codes.html",
                  {"left": services.recovery_codes_left(user)})
