"""Personal data of registrations: who may see passport details, anonymisation once a meeting
is older than the retention period, and a person's right to see and erase what is held.

Anonymising keeps what counts and statistics use (meeting, member, role, status, check-in,
dates of submission) and wipes what identifies the person: names, contact details, needs,
travel and passport details, in the registration, in its change history, in the notes of its
log and in the mail sent about it. Every anonymisation, export and erasure is logged with its
actor; the logs never repeat the personal data.
"""

import datetime as dt
import json
import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from accreditation.services import answers_erase
from asem_customs.roles import can_see_passport_details
from delegates.enums import ACTIVE_STATUSES, PASSPORT_FIELDS
from delegates.erasure import run_erasers
from delegates.models import (
    Registration,
    RegistrationLogEntry,
    RegistrationPhoto,
    new_badge_code,
)
from delegates.services import registration_cancel
from mail.models import OutgoingEmail
from meetings.models import Meeting
from secretariat.services import remove_meeting_jobs

logger = logging.getLogger(__name__)

ANONYMISED_NAME = "Anonymised"
# Field -> value it takes when the person's data is wiped. Meeting, member, role, status,
# attendance and timestamps stay: public pages and statistics count them.
WIPED_VALUES = {
    "given_name": "", "family_name": ANONYMISED_NAME, "family_name_first": False,
    "name_latin": "", "honorific": "", "position": "", "organisation": "", "phone": "",
    "dietary_needs": "", "accessibility_needs": "", "arrival_date": None,
    "departure_date": None, "needs_visa_letter": False, "passport_number": "",
    "passport_nationality": "", "passport_issued_on": None, "passport_expires_on": None,
    "date_of_birth": None, "publish_name": False, "rejection_reason": "",
}
EXPORTED_FIELDS = (
    "honorific", "given_name", "family_name", "family_name_first", "name_latin", "position",
    "organisation", "email", "phone", "role", "status", "dietary_needs",
    "accessibility_needs", "arrival_date", "departure_date", "needs_visa_letter",
    *PASSPORT_FIELDS, "privacy_consent_at", "publish_name", "badge_code", "attended_at",
    "rejection_reason", "created_at", "updated_at", "status_changed_at",
)


def can_manage_personal_data(user):
    """Who may export or erase everything held about a person: the export includes the
    passport details in full, so only those who may see them."""
    return can_see_passport_details(user)


# --- anonymisation after the retention period -----------------------------------------------


def retention_cutoff(*, today=None, retention_days=None):
    """Meetings that ended before this date are past the retention period."""
    days = settings.PERSONAL_DATA_RETENTION_DAYS if retention_days is None else retention_days
    return (today or timezone.localdate()) - dt.timedelta(days=days)


def registrations_due_for_anonymisation(*, today=None, retention_days=None):
    cutoff = retention_cutoff(today=today, retention_days=retention_days)
    ended = Meeting.objects.annotate(ended_on=Coalesce("end_date", "start_date")).filter(
        ended_on__lt=cutoff
    )
    return Registration.objects.filter(meeting__in=ended, anonymised_at__isnull=True)


def anonymise_registration(*, registration, actor=None, action="anonymised"):
    """Wipe the person's data from one registration, its history, its log notes and its
    mail; the registration stays and still counts. Its signed links stop working.
    Returns False (and changes nothing) when it was already anonymised."""
    with transaction.atomic():
        fresh = Registration.objects.select_for_update().get(pk=registration.pk)
        if fresh.anonymised_at is not None:
            return False
        identifiers = _identifiers(fresh)
        for name, value in WIPED_VALUES.items():
            setattr(fresh, name, value)
        # Unique among active registrations of a meeting; .invalid never receives mail.
        fresh.email = f"anonymised-{fresh.pk}@anonymised.invalid"
        fresh.badge_code = new_badge_code()
        fresh.link_version += 1
        fresh.anonymised_at = timezone.now()
        fresh.history.all().delete()  # older versions still hold the data
        fresh.save(update_fields=[*WIPED_VALUES, "email", "badge_code", "link_version",
                                  "anonymised_at", "updated_at"])
        fresh.log_entries.exclude(note="").update(note="")
        answers_erase(registration=fresh)  # the answers to the meeting's questions, files too
        run_erasers(registration=fresh)  # what other apps keep beside it (travel, ...)
        _rewrite_other_notes(fresh, identifiers)
        mails = OutgoingEmail.objects.filter(registration=fresh)
        scrub_admin_log(OutgoingEmail, list(mails.values_list("pk", flat=True)))
        mails.delete()
        scrub_admin_log(Registration, [fresh.pk], repr_=str(fresh))
        RegistrationLogEntry.objects.create(
            registration=fresh, action=f"delegates.registration.{action}",
            from_status=fresh.status, to_status=fresh.status, actor=_user(actor),
        )
    remove_meeting_jobs(meeting_id=fresh.meeting_id)  # badges and imports that name the person
    logger.info("delegates.registration.%s registration=%s actor=%s", action, fresh.pk,
                _actor_id(actor))
    return True


def _identifiers(registration):
    """What names the person in free text: every name and address the registration ever
    held (its change history included). A given name alone is too common to replace
    safely; the full name in either order, the Latin transcription and the address are not."""
    found = set()
    for version in [registration, *registration.history.all()]:
        given, family = version.given_name, version.family_name
        found.update({version.name_latin, version.email, f"{given} {family}".strip(),
                      f"{family} {given}".strip()})
    return sorted((text for text in found if len(text) >= 3), key=len, reverse=True)


def _rewrite_other_notes(registration, identifiers):
    """Notes of other registrations' logs that name the person name the registration."""
    if not identifiers:
        return
    naming = Q()
    for text in identifiers:
        naming |= Q(note__icontains=text)
    reference = f"registration #{registration.pk}"
    for entry in RegistrationLogEntry.objects.exclude(registration=registration).filter(naming):
        note = entry.note
        for text in identifiers:
            note = _replace_ignoring_case(note, text, reference)
        entry.note = note
        entry.save(update_fields=["note"])


def _replace_ignoring_case(text, old, new):
    lowered, old_lowered = text.lower(), old.lower()
    out, start = [], 0
    while (found := lowered.find(old_lowered, start)) != -1:
        out += [text[start:found], new]
        start = found + len(old)
    return "".join(out) + text[start:]


def scrub_admin_log(model, pks, *, repr_=None):
    """The admin's own history of these objects keeps the what and when, not the who:
    `object_repr` becomes `repr_` (or "<model> #<pk>") and a change message keeps only
    the names of the fields changed."""
    if not pks:
        return
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    entries = LogEntry.objects.filter(content_type=content_type,
                                      object_id__in=[str(pk) for pk in pks])
    for entry in entries:
        entry.object_repr = repr_ or f"{model._meta.verbose_name} #{entry.object_id}"
        entry.change_message = _field_names_only(entry.change_message)
        entry.save(update_fields=["object_repr", "change_message"])


def _field_names_only(change_message):
    """Django writes JSON (`[{"changed": {"fields": [...]}}]`, with the inline object's
    name under "object"); anything else is free text and goes."""
    try:
        messages = json.loads(change_message or "[]")
    except ValueError:
        return ""
    if not isinstance(messages, list):
        return ""
    kept = []
    for message in messages:
        if not isinstance(message, dict):
            continue
        kept.append({kind: {key: value for key, value in (detail or {}).items()
                            if key in ("fields", "name")}
                     for kind, detail in message.items() if isinstance(detail, dict)})
    return json.dumps(kept)


def anonymise_expired_registrations(*, today=None, retention_days=None, actor=None):
    """Anonymise every registration of a meeting that ended before the retention cutoff.
    Each registration is done in its own transaction; returns how many were anonymised."""
    due = registrations_due_for_anonymisation(today=today, retention_days=retention_days)
    done = 0
    for registration in due.only("pk").order_by("pk").iterator(chunk_size=500):
        done += anonymise_registration(registration=registration, actor=actor)
    return done


# --- a person's data: export and erasure ----------------------------------------------------


@dataclass(frozen=True)
class PersonRecords:
    email: str
    registrations: list
    emails: list
    accounts: list

    @property
    def is_empty(self):
        return not (self.registrations or self.emails or self.accounts)


def person_records(email):
    """Everything held under one email address (case ignored)."""
    email = (email or "").strip()
    registrations = list(
        Registration.objects.filter(email__iexact=email)
        .select_related("meeting", "member")
        .order_by("created_at", "pk")
    )
    emails = list(
        OutgoingEmail.objects.filter(to__iexact=email).order_by("created_at", "pk")
    )
    accounts = list(
        get_user_model().objects.filter(email__iexact=email)
        .select_related("focal_point__member").order_by("pk")
    )
    return PersonRecords(email=email, registrations=registrations, emails=emails,
                         accounts=accounts)


def export_person(*, email, actor):
    """A JSON-ready dict of everything held about the person, for a subject access request.
    Logged on each registration it covers."""
    records = person_records(email)
    data = {
        "email": records.email,
        "exported_at": timezone.now(),
        "exported_by": _username(actor),
        "registrations": [_registration_export(r) for r in records.registrations],
        "emails": [
            {"to": e.to, "subject": e.subject, "body": e.body, "kind": e.kind,
             "queued_at": e.created_at, "sent_at": e.sent_at}
            for e in records.emails
        ],
        "accounts": [_account_export(user) for user in records.accounts],
    }
    with transaction.atomic():
        for registration in records.registrations:
            RegistrationLogEntry.objects.create(
                registration=registration, action="delegates.registration.data_exported",
                from_status=registration.status, to_status=registration.status,
                actor=_user(actor),
            )
    logger.info("delegates.person.data_exported registrations=%s actor=%s",
                [r.pk for r in records.registrations], _actor_id(actor))
    return data


@dataclass(frozen=True)
class ErasureResult:
    registrations: int
    cancelled: int
    emails: int
    accounts: int


def erase_person(*, email, actor):
    """Erase on request everything held about the person: a registration for a meeting
    still to come is cancelled first (its seat goes to the waiting list), then every
    registration is anonymised; mail to the address is deleted and accounts under it are
    closed and emptied. Staff accounts are left to an administrator. All or nothing."""
    records = person_records(email)
    today = timezone.localdate()
    cancelled = accounts = 0
    with transaction.atomic():
        for registration in records.registrations:
            if registration.anonymised_at is not None:
                continue
            if registration.status in ACTIVE_STATUSES and _still_to_come(registration, today):
                registration_cancel(registration=registration, actor=actor)
                cancelled += 1
            anonymise_registration(registration=registration, actor=actor, action="erased")
        # Versions of registrations that once carried the address and no longer do.
        Registration.history.filter(email__iexact=records.email).delete()
        mails = OutgoingEmail.objects.filter(to__iexact=records.email)
        scrub_admin_log(OutgoingEmail, list(mails.values_list("pk", flat=True)))
        mails.delete()
        for user in records.accounts:
            if user.is_staff or user.is_superuser:
                continue
            _close_account(user)
            accounts += 1
    result = ErasureResult(registrations=len(records.registrations), cancelled=cancelled,
                           emails=len(records.emails), accounts=accounts)
    logger.info("delegates.person.erased registrations=%s cancelled=%s emails=%s accounts=%s "
                "actor=%s", [r.pk for r in records.registrations], cancelled,
                result.emails, accounts, _actor_id(actor))
    return result


def _still_to_come(registration, today):
    meeting = registration.meeting
    ends = meeting.end_date or meeting.start_date
    return ends is None or ends >= today


def _close_account(user):
    from delegates.models import FocalPoint

    focal_points = FocalPoint.objects.filter(user=user)
    scrub_admin_log(FocalPoint, list(focal_points.values_list("pk", flat=True)))
    focal_points.delete()
    user.username = f"erased-{user.pk}"
    user.first_name = user.last_name = user.email = ""
    user.is_active = False
    user.set_unusable_password()
    user.save(update_fields=["username", "first_name", "last_name", "email", "is_active",
                             "password"])
    scrub_admin_log(type(user), [user.pk], repr_=user.username)


def _registration_export(registration):
    data = {name: getattr(registration, name) for name in EXPORTED_FIELDS}
    data.update(
        id=registration.pk,
        meeting=registration.meeting.title,
        member=registration.member.name,
        anonymised_at=registration.anonymised_at,
        answers=[{"question": answer.question.label, "answer": answer.value}
                 for answer in registration.answers.select_related("question")],
        photo=_photo_export(registration),
        log=[
            {"at": entry.created_at, "action": entry.action, "from_status": entry.from_status,
             "to_status": entry.to_status, "note": entry.note}
            for entry in registration.log_entries.order_by("created_at", "pk")
        ],
        history=[
            {"at": version.history_date, "change": version.get_history_type_display(),
             **{name: getattr(version, name) for name in EXPORTED_FIELDS
                if hasattr(version, name)}}
            for version in registration.history.order_by("history_date", "history_id")
        ],
    )
    return data


def _photo_export(registration):
    """That a photo is held, and its facts; the image itself is on the person's own page."""
    photo = RegistrationPhoto.objects.filter(registration=registration).first()
    if photo is None:
        return None
    return {"uploaded_at": photo.uploaded_at, "width": photo.width, "height": photo.height,
            "size": photo.size}


def _account_export(user):
    focal_point = getattr(user, "focal_point", None)
    return {
        "username": user.get_username(), "first_name": user.first_name,
        "last_name": user.last_name, "email": user.email, "date_joined": user.date_joined,
        "last_login": user.last_login, "is_active": user.is_active,
        "focal_point_of": focal_point.member.name if focal_point else None,
    }


def _user(actor):
    return actor if actor is not None and actor.is_authenticated else None


def _username(actor):
    user = _user(actor)
    return user.get_username() if user else "system"


def _actor_id(actor):
    """Who acted, for the log: a user id (a username may be an email address)."""
    user = _user(actor)
    return f"user:{user.pk}" if user else "system"
