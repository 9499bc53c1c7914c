"""The travel details page of a delegate (behind their signed link) and of a focal point
(for a registration of their delegation). Thin: look up, validate, call the service, turn a
TravelError into a message on its field."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from delegates import links
from delegates.enums import ACTIVE_STATUSES
from delegates.focal_views import focal_point_required
from delegates.models import Registration
from delegates.views import signed_link_page

from .forms import TravelDetailsForm, add_travel_error
from .services import TravelError, travel_details_save

TRAVEL_PAGE = "logistics:travel"


def _save(request, form, registration):
    """True when the form was valid and the service saved it."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        travel_details_save(registration=registration, data=form.travel_data(),
                            actor=request.user)
    except TravelError as error:
        add_travel_error(form, error)
        return False
    return True


@require_http_methods(["GET", "POST"])
@signed_link_page(TRAVEL_PAGE)
def travel(request, registration):
    if registration.status not in ACTIVE_STATUSES:
        messages.error(request, _("A cancelled or rejected registration has no travel to "
                                  "change."))
        return redirect(links.session_path("manage"))
    form = TravelDetailsForm(request.POST or None, registration=registration)
    if _save(request, form, registration):
        messages.success(request, _("Your travel details are saved. Thank you: the host "
                                    "plans the transfers and rooms from them."))
        return redirect(links.session_path("manage"))
    return render(request, "logistics/travel.html", {
        "registration": registration, "meeting": registration.meeting, "form": form,
        "token": links.SESSION_URL_TOKEN, "back": links.session_path("manage"),
    })


@require_http_methods(["GET", "POST"])
@focal_point_required
def focal_travel(request, focal_point, pk):
    registration = get_object_or_404(
        Registration.objects.select_related("meeting", "meeting__series", "member"),
        pk=pk, member=focal_point.member, status__in=ACTIVE_STATUSES)
    meeting = registration.meeting
    form = TravelDetailsForm(request.POST or None, registration=registration)
    if _save(request, form, registration):
        messages.success(request, _("The travel details of %(name)s are saved.")
                         % {"name": registration.full_name})
        return redirect("delegates:focal_delegation", slug=meeting.slug)
    return render(request, "logistics/focal_travel.html", {
        "focal_point": focal_point, "member": focal_point.member, "meeting": meeting,
        "registration": registration, "form": form,
    })
