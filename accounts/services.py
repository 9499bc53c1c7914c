"""The second factor of staff who may see passport details, on django-otp's devices.

Each such user has one authenticator app (a TOTP device, six digits every 30 seconds) and a
set of single-use recovery codes (a static device). Setting up the app confirms it with one
code and issues fresh recovery codes, shown once. Both devices are throttled by django-otp:
each wrong code doubles the wait before the next try.
"""

import logging
import re
from base64 import b32encode

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

logger = logging.getLogger(__name__)

APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"
RECOVERY_CODE_COUNT = 10
SEPARATORS = re.compile(r"[\s-]+")


class SecondFactorError(ValidationError):
    """A code was refused; the message is meant for the person signing in."""


def app_device(user):
    """The user's confirmed authenticator app, or None."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def app_secret_new():
    """A new secret key for an authenticator app being set up (40 hex digits). Nothing is
    stored until a code confirms it: the set-up page keeps it in the session meanwhile."""
    return random_hex(20)


def app_device_unsaved(*, user, key):
    """The authenticator app being set up, unsaved: its QR code and secret for the page."""
    return TOTPDevice(user=user, name=APP_DEVICE_NAME, key=key, confirmed=True)


def app_device_confirm(*, user, key, code, actor):
    """Store the app being set up once one of its codes confirms it: it replaces any earlier
    app, and fresh recovery codes replace any earlier ones. Returns (device, recovery
    codes); the codes are stored and never shown again. A wrong code stores nothing."""
    with transaction.atomic():
        device = app_device_unsaved(user=user, key=key)
        device.save()
        if not device.verify_token(_normalise(code)):  # raising undoes the save
            raise SecondFactorError(
                _("This code is not the one your authenticator app shows now. Check that the "
                  "app's clock is right and type the six digits again."),
                code="invalid_code")
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        codes = _replace_recovery_codes(user)
    logger.info("accounts.second_factor.app_confirmed user=%s actor=%s", user.pk, actor.pk)
    return device, codes


def recovery_codes_replace(*, user, actor):
    """New recovery codes for the user; the earlier ones stop working. Returns the codes."""
    with transaction.atomic():
        codes = _replace_recovery_codes(user)
    logger.info("accounts.second_factor.recovery_codes_replaced user=%s actor=%s", user.pk,
                actor.pk)
    return codes


def demo_second_factor(*, user):
    """The demo login's authenticator app (made once, kept) and fresh recovery codes, for
    `load_demo --with-login` to print. Returns (device, codes)."""
    device = app_device(user)
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=True)
    return device, recovery_codes_replace(user=user, actor=user)


def app_secret_display(device):
    """The secret key as people type it into an app: base32 in groups of four."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def second_factor_verify(*, user, code):
    """The device that accepts the code: six digits go to the authenticator app, anything
    else is tried as a recovery code (used up once accepted). Raises SecondFactorError."""
    code = _normalise(code)
    if code.isdigit() and len(code) == 6:
        device_model, kind = TOTPDevice, "app"
    else:
        device_model, kind = StaticDevice, "recovery_code"
        code = code.lower()
    with transaction.atomic():
        device = (device_model.objects.select_for_update()
                  .filter(user=user, confirmed=True).order_by("pk").first())
        if device is None:
            raise SecondFactorError(_("This code is not right."), code="invalid_code")
        allowed, _extra = device.verify_is_allowed()
        if not allowed:
            raise SecondFactorError(_(
                "Too many wrong codes: wait %(seconds)s seconds, then try again.") % {
                "seconds": _seconds_to_wait(device)}, code="throttled")
        accepted = device.verify_token(code)
    if not accepted:
        logger.warning("accounts.second_factor.refused user=%s kind=%s", user.pk, kind)
        raise SecondFactorError(
            _("This code is not right. Type the six digits your authenticator app shows now, "
              "or one of your recovery codes."), code="invalid_code")
    logger.info("accounts.second_factor.verified user=%s kind=%s", user.pk, kind)
    return device


def _replace_recovery_codes(user):
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True})
    StaticDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _index in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def _normalise(code):
    return SEPARATORS.sub("", code or "")


def _seconds_to_wait(device):
    if device.throttling_failure_timestamp is None:
        return 1
    delay = device.get_throttle_factor() * (2 ** (device.throttling_failure_count - 1))
    waited = (timezone.now() - device.throttling_failure_timestamp).total_seconds()
    return max(int(delay - waited) + 1, 1)
