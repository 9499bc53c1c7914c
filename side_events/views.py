"""The side events page of a delegate (behind their signed link) and of a focal point (for a
registration of their delegation): each event of the meeting with its free seats, a button to
sign up or cancel. Thin: look up, validate, call the service, say what happened."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from delegates import links
from delegates.enums import SEAT_HOLDING_STATUSES
from delegates.focal_views import focal_point_required
from delegates.models import Registration
from delegates.views import signed_link_page

from .enums import SignupStatus
from .forms import SignupActionForm
from .models import SideEvent, SideEventSignup
from .selectors import events_of_registration
from .services import SignupError, signup_cancel, signup_create

EVENTS_PAGE = "side_events:events"


def _act(request, registration):
    """Run the button pressed; True when something changed (a message says what)."""
    form = SignupActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("That button did not work: reload the page and try again."))
        return False
    event = SideEvent.objects.filter(pk=form.cleaned_data["event"],
                                     meeting_id=registration.meeting_id).first()
    if event is None:
        messages.error(request, _("This event is no longer on the programme."))
        return False
    name = registration.full_name
    try:
        if form.cleaned_data["action"] == "sign_up":
            signup = signup_create(event=event, registration=registration, actor=request.user)
            if signup.status == SignupStatus.SIGNED_UP:
                messages.success(request, _("%(name)s has a seat at %(event)s.")
                                 % {"name": name, "event": event.name})
            else:
                messages.warning(request, _("%(event)s is full: %(name)s is on its waiting "
                                            "list and will be told by mail when a seat "
                                            "becomes free.") % {"name": name,
                                                                "event": event.name})
        else:
            signup = SideEventSignup.objects.filter(event=event,
                                                    registration=registration).first()
            if signup is None:
                raise SignupError(_("%(name)s is not signed up for %(event)s.")
                                  % {"name": name, "event": event.name}, code="not_signed_up")
            signup_cancel(signup=signup, actor=request.user)
            messages.success(request, _("%(name)s is no longer signed up for %(event)s.")
                             % {"name": name, "event": event.name})
    except SignupError as error:
        messages.error(request, " ".join(error.messages))
        return False
    return True


def _context(registration):
    return {"registration": registration, "meeting": registration.meeting,
            "rows": events_of_registration(registration),
            "may_sign_up": registration.status in SEAT_HOLDING_STATUSES,
            "signed_up": SignupStatus.SIGNED_UP}


@require_http_methods(["GET", "POST"])
@signed_link_page(EVENTS_PAGE)
def events(request, registration):
    if request.method == "POST":
        _act(request, registration)
        return redirect(links.session_path(EVENTS_PAGE))
    return render(request, "side_events/events.html", {
        **_context(registration), "token": links.SESSION_URL_TOKEN,
        "back": links.session_path("manage")})


@require_http_methods(["GET", "POST"])
@focal_point_required
def focal_events(request, focal_point, pk):
    registration = get_object_or_404(
        Registration.objects.select_related("meeting", "meeting__series", "member"),
        pk=pk, member=focal_point.member)
    if request.method == "POST":
        _act(request, registration)
        return redirect("side_events:focal_events", pk=registration.pk)
    return render(request, "side_events/focal_events.html", {
        **_context(registration), "focal_point": focal_point, "member": focal_point.member})
