"""The page where focal points and the secretariat make and revoke their personal API
tokens. A new token is shown once, in the answer to the form, and never again."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from asem_customs import roles

from . import services
from .forms import TokenForm
from .models import ApiToken


def may_hold_tokens(user):
    return roles.is_secretariat(user) or roles.focal_member(user) is not None


def token_holder_required(view):
    """A focal point or secretariat staff; those who may see passport details (whose tokens
    read them) with a session verified by the second factor, as for the admin."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not may_hold_tokens(request.user):
            raise PermissionDenied
        if roles.requires_second_factor(request.user) and not request.user.is_verified():
            return redirect_to_login(request.get_full_path(),
                                     login_url=reverse("two_step:verify"))
        return view(request, *args, **kwargs)

    return wrapper


@never_cache
@require_http_methods(["GET", "POST"])
@token_holder_required
def token_list(request):
    user = request.user
    may_write = roles.is_secretariat_editor(user) or roles.focal_member(user) is not None
    form = TokenForm(request.POST or None, may_write=may_write)
    new_token = None
    if request.method == "POST" and form.is_valid():
        token, new_token = services.token_create(user=user, **form.cleaned_data)
        form = TokenForm(may_write=may_write)
    return render(request, "api/tokens.html", {
        "form": form, "new_token": new_token,
        "tokens": ApiToken.objects.filter(user=user).order_by("-created"),
        "docs_url": reverse("api:docs"),
    })


@require_POST
@token_holder_required
def token_revoke(request, key):
    token = get_object_or_404(ApiToken, user=request.user, token_key=key)
    services.token_revoke(token=token, actor=request.user)
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("api:tokens")
