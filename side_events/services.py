"""Every change of a side event's sign-ups, with its seats.

The seat rules are the meeting's (`delegates.services`), applied to each event: an event has
`capacity` seats, at most `delegation_cap` of them for one member's delegation; a sign-up
that does not fit goes on the event's waiting list, and a seat given back goes to the oldest
waiting sign-up that fits, who is told by mail. Only a registration holding a seat at the
meeting (pending or confirmed) may sign up.

Locks, in the order of the meeting's seat rules (`delegates.services`): the meeting's row
(`lock_event` takes it: the events of a meeting share its seat lock), then the registration's.
Every change of a sign-up goes through that order, and the meeting's services hold the
meeting and the registration when they call `registration_released` or
`registration_moved`: no two changes of one meeting's seats ever wait on each other in a
circle. Signing up is rare beside registering; sharing the meeting's lock costs nothing
that shows."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from delegates.enums import SEAT_HOLDING_STATUSES
from delegates.models import Registration, RegistrationLogEntry
from delegates.services import lock_meeting

from .enums import ACTIVE_SIGNUP_STATUSES, SignupStatus
from .mailing import mail_promoted
from .models import SideEvent, SideEventSignup

Signup = SignupStatus


class SignupError(ValidationError):
    """A sign-up rule was broken; the message is meant for the person."""


def _user(actor):
    if actor is None or isinstance(actor, AnonymousUser) or not actor.is_authenticated:
        return None
    return actor


def _log_on(registration, action, *, actor, note):
    """An entry in the registration's history: `side_events.signup.<action>`."""
    RegistrationLogEntry.objects.create(
        registration_id=registration.pk, action=f"side_events.signup.{action}",
        from_status=registration.status, to_status=registration.status, actor=_user(actor),
        note=note)


def _log(signup, action, *, actor):
    _log_on(signup.registration, action, actor=actor, note=signup.event.name)


def lock_event(event):
    """Take the seat lock of a side event (its meeting's) and return a fresh copy of it."""
    lock_meeting(event.meeting)
    return SideEvent.objects.get(pk=event.pk)


def _locked_registration(pk):
    return Registration.objects.select_for_update(of=("self",)).get(pk=pk)


def seats_taken(event, member_id=None):
    signups = SideEventSignup.objects.filter(event=event, status=Signup.SIGNED_UP)
    if member_id is not None:
        signups = signups.filter(registration__member_id=member_id)
    return signups.count()


def _fits(event, member_id):
    """Whether one more seat fits the event and the member's delegation. Call locked."""
    if seats_taken(event) >= event.capacity:
        return False
    return event.delegation_cap is None or seats_taken(event, member_id) < event.delegation_cap


def _promote(event, *, actor):
    """Give free seats to the oldest waiting sign-ups that fit. Call with the event locked."""
    free = event.capacity - seats_taken(event)
    if free <= 0:
        return []
    per_member = {}
    promoted = []
    waiting = (SideEventSignup.objects.select_for_update(of=("self",))
               .select_related("registration", "registration__member",
                               "registration__meeting")
               .filter(event=event, status=Signup.WAITLISTED).order_by("created_at", "id"))
    for signup in waiting:
        if free <= 0:
            break
        member_id = signup.registration.member_id
        if event.delegation_cap is not None:
            if member_id not in per_member:
                per_member[member_id] = seats_taken(event, member_id)
            if per_member[member_id] >= event.delegation_cap:
                continue
            per_member[member_id] += 1
        signup.event = event
        signup.status = Signup.SIGNED_UP
        signup.save(update_fields=["status", "status_changed_at"])
        _log(signup, "promoted", actor=actor)
        mail_promoted(signup)
        free -= 1
        promoted.append(signup)
    return promoted


def _check_may_sign_up(event, registration, actor_is_secretariat):
    if registration.meeting_id != event.meeting_id:
        raise SignupError(_("This event belongs to another meeting."), code="other_meeting")
    if registration.status not in SEAT_HOLDING_STATUSES:
        raise SignupError(
            _("Only a pending or confirmed registration can sign up for an event (this one "
              "is %(status)s).") % {"status": registration.get_status_display()},
            code="not_holding_seat")
    if not (event.signup_open or actor_is_secretariat):
        raise SignupError(_("Sign-up for %(event)s is closed; the secretariat can still add "
                            "you.") % {"event": event.name}, code="closed")


def signup_create(*, event, registration, actor=None, by_secretariat=False):
    """Sign `registration` up for `event`: a seat when one fits, else the waiting list.
    Signing up again after cancelling reuses the sign-up (at the end of the queue). Returns
    the sign-up; raises SignupError when the person may not sign up or already has."""
    with transaction.atomic():
        event = lock_event(event)
        fresh = _locked_registration(registration.pk)
        _check_may_sign_up(event, fresh, by_secretariat)
        signup = SideEventSignup.objects.filter(event=event, registration=fresh).first()
        if signup is not None and signup.status in ACTIVE_SIGNUP_STATUSES:
            raise SignupError(_("%(name)s is already signed up for %(event)s.")
                              % {"name": fresh.full_name, "event": event.name},
                              code="already_signed_up")
        status = Signup.SIGNED_UP if _fits(event, fresh.member_id) else Signup.WAITLISTED
        if signup is None:
            signup = SideEventSignup(event=event, registration=fresh)
        signup.status = status
        signup.attended_at = None
        signup.created_at = timezone.now()
        signup.save()
        signup.event, signup.registration = event, fresh
        _log(signup, "signed_up" if status == Signup.SIGNED_UP else "waitlisted", actor=actor)
    return signup


def signup_cancel(*, signup, actor=None):
    """Cancel a sign-up; the seat it held goes to the event's waiting list."""
    with transaction.atomic():
        event = lock_event(signup.event)
        _locked_registration(signup.registration_id)
        fresh = (SideEventSignup.objects.select_for_update(of=("self",))
                 .select_related("registration").get(pk=signup.pk))
        if fresh.status == Signup.CANCELLED:
            raise SignupError(_("This sign-up is already cancelled."), code="inactive")
        held = fresh.status == Signup.SIGNED_UP
        fresh.status = Signup.CANCELLED
        fresh.save(update_fields=["status", "status_changed_at"])
        fresh.event = event
        _log(fresh, "cancelled", actor=actor)
        if held:
            _promote(event, actor=actor)
    signup.status = fresh.status
    return signup


def registration_released(registration, *, actor=None):
    """The registration no longer holds its seat at the meeting (cancelled, rejected, put on
    the waiting list): its sign-ups are cancelled and their seats go to the waiting lists.
    Called by `delegates.services` with the meeting and the registration locked."""
    signups = list(SideEventSignup.objects.filter(
        registration_id=registration.pk, status__in=ACTIVE_SIGNUP_STATUSES
    ).order_by("event_id").values_list("pk", "event_id", "status"))
    for pk, event_id, status in signups:
        event = SideEvent.objects.get(pk=event_id)
        SideEventSignup.objects.filter(pk=pk).update(status=Signup.CANCELLED,
                                                     status_changed_at=timezone.now())
        _log_on(registration, "cancelled", actor=actor, note=event.name)
        if status == Signup.SIGNED_UP:
            _promote(event, actor=actor)


def registration_moved(registration, *, actor=None):
    """The registration moved to another member's delegation, keeping its seat at the
    meeting: at an event with seats per member it keeps its seat only while the new
    delegation has one free (else it waits, at its place in the queue), and a seat its old
    delegation may now use goes to that delegation's first waiting. Called by
    `delegates.services` with the meeting and the registration locked."""
    signups = list(SideEventSignup.objects.filter(
        registration_id=registration.pk, status__in=ACTIVE_SIGNUP_STATUSES,
        event__delegation_cap__isnull=False).select_related("event").order_by("event_id"))
    for signup in signups:
        event = signup.event
        if signup.status == Signup.SIGNED_UP and (
                seats_taken(event, registration.member_id) > event.delegation_cap):
            signup.status = Signup.WAITLISTED
            signup.save(update_fields=["status", "status_changed_at"])
            _log_on(registration, "waitlisted", actor=actor,
                    note=f"{event.name}: moved to a delegation without a free seat")
        _promote(event, actor=actor)


def side_event_seats_changed(*, event, actor=None):
    """The secretariat changed an event's seats (in the admin): more seats, or more per
    member, go to the waiting list at once, in its order."""
    with transaction.atomic():
        return _promote(lock_event(event), actor=actor)


def signup_mark_attended(*, signup, actor=None):
    """Check a person in at an event. Returns False when already checked in; raises
    SignupError for a sign-up without a seat."""
    with transaction.atomic():
        lock_event(signup.event)
        fresh = (SideEventSignup.objects.select_for_update(of=("self",))
                 .select_related("registration", "event").get(pk=signup.pk))
        if fresh.attended_at is not None:
            return False
        if fresh.status != Signup.SIGNED_UP or (
                fresh.registration.status not in SEAT_HOLDING_STATUSES):
            raise SignupError(_("%(name)s holds no seat at %(event)s and cannot be checked "
                                "in.") % {"name": fresh.registration.full_name,
                                          "event": fresh.event.name}, code="not_holding_seat")
        fresh.attended_at = timezone.now()
        fresh.save(update_fields=["attended_at"])
        _log(fresh, "attended", actor=actor)
    signup.attended_at = fresh.attended_at
    return True


def signup_undo_attendance(*, signup, actor=None):
    """Undo a check-in at an event made by mistake. Returns False when not checked in."""
    with transaction.atomic():
        lock_event(signup.event)
        fresh = (SideEventSignup.objects.select_for_update(of=("self",))
                 .select_related("registration", "event").get(pk=signup.pk))
        if fresh.attended_at is None:
            return False
        fresh.attended_at = None
        fresh.save(update_fields=["attended_at"])
        _log(fresh, "attendance_undone", actor=actor)
    signup.attended_at = None
    return True
