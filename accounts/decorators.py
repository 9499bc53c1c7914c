"""Guards for the pages of the secretariat: one behaviour everywhere.

Not signed in (a check-in desk whose session ran out, a bookmark): the sign-in page, which
comes back to the page asked for. Signed in without the permission the page needs: the 403
page, saying so and offering to sign in with another account."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def signed_in_with(allowed, *, message=None):
    """Decorate a view: anonymous visitors are sent to sign in, people for whom
    `allowed(user)` is false get the 403 page with `message`."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not allowed(request.user):
                raise PermissionDenied(message or _(
                    "Your account does not have access to this page of the secretariat."))
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def permission_required(permission, *, message=None):
    """`signed_in_with` for one model permission, like Django's decorator of that name but
    without sending a signed-in person back to the sign-in page."""
    return signed_in_with(lambda user: user.has_perm(permission), message=message)
