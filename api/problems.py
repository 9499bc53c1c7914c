"""Every error of the API as a problem details object (RFC 9457), served as
`application/problem+json`:

    {"type": "about:blank", "title": "Not Found", "status": 404, "detail": "…"}

Plain HTTP errors have the type `about:blank` and the status's phrase as title. A rule of
the registrations broken (`delegates.services.RegistrationError`) has the type
`urn:asem-customs:problem:<code>` (`registration_closed`, `no_seat`, `duplicate_head`, …,
listed in docs/api.md), the message the web pages show as `detail` and the code as `code`.
Invalid input adds `errors`: the messages by field.
"""

from http import HTTPStatus

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler

from delegates.services import RegistrationError
from documents.services import DocumentError

PROBLEM_CONTENT_TYPE = "application/problem+json"
# A broken rule that is about who acts, not about the registration's state.
FORBIDDEN_CODES = {"not_your_delegation", "not_allowed"}
# Broken rules about what was sent rather than about the state of things.
INVALID_CODES = {"consent_required", "name_required", "member_required",
                 "departure_before_arrival"}


def problem(status, detail="", *, type_="about:blank", title=None, **extra):
    body = {"type": type_, "title": title or HTTPStatus(status).phrase, "status": status}
    if detail:
        body["detail"] = str(detail)
    body.update(extra)
    return body


def registration_problem(error):
    code = error.code or "registration_rule"
    if code in FORBIDDEN_CODES:
        status = 403
    elif code in INVALID_CODES:
        status = 422
    else:
        status = 409
    return problem(status, error.message, type_=f"urn:asem-customs:problem:{code}",
                   title="The registration rules do not allow this", code=code)


# Broken rules of the documents about the state of things; the others are about what was sent.
DOCUMENT_CONFLICT_CODES = {"state", "symbol_taken", "no_data"}


def document_problem(error):
    code = error.code or "document_rule"
    if code == "forbidden":
        status = 403
    elif code in DOCUMENT_CONFLICT_CODES:
        status = 409
    else:
        status = 422
    message = error.message % error.params if error.params else error.message
    return problem(status, message,
                   type_=f"urn:asem-customs:problem:document_{code}",
                   title="The document rules do not allow this", code=code)


def problem_exception_handler(exc, context):
    if isinstance(exc, RegistrationError):
        body = registration_problem(exc)
        return _response(Response(body, status=body["status"]))
    if isinstance(exc, DocumentError):
        body = document_problem(exc)
        return _response(Response(body, status=body["status"]))
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        return None  # a bug: Django's 500 handling (logged, mailed to the admins)
    if isinstance(exc, exceptions.ValidationError):
        errors = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        response.data = problem(response.status_code,
                                "The request holds invalid values: see errors.",
                                errors=errors)
    else:
        response.data = problem(response.status_code, _detail(exc))
    return _response(response)


def _detail(exc):
    detail = getattr(exc, "detail", "")
    return detail if isinstance(detail, str) else str(detail)


def _response(response):
    response.content_type = PROBLEM_CONTENT_TYPE
    return response


def not_found(request, *args, **kwargs):
    """Any address under /api/ that names no endpoint."""
    return JsonResponse(problem(404, "No endpoint at this address: see /api/docs/."),
                        status=404, content_type=PROBLEM_CONTENT_TYPE)
