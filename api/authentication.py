"""Personal API tokens (`Authorization: Bearer asem_…`), checked by django-rest-knox: the
digest is compared in constant time, an expired token is refused (and deleted), a revoked
one no longer exists, an inactive person is refused."""

import datetime as dt

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from knox.auth import TokenAuthentication
from rest_framework import exceptions

LAST_USED_PRECISION = dt.timedelta(minutes=5)


class PersonalTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, token):
        # A token is ASCII: anything else (a pasted character from a document) is refused
        # like any wrong token, not a server error.
        try:
            token.decode("ascii")
        except UnicodeDecodeError as error:
            raise exceptions.AuthenticationFailed("Invalid token.") from error
        return super().authenticate_credentials(token)

    def validate_user(self, auth_token):
        user, token = super().validate_user(auth_token)
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
            type(token).objects.filter(pk=token.pk).update(last_used_at=now)
        return user, token


class PersonalTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.PersonalTokenAuthentication"
    name = "personalToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http", "scheme": "bearer",
            "description": "A personal API token made on /api/tokens/ (shown once).",
        }
