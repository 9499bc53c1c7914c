"""Signed, expiring links that let a person see, change and cancel a registration without an
account. The signature covers the registration's `link_version`, so raising it (on a change,
a cancellation or a rejection) makes every older link stop working."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "delegates.registration-link"
# Long enough to reach from an early registration to the meeting; short enough that a
# forwarded mail does not grant access for ever.
MAX_AGE_DAYS = 180


class LinkExpired(Exception):
    """The link was genuine but is too old."""


class LinkInvalid(Exception):
    """The link was tampered with, or was never ours."""


def registration_token(registration):
    return signing.dumps({"r": registration.pk, "v": registration.link_version}, salt=SALT)


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


def registration_url(registration, action="manage"):
    """Absolute address for a mail, where no request is at hand."""
    return settings.SITE_URL + registration_path(registration, action)
