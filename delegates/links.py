"""Signed, expiring links that let a person see, change and cancel a registration without an
account. The signature covers the registration's `link_version`, so raising it (on a change,
a cancellation or a rejection) makes every older link stop working.

As Django does for password-reset links, the first visit with a token keeps it in the session
and redirects to the same page under `SESSION_URL_TOKEN`: the address in the browser's history,
in access logs and in a Referer carries no bearer token."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

SALT = "delegates.registration-link"
# Stands for the token kept in the session (a real token always contains a colon).
SESSION_URL_TOKEN = "current"  # noqa: S105 - a placeholder, not a secret
SESSION_KEY = "_delegates_registration_link"
# Long enough to reach from an early registration to the meeting; short enough that a
# forwarded mail does not grant access for ever.
MAX_AGE_DAYS = 180


class LinkExpired(Exception):
    """The link was genuine but is too old."""


class LinkInvalid(Exception):
    """The link was tampered with, or was never ours."""


def registration_token(registration, version=None):
    """A token for the registration at `version` (by default its current link version)."""
    version = registration.link_version if version is None else version
    return signing.dumps({"r": registration.pk, "v": version}, salt=SALT)


def read_registration_token(token):
    """(registration id, link version) from a token; raises LinkExpired or LinkInvalid."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=MAX_AGE_DAYS * 86400)
    except signing.SignatureExpired as exc:
        raise LinkExpired from exc
    except signing.BadSignature as exc:
        raise LinkInvalid from exc
    try:
        return int(payload["r"]), int(payload["v"])
    except (KeyError, TypeError, ValueError) as exc:
        raise LinkInvalid from exc


def registration_path(registration, action="manage"):
    return reverse(f"delegates:registration_{action}", args=[registration_token(registration)])


def registration_url(registration, action="manage", version=None):
    """Absolute address for a mail, where no request is at hand."""
    token = registration_token(registration, version)
    return settings.SITE_URL + reverse(f"delegates:registration_{action}", args=[token])


def session_path(action="manage"):
    """The token-free address of a page whose token is kept in the session: `action` of
    this app's pages, or the full name of another app's (`logistics:travel`)."""
    name = action if ":" in action else f"delegates:registration_{action}"
    return reverse(name, args=[SESSION_URL_TOKEN])


def keep_in_session(request, token):
    request.session[SESSION_KEY] = token


def token_in_session(request):
    return request.session.get(SESSION_KEY)


def password_set_url(user):
    """The single-use link with which an invited focal point chooses a password (Django's
    password-reset confirmation, which swaps the token for the session on the first visit)."""
    return settings.SITE_URL + reverse("password_reset_confirm", kwargs={
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    })


def register_mail_links():
    """Teach the outbox to make this app's personal links when a message is sent (called from
    `DelegatesConfig.ready`); the stored message never holds them."""
    from mail.outbox import register_link

    from .enums import MailLink

    def registration_link(action):
        def make(email):
            if email.registration is None:
                return None
            return registration_url(email.registration, action, version=email.link_version)
        return make

    register_link(MailLink.REGISTRATION, registration_link("manage"))
    register_link(MailLink.ADDRESS_CONFIRMATION, registration_link("confirm_address"))
    register_link(MailLink.PASSWORD_SET,
                  lambda email: password_set_url(email.user) if email.user else None)
