"""Public registration pages and the pages reached through a signed link. Thin: they look the
objects up, validate a form, call a service and turn a RegistrationError into a message."""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from asem_customs.rate_limits import (
    LOST_LINK_RATELIMIT_OPTIONS,
    RATELIMIT_OPTIONS,
    too_many_registrations,
)
from meetings.selectors import meeting_with_details, public_meetings

from . import extensions, links, services
from .enums import ACTIVE_STATUSES, RegistrationStatus
from .forms import LostLinkForm, RegistrationForm, add_service_error
from .selectors import full_delegations, registration_for_link, seats, waiting_position
from .services import RegistrationError


# A view decorator runs after CsrfViewMiddleware.process_view: a POST without a valid token
# is refused 403 before it is counted, so a hostile page cannot lock a visitor out.
@require_http_methods(["GET", "POST"])
@ratelimit(**RATELIMIT_OPTIONS, block=False)
def register(request, slug):
    if getattr(request, "limited", False):
        return too_many_registrations(request)
    meeting = meeting_with_details(slug)
    window = meeting.registration_window()
    if window != "open":
        return render(request, "delegates/register_closed.html",
                      {"meeting": meeting, "window": window})
    form = RegistrationForm(request.POST or None, request.FILES or None, meeting=meeting,
                            public=True,
                            full_members=full_delegations(meeting))
    if request.method == "POST" and form.is_valid():
        try:
            extensions.submit(form, services.registration_submit_public, meeting=meeting,
                              data=form.registration_data(), actor=request.user)
        except RegistrationError as error:
            add_service_error(form, error)
        else:
            if form.chosen_delegation_is_full:
                messages.warning(request, _(
                    "The delegation of %(member)s has no seat left: once you confirm your "
                    "address you are on its waiting list, and we write as soon as a seat "
                    "frees.") % {"member": form.cleaned_data["member"].name})
            # No link to the registration here: only the owner of the address may confirm.
            return redirect("delegates:register_sent", slug=meeting.slug)
    return render(request, "delegates/register.html",
                  {"meeting": meeting, "form": form, "seats": seats(meeting)})


@require_http_methods(["GET"])
def register_sent(request, slug):
    meeting = get_object_or_404(public_meetings(), slug=slug)
    return render(request, "delegates/register_sent.html", {
        "meeting": meeting, "hours": settings.REGISTRATION_CONFIRM_HOURS})


def privacy_notice(request):
    return render(request, "delegates/privacy.html")


# --- pages behind a signed link -----------------------------------------------------------


def _link_error(request, reason, status):
    return render(request, "delegates/link_error.html", {"reason": reason}, status=status)


def _registration_from_token(request, token):
    """(registration, None) for a good token, or (None, error response)."""
    try:
        registration_id, version = links.read_registration_token(token)
    except links.LinkExpired:
        return None, _link_error(request, "expired", 410)
    except links.LinkInvalid:
        return None, _link_error(request, "invalid", 403)
    registration = registration_for_link(registration_id)
    if registration is None:
        return None, _link_error(request, "gone", 410)
    if registration.link_version != version:
        reason = ("cancelled" if registration.status == RegistrationStatus.CANCELLED
                  else "rejected" if registration.status == RegistrationStatus.REJECTED
                  else "unconfirmed_expired"
                  if registration.status == RegistrationStatus.EXPIRED
                  else "superseded")
        return None, _link_error(request, reason, 410)
    return registration, None


def signed_link_page(action):
    """A page behind a signed link. A visit with the token in the address keeps the token in
    the session and redirects to the same page under `links.SESSION_URL_TOKEN`, so browser
    history and access logs carry no bearer token (Django does the same for password-reset
    links). A form posted to an address with the token is still served. Nothing is cached."""

    def decorator(view):
        @wraps(view)
        @never_cache
        def wrapper(request, token):
            from_session = token == links.SESSION_URL_TOKEN
            if from_session:
                token = links.token_in_session(request)
                if not token:
                    return _link_error(request, "no_session", 403)
            registration, error = _registration_from_token(request, token)
            if error:
                return error
            if not from_session:
                links.keep_in_session(request, token)
                if request.method == "GET":
                    query = request.GET.urlencode()
                    return redirect(links.session_path(action) + (f"?{query}" if query else ""))
            return view(request, registration)

        return wrapper

    return decorator


def _may_change(registration):
    return (registration.status in ACTIVE_STATUSES
            and registration.meeting.registration_is_open())


@require_http_methods(["GET"])
@signed_link_page("manage")
def registration_manage(request, registration):
    return render(request, "delegates/registration_detail.html", {
        "registration": registration, "meeting": registration.meeting,
        "token": links.SESSION_URL_TOKEN,
        "submitted": request.GET.get("submitted") == "1",
        "may_change": _may_change(registration),
        "may_cancel": registration.status in ACTIVE_STATUSES,
        "waiting_position": waiting_position(registration),
        "answers": extensions.details(registration, audience="delegates"),
    })


@require_http_methods(["GET", "POST"])
@signed_link_page("change")
def registration_change(request, registration):
    if not _may_change(registration):
        messages.error(request, _("Registration is closed: this registration can no longer be "
                                  "changed online. Please write to the secretariat."))
        return redirect(links.session_path("manage"))
    form = RegistrationForm(request.POST or None, request.FILES or None,
                            instance=registration, meeting=registration.meeting, public=True)
    if request.method == "POST" and form.is_valid():
        try:
            extensions.submit(form, services.registration_update, registration=registration,
                              data=form.registration_data(), actor=request.user)
        except RegistrationError as service_error:
            add_service_error(form, service_error)
        else:
            messages.success(request, _("Your registration has been changed. We have emailed "
                                        "you a new link; older links no longer work."))
            links.keep_in_session(request, links.registration_token(registration))
            return redirect(links.session_path("manage"))
    return render(request, "delegates/registration_change.html", {
        "registration": registration, "meeting": registration.meeting, "form": form,
        "token": links.SESSION_URL_TOKEN,
    })


@require_http_methods(["GET", "POST"])
@signed_link_page("cancel")
def registration_cancel(request, registration):
    if request.method == "POST":
        try:
            services.registration_cancel(registration=registration, actor=request.user)
        except RegistrationError as service_error:
            messages.error(request, service_error.message)
            return redirect(links.session_path("manage"))
        return render(request, "delegates/registration_cancelled.html",
                      {"registration": registration, "meeting": registration.meeting})
    return render(request, "delegates/registration_cancel.html", {
        "registration": registration, "meeting": registration.meeting,
        "token": links.SESSION_URL_TOKEN,
    })


@require_http_methods(["GET", "POST"])
@signed_link_page("confirm_address")
def registration_confirm_address(request, registration):
    """The link of the first mail. GET shows a button (mail scanners that open links must not
    confirm on their own); POST confirms and leads to the registration's page."""
    if registration.status != RegistrationStatus.UNCONFIRMED:
        return redirect(links.session_path("manage"))
    if request.method == "POST":
        try:
            services.registration_confirm_address(registration=registration,
                                                  actor=request.user)
        except RegistrationError as service_error:
            messages.error(request, service_error.message)
        else:
            links.keep_in_session(request, links.registration_token(registration))
            return redirect(links.session_path("manage") + "?submitted=1")
    return render(request, "delegates/registration_confirm_address.html", {
        "registration": registration, "meeting": registration.meeting,
        "token": links.SESSION_URL_TOKEN,
    })


# --- "Lost your link?" ----------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
@ratelimit(**LOST_LINK_RATELIMIT_OPTIONS, block=False)
def lost_link(request):
    """A delegate gives their address (and the meeting) and is mailed their signed links
    again. The answer is the same page whether or not the address is registered."""
    if getattr(request, "limited", False):
        return too_many_registrations(request, LOST_LINK_RATELIMIT_OPTIONS)
    form = LostLinkForm(request.POST or None, meetings=public_meetings().order_by("-year"))
    if request.method == "POST" and form.is_valid():
        services.registration_links_resend(email=form.cleaned_data["email"],
                                           meeting=form.cleaned_data["meeting"],
                                           actor=request.user)
        return redirect("delegates:lost_link_sent")
    return render(request, "delegates/lost_link.html", {"form": form})


@require_http_methods(["GET"])
def lost_link_sent(request):
    return render(request, "delegates/lost_link_sent.html")
