"""Every change to a registration, with the seat rules, in one place.

Seats: a registration holds a seat while `pending` or `confirmed`. A meeting offers
`capacity` seats and each member's delegation at most `delegation_cap` of them. A
registration that finds no seat is `waitlisted`; when a seat frees, the oldest waitlisted
registration that fits is promoted to `pending` and told by mail.

Concurrency: every function that can change how many seats are held first locks the
meeting's row (`SELECT ... FOR UPDATE` on PostgreSQL), so two submissions for the same
meeting count seats one after the other. On SQLite writers are serialised anyway. The
database constraints (one active registration per email, one head of delegation) are the
last line of defence; their IntegrityError becomes a RegistrationError.

Each function runs in `transaction.atomic`, writes a `RegistrationLogEntry` with a dotted
action name and the actor, and queues mail that leaves after commit (`delegates.mail`).
"""

import datetime as dt
import unicodedata

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from asem_customs import events, roles
from asem_customs.roles import can_name_head_of_delegation
from mail import outbox as mail
from mail.models import OutgoingEmail
from meetings.enums import PhotoRule
from meetings.models import Meeting

from . import extensions, photos
from .enums import (
    ACTIVE_STATUSES,
    ADDRESS_HOLDING_STATUSES,
    PASSPORT_FIELDS,
    SEAT_HOLDING_STATUSES,
    MailLink,
    Participation,
    RegistrationStatus,
    Role,
)
from .mailing import focal_point_values, meeting_values, registration_values
from .models import (
    DUPLICATE_EMAIL,
    DUPLICATE_HEAD,
    FocalPoint,
    Registration,
    RegistrationLogEntry,
    RegistrationPhoto,
    photo_path,
)
from .selectors import (
    email_taken,
    emails_taken,
    head_taken,
    seats_held_by_delegation,
    seats_left_for_member,
)
from .validators import NAME_REQUIRED, validate_has_a_name

Status = RegistrationStatus

# What a caller may set on a registration; status, badge and links are the services' own.
EDITABLE_FIELDS = (
    "member", "given_name", "family_name", "family_name_first", "name_latin", "honorific",
    "position", "organisation", "email", "phone", "role", "dietary_needs",
    "accessibility_needs", "arrival_date", "departure_date", "needs_visa_letter",
    "passport_number", "passport_nationality", "passport_issued_on", "passport_expires_on",
    "date_of_birth", "privacy_consent_at", "publish_name", "participation",
)
TEXT_FIELDS = (
    "given_name", "family_name", "name_latin", "position", "organisation", "phone",
    "dietary_needs", "accessibility_needs", "passport_number", "passport_nationality",
)


class RegistrationError(ValidationError):
    """A seat or registration rule was broken; the message is meant for the person."""


class BulkRowError(RegistrationError):
    """A rule broken by one entry of a bulk submission; `index` is its place in the list."""

    def __init__(self, message, *, code, index):
        super().__init__(message, code=code)
        self.index = index


# --- reading seats (inside the lock) ------------------------------------------------------


def lock_meeting(meeting):
    """Take the seat lock of a meeting and return a fresh copy of it. Every function that
    changes seats calls this first, before touching any registration row."""
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def seats_held(meeting, member=None, participation=Participation.IN_PERSON):
    """Seats held in the room (or online, with `participation`), by `member`'s delegation
    when given."""
    in_meeting, by_member = _held(meeting, member, participation)
    return in_meeting if member is None else by_member


def _held(meeting, member, participation):
    """(seats held at the meeting, seats held by `member`'s delegation) for `participation`,
    in one query."""
    by_delegation = seats_held_by_delegation(meeting, participation)
    return sum(by_delegation.values()), by_delegation.get(getattr(member, "pk", member), 0)


def seats_for(meeting, participation):
    """The seats of one way of taking part: the room's (`capacity`) or the online ones."""
    if participation == Participation.ONLINE:
        return meeting.online_capacity
    return meeting.capacity


def _seat_left(meeting, participation):
    """Whether the meeting has a seat left for `participation` (a delegation's aside)."""
    return seats_held(meeting, participation=participation) < seats_for(meeting, participation)


def has_free_seat(meeting, member, participation=Participation.IN_PERSON):
    """Whether one more seat fits: in the room, the meeting's and the member's delegation's;
    online, the meeting's online seats (a delegation's seats count the room only)."""
    if participation == Participation.ONLINE:
        return _seat_left(meeting, participation)
    return _free_seats(meeting, member, 1) == 1


def status_for_new_registration(meeting, member, participation=Participation.IN_PERSON):
    if has_free_seat(meeting, member, participation):
        return Status.PENDING
    return Status.WAITLISTED


def check_participation_offered(meeting, participation):
    if participation == Participation.ONLINE and not meeting.online_capacity:
        raise RegistrationError(_("This meeting is in person only: it offers no online "
                                  "seats."), code="online_not_offered")


# --- helpers ------------------------------------------------------------------------------


def _user(actor):
    """The actor as stored in foreign keys: None for the public and anonymous users."""
    if actor is None or isinstance(actor, AnonymousUser) or not actor.is_authenticated:
        return None
    return actor


def _is_secretariat(actor):
    return roles.is_secretariat_editor(_user(actor))


def normalise_data(data):
    """NFC-normalised, trimmed text; passport details dropped when no visa letter is asked."""
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown registration fields: {', '.join(sorted(unknown))}")
    clean = dict(data)
    for field in TEXT_FIELDS:
        if field in clean:
            clean[field] = unicodedata.normalize("NFC", (clean[field] or "").strip())
    if "email" in clean:
        clean["email"] = unicodedata.normalize("NFC", (clean["email"] or "").strip())
    if "needs_visa_letter" in clean and not clean["needs_visa_letter"]:
        for field in PASSPORT_FIELDS:
            clean[field] = None if field.endswith(("_on", "_birth")) else ""
    return clean


def _require_open(meeting, actor):
    """The public and focal points act only while registration is open; the secretariat
    may register and change late."""
    if _is_secretariat(actor) or meeting.registration_is_open():
        return
    raise RegistrationError(
        _("Registration for this meeting is not open."), code="registration_closed"
    )


def _check_delegation_scope(actor, member_id):
    """A focal point acts only for its own member, whatever page it comes through."""
    user = _user(actor)
    if user is None or roles.is_secretariat_editor(user):
        return
    focal_point = FocalPoint.objects.filter(user=user).only("member_id").first()
    if focal_point is not None and focal_point.member_id != member_id:
        raise RegistrationError(
            _("A focal point can only manage its own member's delegation."),
            code="not_your_delegation",
        )


def check_email_free(*, meeting, email, exclude=None):
    """Raise RegistrationError (`duplicate_email`) when `email` is already registered for
    `meeting` (`selectors.email_taken`): the form, the admin, the import and the services
    ask this one rule, which the database constraint also holds."""
    if email_taken(meeting, email, exclude=exclude):
        raise RegistrationError(str(DUPLICATE_EMAIL), code="duplicate_email")


def check_has_a_name(*, given_name, family_name):
    """Raise RegistrationError (`name_required`) for a registration without any name
    (`validators.validate_has_a_name`)."""
    try:
        validate_has_a_name(given_name, family_name)
    except ValidationError as exc:
        raise RegistrationError(str(exc.message), code=exc.code) from exc


def check_head_free(*, meeting, member, exclude=None):
    """Raise RegistrationError (`duplicate_head`) when `member`'s delegation to `meeting`
    already has a head of delegation (`selectors.head_taken`)."""
    if head_taken(meeting, member, exclude=exclude):
        raise RegistrationError(str(DUPLICATE_HEAD), code="duplicate_head")


def _check_unique_rules(registration):
    """The rules the constraints also hold, checked first for a clear message."""
    check_email_free(meeting=registration.meeting_id, email=registration.email,
                     exclude=registration.pk)
    if registration.role == Role.HEAD_OF_DELEGATION:
        check_head_free(meeting=registration.meeting_id, member=registration.member_id,
                        exclude=registration.pk)


CONSTRAINT_MESSAGES = {
    "registration_one_active_per_email": ("duplicate_email", DUPLICATE_EMAIL),
    "registration_one_head_per_delegation": ("duplicate_head", DUPLICATE_HEAD),
    "registration_has_a_name": ("name_required", NAME_REQUIRED),
    "registration_departs_after_arrival": (
        "departure_before_arrival", "The departure date cannot be before the arrival date."),
}


def _save(registration, *, savepoint=True, **kwargs):
    """Save in a savepoint so a constraint violation leaves the transaction usable and
    comes back as a RegistrationError. `savepoint=False` for a caller whose own transaction
    (or savepoint) the error always leaves: the savepoint would be two statements for
    nothing."""
    try:
        if not savepoint:
            registration.save(**kwargs)
            return
        with transaction.atomic():
            registration.save(**kwargs)
    except IntegrityError as exc:
        for name, (code, message) in CONSTRAINT_MESSAGES.items():
            if name in str(exc):
                raise RegistrationError(_(str(message)), code=code) from exc
        raise


# The audit entries that are also announced (`asem_customs.events`: the API's webhooks),
# after commit, with the ids of the registration and its meeting.
ANNOUNCED_ACTIONS = {
    "submitted": "registration.submitted",
    "address_confirmed": "registration.submitted",
    "confirmed": "registration.confirmed",
    "waitlisted": "registration.waitlisted",
    "cancelled": "registration.cancelled",
    "attended": "registration.checked_in",
}


def _log(registration, action, *, actor, from_status="", note=""):
    RegistrationLogEntry.objects.create(
        registration=registration, action=f"delegates.registration.{action}",
        from_status=from_status, to_status=registration.status, actor=_user(actor), note=note,
    )
    if action in ANNOUNCED_ACTIONS:
        events.emit(ANNOUNCED_ACTIONS[action], registration=registration.pk,
                    meeting=registration.meeting_id)


def page_language():
    """The language of the page a person registers or is invited on: the language their
    mail is written in from then on (the secretariat may change it in the admin)."""
    return mail.recipient_language(translation.get_language())


def in_language_of(registration):
    """Values of a registration's mail (role, status, dates) in its person's language."""
    return translation.override(mail.recipient_language(registration=registration))


def _mail(registration, template):
    with in_language_of(registration):
        mail.queue_mail(
            to=registration.email, template=f"registration_{template}",
            registration=registration, context=registration_values(registration),
            link=MailLink.REGISTRATION, link_version=registration.link_version,
        )


def _set_status(registration, status, *, extra_fields=()):
    registration.status = status
    registration.status_changed_at = timezone.now()
    _save(registration, update_fields=["status", "status_changed_at", "updated_at",
                                       *extra_fields])


def _locked_registration(registration):
    """Lock the meeting, then the registration (always in this order: no deadlocks)."""
    meeting = lock_meeting(registration.meeting)
    # of=("self",): the registration's row only, not its member's (which every registration
    # of the delegation would then queue behind).
    fresh = Registration.objects.select_for_update(of=("self",)).select_related("member").get(
        pk=registration.pk
    )
    fresh.meeting = meeting
    return fresh


def _refresh_caller_copy(registration, fresh):
    """Let the caller's object see the change (callers often keep using it)."""
    for field in fresh._meta.concrete_fields:
        setattr(registration, field.attname, getattr(fresh, field.attname))


def promote_waitlisted(meeting, *, actor=None, exclude=()):
    """Move the oldest waitlisted registrations that fit to `pending` while seats are free.
    Call with the meeting locked. Returns the promoted registrations."""
    capacity = {participation: seats_for(meeting, participation)
                for participation in Participation.values}
    total = {participation: seats_held(meeting, participation=participation)
             for participation in capacity}
    if all(total[p] >= capacity[p] for p in capacity):
        return []
    per_member = {}
    promoted = []
    waiting = (
        Registration.objects.select_for_update()
        .filter(meeting=meeting, status=Status.WAITLISTED)
        .exclude(pk__in=[r.pk for r in exclude])
        .order_by("created_at", "id")
    )
    for candidate in waiting:
        pool = candidate.participation
        if all(total[p] >= capacity[p] for p in capacity):
            break
        if total[pool] >= capacity[pool]:
            continue
        if pool == Participation.IN_PERSON:
            if candidate.member_id not in per_member:
                per_member[candidate.member_id] = seats_held(meeting, candidate.member_id)
            if per_member[candidate.member_id] >= meeting.delegation_cap:
                continue
            per_member[candidate.member_id] += 1
        candidate.meeting = meeting
        _set_status(candidate, Status.PENDING)
        _log(candidate, "promoted", actor=actor, from_status=Status.WAITLISTED,
             note="A seat became free.")
        _mail(candidate, "promoted")
        total[pool] += 1
        promoted.append(candidate)
    return promoted


# --- the service functions ----------------------------------------------------------------


def create_registration(*, meeting, data, status, actor=None, head_requested=False):
    """Store a new registration with the given status (no lock, no seat check: the caller
    holds the seat lock and has decided the status, or the status holds no seat). Used by
    `registration_submit` and `registration_submit_public`."""
    clean = normalise_data(data)
    if not clean.get("privacy_consent_at"):
        raise RegistrationError(
            _("The privacy notice must be accepted to register."), code="consent_required"
        )
    registration = Registration(
        meeting=meeting, status=status, registered_by=_user(actor),
        status_changed_at=timezone.now(), head_requested=head_requested,
        language=page_language(), **clean,
    )
    check_has_a_name(given_name=registration.given_name, family_name=registration.family_name)
    if registration.role == Role.HEAD_OF_DELEGATION:
        check_head_free(meeting=meeting.pk, member=registration.member_id)
    # An address already registered is refused by the constraint with the message of
    # `check_email_free` (`_save`): no query is repeated here. Both callers run this in a
    # transaction of their own that any error leaves: no savepoint is needed.
    _save(registration, savepoint=False)
    return registration


def registration_submit(*, meeting, data: dict, actor=None) -> Registration:
    """Register a person for `meeting` with `data` (model field names, see EDITABLE_FIELDS).

    The registration is `pending` when a seat is free for the meeting and the member, else
    `waitlisted`; it is logged as `delegates.registration.submitted` and the person is mailed
    a signed link. Raises RegistrationError when registration is closed (except for the
    secretariat), the email is already registered, or the delegation has its head already.
    """
    with transaction.atomic():
        meeting = lock_meeting(meeting)
        _require_open(meeting, actor)
        member = data.get("member")
        if member is None:
            raise RegistrationError(_("Choose the member whose delegation you belong to."),
                                    code="member_required")
        _check_delegation_scope(actor, getattr(member, "pk", member))
        participation = data.get("participation") or Participation.IN_PERSON
        check_participation_offered(meeting, participation)
        status = status_for_new_registration(meeting, member, participation)
        registration = create_registration(meeting=meeting, data=data, status=status,
                                           actor=actor)
        _log(registration, "submitted", actor=actor)
        _mail(registration, "waitlisted" if status == Status.WAITLISTED else "received")
    return registration


def registrations_submit_bulk(*, meeting, member, rows, actor) -> list[Registration]:
    """Register many people of `member`'s delegation for `meeting` at once (the import):
    `rows` are dicts of model field names, as `data` of `registration_submit`.

    Each gets the status `registration_submit` would give it one after the other: pending
    while the meeting and the delegation have a seat, then waitlisted; each is logged as
    `delegates.registration.submitted` and mailed. All or nothing: a rule broken by one row
    raises BulkRowError with its `index` (RegistrationError when a constraint caught it)
    and stores nothing.

    The seat lock is held only for a moment, whatever the number of rows: the rows are
    checked, then inserted with their history, log entries and mail inside the transaction
    but before the lock (uncommitted, nobody else counts them), with the statuses the
    seats free at that time give. Only then is the meeting locked, the seats counted again
    and, if someone took a seat in between, the statuses of the rows concerned corrected,
    and the transaction committed."""
    _check_delegation_scope(actor, member.pk)
    _require_open(meeting, actor)
    registrations = _new_registrations(meeting, member, rows, actor)
    _check_bulk_against_database(meeting, member, registrations)
    with transaction.atomic():
        pending = _free_seats(meeting, member, len(registrations))
        _give_statuses(registrations, pending)
        registrations = _insert_registrations(registrations, actor)
        meeting = lock_meeting(meeting)
        _require_open(meeting, actor)
        free = _free_seats(meeting, member, len(registrations), ours_holding=pending)
        if free != pending:
            _correct_statuses(registrations, free, actor)
    return registrations


def _free_seats(meeting, member, wanted, *, ours_holding=0):
    """How many of `wanted` new registrations of `member` find a seat; `ours_holding` of
    this transaction's own rows already hold one and are not counted as others'."""
    held, member_held = _held(meeting, member, Participation.IN_PERSON)
    left = seats_left_for_member(  # an import registers people in the room
        capacity=meeting.capacity, held=held - ours_holding,
        delegation_cap=meeting.delegation_cap, member_held=member_held - ours_holding)
    return min(wanted, left)


def _give_statuses(registrations, pending):
    for index, registration in enumerate(registrations):
        registration.status = Status.PENDING if index < pending else Status.WAITLISTED


def _insert_registrations(registrations, actor):
    """The registrations, their history, log entries and queued mail, in bulk inserts."""
    try:
        with transaction.atomic():
            registrations = bulk_create_with_history(
                registrations, Registration, batch_size=500, default_user=_user(actor))
    except IntegrityError as exc:
        for name, (code, message) in CONSTRAINT_MESSAGES.items():
            if name in str(exc):
                raise RegistrationError(_(str(message)), code=code) from exc
        raise
    RegistrationLogEntry.objects.bulk_create([
        RegistrationLogEntry(registration=registration,
                             action="delegates.registration.submitted",
                             to_status=registration.status, actor=_user(actor))
        for registration in registrations], batch_size=500)
    _mail_submitted(registrations)
    for registration in registrations:
        events.emit(ANNOUNCED_ACTIONS["submitted"], registration=registration.pk,
                    meeting=registration.meeting_id)
    return registrations


def _mail_submitted(registrations):
    messages = []
    for registration in registrations:
        with in_language_of(registration):
            messages.append({
                "to": registration.email, "registration": registration,
                "template": "registration_waitlisted"
                if registration.status == Status.WAITLISTED else "registration_received",
                "context": registration_values(registration),
                "link": MailLink.REGISTRATION, "link_version": registration.link_version,
            })
    mail.queue_mails(messages)


def _correct_statuses(registrations, pending, actor):
    """Someone took or freed a seat between the first count and the lock: give the rows
    concerned their right status, history, log entry and mail (a few queries)."""
    before = {registration.pk: registration.status for registration in registrations}
    _give_statuses(registrations, pending)
    changed = [r for r in registrations if r.status != before[r.pk]]
    for status in (Status.PENDING, Status.WAITLISTED):
        ids = [r.pk for r in changed if r.status == status]
        Registration.objects.filter(pk__in=ids).update(status=status)
        Registration.history.filter(id__in=ids).update(status=status)
        RegistrationLogEntry.objects.filter(registration_id__in=ids).update(to_status=status)
    OutgoingEmail.objects.filter(registration__in=changed).delete()
    _mail_submitted(changed)


def _new_registrations(meeting, member, rows, actor):
    """Unsaved registrations, checked for what needs no database: consent, a name, an email
    given twice, two heads of delegation."""
    now, user, language = timezone.now(), _user(actor), page_language()
    registrations, emails, head = [], {}, None
    for index, data in enumerate(rows):
        clean = normalise_data({"role": Role.DELEGATE, **data, "member": member})
        registration = Registration(meeting=meeting, registered_by=user, status_changed_at=now,
                                    language=language, **clean)
        if not clean.get("privacy_consent_at"):
            raise BulkRowError(_("The privacy notice must be accepted to register."),
                               code="consent_required", index=index)
        try:
            check_has_a_name(given_name=registration.given_name,
                             family_name=registration.family_name)
        except RegistrationError as exc:
            raise BulkRowError(exc.message, code=exc.code, index=index) from exc
        if emails.setdefault(registration.email.lower(), index) != index:
            raise BulkRowError(str(DUPLICATE_EMAIL), code="duplicate_email", index=index)
        if registration.role == Role.HEAD_OF_DELEGATION:
            if head is not None:
                raise BulkRowError(str(DUPLICATE_HEAD), code="duplicate_head", index=index)
            head = index
        registrations.append(registration)
    return registrations


def _check_bulk_against_database(meeting, member, registrations):
    """The unique rules of `_check_unique_rules`, for many registrations in two queries."""
    taken = emails_taken(meeting, [registration.email for registration in registrations])
    has_head = head_taken(meeting, member)
    for index, registration in enumerate(registrations):
        if registration.email.lower() in taken:
            raise BulkRowError(str(DUPLICATE_EMAIL), code="duplicate_email", index=index)
        if has_head and registration.role == Role.HEAD_OF_DELEGATION:
            raise BulkRowError(str(DUPLICATE_HEAD), code="duplicate_head", index=index)


def registration_update(*, registration, data, actor=None):
    """Change a registration's details. A seat-holding registration moved to another member
    keeps a seat only if that delegation has one free; the seat left behind goes to the
    waiting list. The signed link is renewed (older links stop working) and mailed again.
    The public and focal points may change only while registration is open."""
    with transaction.atomic():
        fresh = _locked_registration(registration)
        meeting = fresh.meeting
        _require_open(meeting, actor)
        if fresh.status not in ACTIVE_STATUSES:
            raise RegistrationError(
                _("A cancelled or rejected registration cannot be changed."), code="inactive"
            )
        _check_delegation_scope(actor, fresh.member_id)
        clean = normalise_data(data)
        if (clean.get("role") == Role.HEAD_OF_DELEGATION
                and fresh.role != Role.HEAD_OF_DELEGATION
                and not can_name_head_of_delegation(_user(actor))):
            clean["role"] = fresh.role
            fresh.head_requested = True
        old_member_id, old_participation = fresh.member_id, fresh.participation
        for field, value in clean.items():
            setattr(fresh, field, value)
        check_has_a_name(given_name=fresh.given_name, family_name=fresh.family_name)
        moved = fresh.member_id != old_member_id
        switched = fresh.participation != old_participation
        if moved:
            _check_delegation_scope(actor, fresh.member_id)
        if switched:
            check_participation_offered(meeting, fresh.participation)
        in_person = fresh.participation == Participation.IN_PERSON
        if (moved or switched) and fresh.holds_seat and in_person and (
            seats_held(meeting, fresh.member_id) >= meeting.delegation_cap
        ):
            raise RegistrationError(
                _("The delegation of %(member)s has no seat left.") % {"member": fresh.member},
                code="delegation_full",
            )
        # Its old seat is in the other pool: the one it switches to must have one left.
        if switched and fresh.holds_seat and not _seat_left(meeting, fresh.participation):
            raise RegistrationError(
                _("No seat is free for taking part this way (%(participation)s): the "
                  "registration keeps its seat as it was.")
                % {"participation": fresh.get_participation_display()},
                code="no_seat")
        _check_unique_rules(fresh)
        fresh.link_version += 1
        _save(fresh)
        _log(fresh, "changed", actor=actor, from_status=fresh.status)
        if moved and fresh.holds_seat:
            extensions.moved(fresh, actor=actor)
        if moved or switched:
            promote_waitlisted(meeting, actor=actor)
        _mail(fresh, "changed")
    _refresh_caller_copy(registration, fresh)
    return registration


def registration_set_language(*, registration, language, actor=None):
    """The language the person's mail is written in from now on (the secretariat's change in
    the admin). Kept in the registration's history; mails already queued stay as they are."""
    language = mail.recipient_language(language)
    if registration.language == language:
        return registration
    registration.language = language
    _save(registration, update_fields=["language", "updated_at"])
    return registration


def registration_confirm(*, registration, actor):
    """Confirm a pending registration, or a waitlisted one when a seat is free for it, once
    what the meeting asks first holds (`delegates.extensions.check_confirmation`: accepted
    credentials of the delegation when the meeting waits for them)."""
    with transaction.atomic():
        fresh = _locked_registration(registration)
        previous = fresh.status
        if previous == Status.CONFIRMED:
            raise RegistrationError(_("This registration is already confirmed."),
                                    code="already_confirmed")
        if previous == Status.UNCONFIRMED:
            raise RegistrationError(
                _("The person has not confirmed the email address yet; this registration "
                  "holds no seat until then."), code="address_unconfirmed")
        if previous not in (Status.PENDING, Status.WAITLISTED):
            raise RegistrationError(
                _("A cancelled or rejected registration cannot be confirmed."), code="inactive"
            )
        if previous == Status.WAITLISTED and not has_free_seat(
                fresh.meeting, fresh.member_id, fresh.participation):
            raise RegistrationError(
                _("No seat is free for this registration; it stays on the waiting list."),
                code="no_seat",
            )
        # What the meeting asks first (the delegation's accepted credentials, `accreditation`).
        extensions.check_confirmation(fresh)
        _set_status(fresh, Status.CONFIRMED)
        _log(fresh, "confirmed", actor=actor, from_status=previous)
        _mail(fresh, "confirmed")
    _refresh_caller_copy(registration, fresh)
    return registration


def registration_waitlist(*, registration, actor):
    """Move a seat-holding registration to the waiting list; its seat goes to the oldest
    other waitlisted registration that fits."""
    with transaction.atomic():
        fresh = _locked_registration(registration)
        previous = fresh.status
        if previous not in SEAT_HOLDING_STATUSES:
            raise RegistrationError(
                _("Only a pending or confirmed registration can be put on the waiting list."),
                code="not_holding_seat",
            )
        _set_status(fresh, Status.WAITLISTED)
        _log(fresh, "waitlisted", actor=actor, from_status=previous)
        _mail(fresh, "waitlisted")
        extensions.released(fresh, actor=actor)
        promote_waitlisted(fresh.meeting, actor=actor, exclude=[fresh])
    _refresh_caller_copy(registration, fresh)
    return registration


def registration_reject(*, registration, actor, reason):
    """Reject an active registration with a reason told to the person; a seat it held goes
    to the waiting list. Its signed links stop working."""
    with transaction.atomic():
        fresh = _locked_registration(registration)
        previous = fresh.status
        if previous not in ACTIVE_STATUSES:
            raise RegistrationError(
                _("A cancelled or rejected registration cannot be rejected."), code="inactive"
            )
        fresh.rejection_reason = (reason or "").strip()
        fresh.link_version += 1
        _set_status(fresh, Status.REJECTED, extra_fields=["rejection_reason", "link_version"])
        _log(fresh, "rejected", actor=actor, from_status=previous, note=fresh.rejection_reason)
        with in_language_of(fresh):
            mail.queue_mail(
                to=fresh.email, template="registration_rejected", registration=fresh,
                context=registration_values(fresh, reason=fresh.rejection_reason),
            )
        if previous in SEAT_HOLDING_STATUSES:
            extensions.released(fresh, actor=actor)
            promote_waitlisted(fresh.meeting, actor=actor)
    _refresh_caller_copy(registration, fresh)
    return registration


def registration_cancel(*, registration, actor=None, reason=""):
    """Cancel an active or unconfirmed registration (the person through the signed link, a
    focal point or the secretariat). Its signed links stop working; a seat it held goes to
    the oldest waitlisted registration that fits, which is told by mail. A `reason` (the
    secretariat's) is kept in the history and told to the person."""
    reason = (reason or "").strip()
    with transaction.atomic():
        fresh = _locked_registration(registration)
        _check_delegation_scope(actor, fresh.member_id)
        previous = fresh.status
        if previous not in ADDRESS_HOLDING_STATUSES:
            raise RegistrationError(
                _("This registration is already cancelled or was rejected."), code="inactive"
            )
        fresh.link_version += 1
        _set_status(fresh, Status.CANCELLED, extra_fields=["link_version"])
        _log(fresh, "cancelled", actor=actor, from_status=previous, note=reason)
        if previous != Status.UNCONFIRMED:  # nothing is mailed to an unconfirmed address
            with in_language_of(fresh):
                mail.queue_mail(
                    to=fresh.email, template="registration_cancelled", registration=fresh,
                    context=registration_values(fresh, reason=reason),
                )
        if previous in SEAT_HOLDING_STATUSES:
            extensions.released(fresh, actor=actor)
            promote_waitlisted(fresh.meeting, actor=actor)
    _refresh_caller_copy(registration, fresh)
    return registration


def registration_mark_attended(*, registration, actor) -> bool:
    """Check a delegate in at the meeting. Idempotent: returns False (and changes nothing)
    when already checked in. A pending registration is confirmed on the way; a waitlisted,
    cancelled or rejected one cannot be checked in."""
    with transaction.atomic():
        fresh = Registration.objects.select_for_update().get(pk=registration.pk)
        if fresh.attended_at is not None:
            _refresh_caller_copy(registration, fresh)
            return False
        if fresh.status not in SEAT_HOLDING_STATUSES:
            raise RegistrationError(
                _("Only a pending or confirmed registration can be checked in (this one is "
                  "%(status)s).") % {"status": fresh.get_status_display()},
                code="not_holding_seat",
            )
        previous = fresh.status
        fresh.attended_at = timezone.now()
        fresh.status = Status.CONFIRMED
        fields = ["attended_at", "status", "updated_at"]
        if previous != Status.CONFIRMED:
            fresh.status_changed_at = fresh.attended_at
            fields.append("status_changed_at")
        _save(fresh, update_fields=fields)
        _log(fresh, "attended", actor=actor, from_status=previous)
    _refresh_caller_copy(registration, fresh)
    return True


def registration_undo_attendance(*, registration, actor) -> bool:
    """Undo a check-in made by mistake (the wrong name picked in a search, a badge scanned
    at the wrong desk): the registration is no longer checked in and, when the check-in
    confirmed a pending registration and nothing changed its status since, it is pending
    again. Returns False (and changes nothing) when it was not checked in. Logged as
    `delegates.registration.attendance_undone` with its actor."""
    with transaction.atomic():
        fresh = Registration.objects.select_for_update().get(pk=registration.pk)
        if fresh.attended_at is None:
            _refresh_caller_copy(registration, fresh)
            return False
        check_in = (fresh.log_entries.filter(action="delegates.registration.attended")
                    .order_by("-created_at", "-id").first())
        previous = fresh.status
        fields = ["attended_at", "updated_at"]
        if (check_in is not None and check_in.from_status == Status.PENDING
                and fresh.status == Status.CONFIRMED
                and fresh.status_changed_at == fresh.attended_at):
            fresh.status = Status.PENDING
            fresh.status_changed_at = timezone.now()
            fields += ["status", "status_changed_at"]
        fresh.attended_at = None
        _save(fresh, update_fields=fields)
        _log(fresh, "attendance_undone", actor=actor, from_status=previous)
    _refresh_caller_copy(registration, fresh)
    return True


# --- photos for badges --------------------------------------------------------------------


def _check_photo_allowed(registration, actor):
    if registration.meeting.photos == PhotoRule.OFF:
        raise RegistrationError(_("The badges of this meeting carry no photo."),
                                code="no_photos")
    if registration.anonymised_at is not None or registration.status not in ACTIVE_STATUSES:
        raise RegistrationError(
            _("The photo of a cancelled, rejected or expired registration cannot be changed."),
            code="photo_closed")
    _check_delegation_scope(actor, registration.member_id)


def registration_photo_save(*, registration, upload, actor=None):
    """Keep `upload` as the photo of the person's badge, made safe first by
    `delegates.photos` (JPEG or PNG by its content, size in bytes and pixels, proportion;
    cropped to the frame, re-encoded without any metadata). An earlier photo is replaced and
    its file removed once the change is committed. A refused photo raises RegistrationError
    with the reason and changes nothing: an earlier photo stays. Logged as
    `delegates.registration.photo_added` or `photo_replaced` with the actor."""
    _check_photo_allowed(registration, actor)
    try:
        prepared = photos.prepare_photo(upload)
    except photos.PhotoRefused as exc:
        raise RegistrationError(str(exc), code="photo_refused") from exc
    storage = RegistrationPhoto._meta.get_field("file").storage
    name = storage.save(photo_path(None, "photo.jpg"), ContentFile(prepared.content))
    try:
        with transaction.atomic():
            fresh = Registration.objects.select_for_update().get(pk=registration.pk)
            photo = RegistrationPhoto.objects.filter(registration=fresh).first()
            replaced = photo.file.name if photo else None
            photo = photo or RegistrationPhoto(registration=fresh)
            photo.file.name = name
            photo.width, photo.height = prepared.width, prepared.height
            photo.size = len(prepared.content)
            photo.uploaded_at = timezone.now()
            photo.uploaded_by = _user(actor)
            photo.save()
            _log(fresh, "photo_replaced" if replaced else "photo_added", actor=actor,
                 from_status=fresh.status)
            if replaced:
                transaction.on_commit(lambda: storage.delete(replaced))
    except Exception:
        storage.delete(name)  # no file without its row
        raise
    return photo


def registration_photo_remove(*, registration, actor=None):
    """Remove the person's photo (its file once committed). Returns False when there was
    none. Logged as `delegates.registration.photo_removed` with the actor."""
    _check_delegation_scope(actor, registration.member_id)
    with transaction.atomic():
        fresh = Registration.objects.select_for_update().get(pk=registration.pk)
        if not _delete_photo(fresh):
            return False
        _log(fresh, "photo_removed", actor=actor, from_status=fresh.status)
    return True


def registration_photo_erase(*, registration):
    """The eraser of photos (`delegates.erasure`): the row at once, in the erasure's
    transaction, the file once it commits."""
    _delete_photo(registration)


def _delete_photo(registration):
    photo = RegistrationPhoto.objects.filter(registration_id=registration.pk).first()
    if photo is None:
        return False
    storage, name = photo.file.storage, photo.file.name
    photo.delete()
    transaction.on_commit(lambda: storage.delete(name))
    return True


def registration_make_head(*, registration, actor):
    """Name this active registration head of its delegation (granting a request made on the
    public form, or not); a previous head becomes a delegate (in the same transaction, so
    there is never a second head). Only a focal point or the secretariat names a head."""
    with transaction.atomic():
        fresh = _locked_registration(registration)
        _require_open(fresh.meeting, actor)
        _check_delegation_scope(actor, fresh.member_id)
        if fresh.status not in ACTIVE_STATUSES:
            raise RegistrationError(
                _("A cancelled or rejected registration cannot lead the delegation."),
                code="inactive",
            )
        if fresh.role == Role.HEAD_OF_DELEGATION:
            raise RegistrationError(_("This person already heads the delegation."),
                                    code="already_head")
        if not can_name_head_of_delegation(_user(actor)):
            raise RegistrationError(
                _("Only the focal point or the secretariat names the head of delegation."),
                code="not_allowed",
            )
        previous_heads = Registration.objects.select_for_update().filter(
            meeting=fresh.meeting, member_id=fresh.member_id, role=Role.HEAD_OF_DELEGATION,
            status__in=ACTIVE_STATUSES,
        )
        for head in previous_heads:
            head.role = Role.DELEGATE
            _save(head, update_fields=["role", "updated_at"])
            _log(head, "head_replaced", actor=actor, from_status=head.status,
                 note=f"Head of delegation is now registration #{fresh.pk}.")
        fresh.role = Role.HEAD_OF_DELEGATION
        fresh.head_requested = False
        _save(fresh, update_fields=["role", "head_requested", "updated_at"])
        _log(fresh, "head_named", actor=actor, from_status=fresh.status)
    _refresh_caller_copy(registration, fresh)
    return registration


# --- the public form: the address is confirmed before a seat is held ----------------------


def confirmation_deadline(registration):
    return registration.created_at + dt.timedelta(hours=settings.REGISTRATION_CONFIRM_HOURS)


def registration_submit_public(*, meeting, data: dict, actor=None) -> Registration:
    """Register a person through the public form, as `unconfirmed`: the registration holds
    no seat and blocks no one, but keeps its address reserved for this meeting. The address
    is mailed fixed text and a signed link to `registration_confirm_address` (nothing the
    submitter typed is echoed to an address nobody has confirmed); unconfirmed registrations
    expire after REGISTRATION_CONFIRM_HOURS (`expire_unconfirmed_registrations`).

    Head of delegation asked for becomes a request (`head_requested`, role delegate) that the
    focal point or the secretariat grants with `registration_make_head`. Raises
    RegistrationError when registration is closed or the address is already registered.
    """
    with transaction.atomic():
        _require_open(meeting, actor)
        if data.get("member") is None:
            raise RegistrationError(_("Choose the member whose delegation you belong to."),
                                    code="member_required")
        clean = dict(data)
        check_participation_offered(meeting, clean.get("participation"))
        head_requested = clean.get("role") == Role.HEAD_OF_DELEGATION
        if head_requested:
            clean["role"] = Role.DELEGATE
        registration = create_registration(meeting=meeting, data=clean,
                                           status=Status.UNCONFIRMED, actor=actor,
                                           head_requested=head_requested)
        _log(registration, "submitted", actor=actor, note="Address not confirmed yet.")
        with in_language_of(registration):
            mail.queue_mail(
                to=registration.email, template="registration_confirm_address",
                registration=registration, context={
                    **meeting_values(meeting), "hours": settings.REGISTRATION_CONFIRM_HOURS},
                link=MailLink.ADDRESS_CONFIRMATION, link_version=registration.link_version,
            )
    return registration


def registration_confirm_address(*, registration, actor=None) -> Registration:
    """The person opened the link mailed to the address and confirmed: the seat rules run
    now, under the meeting's seat lock, exactly as for a submission (`pending` when a seat is
    free for the meeting and the member, else `waitlisted`), and the usual mail is sent.
    Raises RegistrationError when the registration is not awaiting confirmation, its time
    to confirm has passed, or registration has closed meanwhile."""
    with transaction.atomic():
        fresh = _locked_registration(registration)
        if fresh.status in ACTIVE_STATUSES:
            raise RegistrationError(_("This registration is already confirmed."),
                                    code="already_confirmed")
        if fresh.status == Status.EXPIRED or (
            fresh.status == Status.UNCONFIRMED and confirmation_deadline(fresh) < timezone.now()
        ):
            raise RegistrationError(
                _("The time to confirm this registration has passed. Please register "
                  "again."), code="confirmation_expired")
        if fresh.status != Status.UNCONFIRMED:
            raise RegistrationError(
                _("A cancelled or rejected registration cannot be confirmed."), code="inactive"
            )
        _require_open(fresh.meeting, actor)
        status = status_for_new_registration(fresh.meeting, fresh.member_id,
                                             fresh.participation)
        _set_status(fresh, status)
        _log(fresh, "address_confirmed", actor=actor, from_status=Status.UNCONFIRMED)
        _mail(fresh, "waitlisted" if status == Status.WAITLISTED else "received")
    _refresh_caller_copy(registration, fresh)
    return registration


# One "lost link" mail per registration in this time, however often it is asked for.
LOST_LINK_PAUSE = dt.timedelta(minutes=10)


def registration_links_resend(*, email, meeting=None, actor=None) -> int:
    """"Lost your link?": mail each active registration of `email` (for `meeting`, else for
    every meeting) its signed link again, logged as `delegates.registration.link_resent`.
    A registration that was sent one in the last LOST_LINK_PAUSE is skipped, so the page
    cannot be used to flood an address. Returns how many were mailed, which the page never
    tells (it answers the same for an address nobody registered)."""
    email = unicodedata.normalize("NFC", (email or "").strip())
    with transaction.atomic():
        registrations = Registration.objects.select_for_update(of=("self",)).filter(
            email__iexact=email, status__in=ACTIVE_STATUSES).select_related("meeting", "member")
        if meeting is not None:
            registrations = registrations.filter(meeting=meeting)
        registrations = list(registrations)
        recent = set(OutgoingEmail.objects.filter(
            kind="registration_link", registration__in=registrations,
            created_at__gte=timezone.now() - LOST_LINK_PAUSE,
        ).values_list("registration_id", flat=True))
        mailed = [registration for registration in registrations if registration.pk not in recent]
        for registration in mailed:
            _log(registration, "link_resent", actor=actor, from_status=registration.status)
            _mail(registration, "link")
    return len(mailed)


def expire_unconfirmed_registrations(*, now=None, actor=None) -> int:
    """Registrations from the public form left unconfirmed for REGISTRATION_CONFIRM_HOURS
    become `expired`: their address is free again and their links stop working. Nothing is
    mailed. Safe to run twice and beside confirmations (a registration being confirmed is
    locked and skipped). Returns how many expired."""
    cutoff = (now or timezone.now()) - dt.timedelta(hours=settings.REGISTRATION_CONFIRM_HOURS)
    with transaction.atomic():
        stale = list(Registration.objects.select_for_update(skip_locked=True).filter(
            status=Status.UNCONFIRMED, created_at__lt=cutoff))
        for registration in stale:
            registration.link_version += 1
            _set_status(registration, Status.EXPIRED, extra_fields=["link_version"])
            _log(registration, "expired", actor=actor, from_status=Status.UNCONFIRMED,
                 note="The address was not confirmed in time.")
    return len(stale)


def waiting_list_fill(*, meeting, actor):
    """Give seats that are free to the oldest waitlisted registrations that fit, as after the
    secretariat raised the meeting's capacity or delegation cap. Returns those promoted."""
    with transaction.atomic():
        return promote_waitlisted(lock_meeting(meeting), actor=actor)


# --- focal points -------------------------------------------------------------------------


def focal_point_invite(*, user_email, member, actor, first_name="", last_name=""):
    """Make the person with this email a focal point of `member` and mail them a link to set
    their password (Django's password-reset token: single use, expires after
    PASSWORD_RESET_TIMEOUT). Creates the user when needed; inviting again resends the link.
    Raises RegistrationError if the person is already the focal point of another member."""
    email = BaseUserManager.normalize_email((user_email or "").strip())
    with transaction.atomic():
        user = _focal_point_user(email, first_name, last_name)
        existing = FocalPoint.objects.filter(user=user).select_related("member").first()
        if existing and existing.member_id != member.pk:
            raise RegistrationError(
                _("%(email)s is already the focal point of %(member)s.")
                % {"email": email, "member": existing.member},
                code="focal_point_elsewhere",
            )
        focal_point, _created = FocalPoint.objects.update_or_create(
            user=user,
            defaults={"member": member, "invited_at": timezone.now(),
                      "invited_by": _user(actor)},
            create_defaults={"member": member, "invited_at": timezone.now(),
                             "invited_by": _user(actor), "language": page_language()},
        )
        with translation.override(focal_point.language):
            mail.queue_mail(to=user.email, template="focal_point_invitation", user=user,
                            link=MailLink.PASSWORD_SET, language=focal_point.language,
                            context=focal_point_values(user, member))
    return focal_point


def _focal_point_user(email, first_name, last_name):
    user_model = get_user_model()
    user = user_model.objects.filter(email__iexact=email).first()
    if user is not None:
        return user
    user = user_model(username=email.lower()[:150], email=email, first_name=first_name,
                      last_name=last_name)
    user.set_unusable_password()
    user.save()
    return user
