"""Pages of a signed-in focal point: its own member's delegations, and nothing else.

Every registration is looked up within the focal point's member, so another member's
registration is a 404, not a 403: its existence is not revealed.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from meetings.selectors import public_meetings

from . import extensions, services
from .enums import ACTIVE_STATUSES, RegistrationStatus
from .forms import RegistrationForm, add_service_error
from .models import FocalPoint, Registration
from .selectors import delegation, focal_point_meetings, seats, seats_left_for_member
from .services import RegistrationError


def focal_point_required(view):
    """Signed in and a focal point; the view receives the FocalPoint."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        focal_point = FocalPoint.objects.select_related("member").filter(
            user=request.user).first()
        if focal_point is None:
            raise PermissionDenied
        return view(request, focal_point, *args, **kwargs)

    return wrapper


def _own_registration(focal_point, pk):
    return get_object_or_404(
        Registration.objects.select_related("meeting", "meeting__series", "member"),
        pk=pk, member=focal_point.member,
    )


@require_http_methods(["GET"])
@focal_point_required
def focal_home(request, focal_point):
    return render(request, "delegates/focal/home.html", {
        "focal_point": focal_point, "member": focal_point.member,
        "meetings": [_with_member_left(m) for m in focal_point_meetings(focal_point.member)],
    })


def _with_member_left(meeting):
    meeting.member_left = seats_left_for_member(
        capacity=meeting.capacity, held=meeting.held, delegation_cap=meeting.delegation_cap,
        member_held=meeting.member_held)
    return meeting


@require_http_methods(["GET"])
@focal_point_required
def focal_delegation(request, focal_point, slug):
    meeting = get_object_or_404(public_meetings(), slug=slug)
    registrations = list(delegation(meeting, focal_point.member))
    return render(request, "delegates/focal/delegation.html", {
        "focal_point": focal_point, "member": focal_point.member, "meeting": meeting,
        "seats": seats(meeting, focal_point.member),
        "holding": [r for r in registrations if r.holds_seat],
        "waiting": [r for r in registrations if r.status == RegistrationStatus.WAITLISTED],
        "inactive": [r for r in registrations if r.status not in ACTIVE_STATUSES],
        "is_open": meeting.registration_is_open(),
    })


@require_http_methods(["GET", "POST"])
@focal_point_required
def focal_register(request, focal_point, slug):
    meeting = get_object_or_404(public_meetings(), slug=slug)
    if not meeting.registration_is_open():
        messages.error(request, _("Registration for this meeting is not open."))
        return redirect("delegates:focal_delegation", slug=slug)
    form = RegistrationForm(request.POST or None, request.FILES or None, meeting=meeting,
                            member=focal_point.member)
    if request.method == "POST" and form.is_valid():
        try:
            registration = extensions.submit(
                form, services.registration_submit, meeting=meeting,
                data=form.registration_data(), actor=request.user)
        except RegistrationError as error:
            add_service_error(form, error)
        else:
            _say_registered(request, registration)
            return redirect("delegates:focal_delegation", slug=slug)
    return render(request, "delegates/focal/registration_form.html", {
        "focal_point": focal_point, "member": focal_point.member, "meeting": meeting,
        "form": form, "seats": seats(meeting, focal_point.member),
    })


def _say_registered(request, registration):
    if registration.status == RegistrationStatus.WAITLISTED:
        messages.warning(request, _("%(name)s is on the waiting list: no seat is free for "
                                    "the delegation.") % {"name": registration.full_name})
    else:
        messages.success(request, _("%(name)s is registered and holds a seat.")
                         % {"name": registration.full_name})


@require_http_methods(["GET", "POST"])
@focal_point_required
def focal_registration_edit(request, focal_point, pk):
    registration = _own_registration(focal_point, pk)
    meeting = registration.meeting
    if not (meeting.registration_is_open() and registration.status in ACTIVE_STATUSES):
        messages.error(request, _("This registration can no longer be changed online."))
        return redirect("delegates:focal_delegation", slug=meeting.slug)
    form = RegistrationForm(request.POST or None, request.FILES or None, instance=registration,
                            meeting=meeting, member=focal_point.member)
    if request.method == "POST" and form.is_valid():
        try:
            extensions.submit(form, services.registration_update, registration=registration,
                              data=form.registration_data(), actor=request.user)
        except RegistrationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The registration of %(name)s has been changed.")
                             % {"name": registration.full_name})
            return redirect("delegates:focal_delegation", slug=meeting.slug)
    return render(request, "delegates/focal/registration_form.html", {
        "focal_point": focal_point, "member": focal_point.member, "meeting": meeting,
        "form": form, "registration": registration,
    })


@require_POST
@focal_point_required
def focal_registration_cancel(request, focal_point, pk):
    registration = _own_registration(focal_point, pk)
    try:
        services.registration_cancel(registration=registration, actor=request.user)
    except RegistrationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The registration of %(name)s is cancelled.")
                         % {"name": registration.full_name})
    return redirect("delegates:focal_delegation", slug=registration.meeting.slug)


@require_POST
@focal_point_required
def focal_registration_make_head(request, focal_point, pk):
    registration = _own_registration(focal_point, pk)
    try:
        services.registration_make_head(registration=registration, actor=request.user)
    except RegistrationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(name)s is now head of delegation.")
                         % {"name": registration.full_name})
    return redirect("delegates:focal_delegation", slug=registration.meeting.slug)
