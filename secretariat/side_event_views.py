"""The side events of a meeting in the staff workspace: every event with its seats, and each
event's list of sign-ups, where the desk checks people in (secretariat editors) and the
secretariat signs a registered person up or cancels a sign-up; and each event's list for the
host (PDF, XLSX) with the diets of those coming. Thin: look up, call
`side_events.services`, say what happened."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from asem_customs import roles
from delegates.enums import SEAT_HOLDING_STATUSES
from delegates.models import Registration
from logistics.tables import Section, Table, dietary_table, person
from side_events import services
from side_events.enums import SignupStatus
from side_events.forms import SignupByEmailForm
from side_events.models import SideEvent, SideEventSignup
from side_events.selectors import event_signups, events_with_counts

from .logistics_views import table_response
from .views import _meeting, _render, viewer_required

ACTIONS = ("check_in", "undo", "cancel", "sign_up")


@viewer_required
@require_GET
def side_events(request, slug):
    meeting = _meeting(slug)
    return _render(request, "secretariat/side_events.html", {
        "meeting": meeting, "events": events_with_counts(meeting)})


def _signup_of(event, request):
    try:
        pk = int(request.POST.get("signup", ""))
    except ValueError:
        return None
    return SideEventSignup.objects.select_related("registration", "event").filter(
        event=event, pk=pk).first()


def _sign_up_by_email(request, event):
    form = SignupByEmailForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the email address the person registered with."))
        return
    registration = Registration.objects.filter(
        meeting_id=event.meeting_id, email__iexact=form.cleaned_data["email"],
        status__in=SEAT_HOLDING_STATUSES).first()
    if registration is None:
        messages.error(request, _("Nobody holding a seat at this meeting registered with "
                                  "that address."))
        return
    signup = services.signup_create(event=event, registration=registration,
                                    actor=request.user, by_secretariat=True)
    if signup.status == SignupStatus.SIGNED_UP:
        messages.success(request, _("%(name)s has a seat at %(event)s.")
                         % {"name": registration.full_name, "event": event.name})
    else:
        messages.warning(request, _("%(event)s is full: %(name)s is on its waiting list.")
                         % {"name": registration.full_name, "event": event.name})


def _act(request, event):
    action = request.POST.get("action")
    if action == "sign_up":
        _sign_up_by_email(request, event)
        return
    signup = _signup_of(event, request) if action in ACTIONS else None
    if signup is None:
        messages.error(request, _("That sign-up is no longer on this event's list."))
        return
    name = signup.registration.full_name
    if action == "check_in":
        if services.signup_mark_attended(signup=signup, actor=request.user):
            messages.success(request, _("%(name)s is checked in.") % {"name": name})
        else:
            messages.info(request, _("%(name)s was already checked in.") % {"name": name})
    elif action == "undo":
        services.signup_undo_attendance(signup=signup, actor=request.user)
        messages.success(request, _("The check-in of %(name)s is undone.") % {"name": name})
    else:
        services.signup_cancel(signup=signup, actor=request.user)
        messages.success(request, _("The sign-up of %(name)s is cancelled.") % {"name": name})


@viewer_required
@require_http_methods(["GET", "POST"])
def side_event(request, slug, pk):
    meeting = _meeting(slug)
    event = get_object_or_404(SideEvent, meeting=meeting, pk=pk)
    can_change = roles.is_secretariat_editor(request.user)
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied(_("Your account may read this list but not change it "
                                     "(check-in is for secretariat editors)."))
        try:
            _act(request, event)
        except services.SignupError as error:
            messages.error(request, " ".join(error.messages))
        query = request.POST.get("q", "")[:100]
        return redirect(request.path + (f"?{urlencode({'q': query})}" if query else ""))
    query = (request.GET.get("q") or "").strip()[:100]
    signups = event_signups(event, query)
    counts = {row.pk: row for row in events_with_counts(meeting)}[event.pk]
    return _render(request, "secretariat/side_event.html", {
        "meeting": meeting, "event": counts, "signups": signups, "query": query,
        "can_change": can_change, "form": SignupByEmailForm(),
        "signed_up": SignupStatus.SIGNED_UP})


def side_event_table(event):
    """The event's list for the host, as the other host's lists (`logistics.tables`): who
    holds a seat, who waits, and the diets of those coming, for the caterer."""
    signups = event_signups(event)
    seated = [s for s in signups if s.status == SignupStatus.SIGNED_UP]
    waiting = [s for s in signups if s.status != SignupStatus.SIGNED_UP]

    def rows(chosen):
        return [[person(s.registration), s.registration.member.name,
                 s.registration.get_role_display(),
                 date_format(timezone.localtime(s.attended_at), "H:i") if s.attended_at
                 else ""] for s in chosen]

    columns = [_("Name"), _("Member"), _("Role"), _("Checked in")]
    diets = dietary_table(event.meeting, registrations=[s.registration_id for s in seated],
                          everyone=_("Everyone holding a seat at the event"))
    when = date_format(timezone.localtime(event.starts_at), "DATETIME_FORMAT")
    return Table("side-event", f"{event.name} · {when}", [
        Section(ngettext("%(count)s seat held", "%(count)s seats held", len(seated))
                % {"count": len(seated)}, columns, rows(seated)),
        Section(ngettext("%(count)s waiting", "%(count)s waiting", len(waiting))
                % {"count": len(waiting)}, columns, rows(waiting)),
        *diets.sections,
    ])


@viewer_required
@require_GET
def side_event_export(request, slug, pk, fmt):
    meeting = _meeting(slug)
    event = get_object_or_404(SideEvent, meeting=meeting, pk=pk)
    if fmt not in ("pdf", "xlsx"):
        raise Http404
    return table_response(side_event_table(event), meeting=meeting, fmt=fmt,
                          filename=f"{slugify(event.name) or 'side-event'}-{meeting.slug}.{fmt}")
