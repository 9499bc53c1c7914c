"""Every change of the accreditation of a meeting, in one place: the answers to the meeting's
questions (stored with the registration, erased with the person) and each delegation's
credentials (uploaded by its focal point, accepted or returned by the secretariat).

Each change of credentials runs in `transaction.atomic`, writes a `CredentialsLogEntry` with
a dotted action name and the actor, and queues its mail with the outbox (sent after commit).
Files are judged by their content (`documents.files`) before anything is stored."""

import datetime as dt

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from asem_customs import roles
from delegates.services import RegistrationError
from documents import files
from mail.outbox import address_language, queue_mail

from .enums import CredentialsState, QuestionKind
from .mailing import credentials_values, focal_point_addresses
from .models import Answer, Credentials, CredentialsLogEntry, MeetingAccreditation

# What a letter of credentials may be: a scan or the signed PDF.
CREDENTIALS_TYPES = ("application/pdf", "image/png", "image/jpeg")


class AccreditationError(Exception):
    """A rule of accreditation was broken; the message is meant for the person."""

    def __init__(self, message, *, code):
        super().__init__(message)
        self.message, self.code = message, code


def _user(actor):
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


# --- answers ------------------------------------------------------------------------------


def answer_text(question, value):
    """An answer as stored: text; several choices one a line; a date in ISO; a yes/no as
    "yes" or "no"; a country by its code."""
    if value in (None, "", [], ()):
        return ""
    if question.kind == QuestionKind.SEVERAL_CHOICES:
        return "\n".join(value)
    if question.kind == QuestionKind.YES_NO:
        return "yes" if value in (True, "yes", "True") else "no"
    if question.kind == QuestionKind.DATE:
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    return str(value).strip()


def answers_save(*, registration, values, actor=None):
    """Store a person's answers: `values` maps each question to what its form field gave
    (an upload for a file question; None leaves a file answer as it is). An empty answer
    removes the one stored. Called in the transaction that saved the registration."""
    stored = {answer.question_id: answer for answer in registration.answers.all()}
    for question, value in values.items():
        answer = stored.get(question.pk)
        if question.kind == QuestionKind.FILE:
            if value:
                _store_answer_file(registration, question, answer, value)
            continue
        text = answer_text(question, value)
        if not text:
            if answer is not None:
                answer.delete()
            continue
        if answer is None:
            Answer.objects.create(registration=registration, question=question, value=text)
        elif answer.value != text:
            answer.value = text
            answer.save(update_fields=["value", "updated_at"])


def _store_answer_file(registration, question, answer, upload):
    inspected = inspect_upload(upload)
    name = files.clean_name(getattr(upload, "name", ""), inspected.extension, "answer")
    old = answer.file.name if answer is not None and answer.file else ""
    if answer is None:
        answer = Answer(registration=registration, question=question)
    answer.value, answer.content_type = name, inspected.content_type
    answer.file.save(name, upload, save=False)
    answer.save()
    if old:
        _delete_after_commit(old)


def inspect_upload(upload, *, types=None):
    """The upload judged by `documents.files`, or AccreditationError with the reason."""
    try:
        inspected = files.inspect(upload)
    except files.UploadRefused as refused:
        raise AccreditationError(str(refused), code="file_refused") from refused
    if types is not None and inspected.content_type not in types:
        raise AccreditationError(
            _("Only a PDF, PNG or JPEG file is accepted; this file is none of them, "
              "whatever its name."), code="file_refused")
    return inspected


def _delete_after_commit(name):
    transaction.on_commit(lambda: default_storage.delete(name))


def answers_erase(*, registration):
    """Remove every answer of a registration with its files (the person's data is erased,
    or the registration anonymised after the retention period)."""
    answers = list(Answer.objects.filter(registration=registration))
    for answer in answers:
        if answer.file:
            _delete_after_commit(answer.file.name)
    Answer.objects.filter(pk__in=[answer.pk for answer in answers]).delete()
    return len(answers)


# --- the meeting's rule -------------------------------------------------------------------


def accreditation_of(meeting):
    """The meeting's accreditation settings (unsaved defaults when it has none)."""
    found = MeetingAccreditation.objects.filter(meeting_id=getattr(meeting, "pk", meeting))
    return found.first() or MeetingAccreditation(meeting_id=getattr(meeting, "pk", meeting))


def check_confirmation(registration):
    """Raise RegistrationError (`credentials_not_accepted`) when the meeting confirms a
    delegation's seats only once its credentials are accepted and they are not yet.
    `delegates.services.registration_confirm` asks this (through `delegates.extensions`)."""
    awaits = MeetingAccreditation.objects.filter(
        meeting_id=registration.meeting_id, confirmation_awaits_credentials=True).exists()
    if not awaits:
        return
    accepted = Credentials.objects.filter(
        meeting_id=registration.meeting_id, member_id=registration.member_id,
        state=CredentialsState.ACCEPTED).exists()
    if not accepted:
        raise RegistrationError(
            _("The credentials of this delegation are not accepted yet: its registrations "
              "are confirmed once the secretariat accepts them."),
            code="credentials_not_accepted")


# --- credentials --------------------------------------------------------------------------


def _log(credentials, action, actor, note=""):
    CredentialsLogEntry.objects.create(credentials=credentials,
                                       action=f"accreditation.credentials.{action}",
                                       actor=_user(actor), note=note)


def _mail(credentials, kind, **extra):
    for address in focal_point_addresses(credentials.member_id):
        language = address_language(address)
        with translation.override(language):
            queue_mail(to=address, template=kind, context=credentials_values(credentials, **extra),
                       meeting=credentials.meeting_id, language=language)


def _may_upload(actor, member):
    user = _user(actor)
    return actor is roles.SYSTEM or roles.is_secretariat_editor(user) or (
        roles.focal_member(user) is not None and roles.focal_member(user).pk == member.pk)


def credentials_upload(*, meeting, member, file, actor):
    """Store `member`'s credentials for `meeting` (a PDF or an image, judged by its content)
    as submitted to the secretariat. A returned or still submitted letter is replaced (its
    old file removed); accepted credentials stay as they are. Only the member's focal point
    or a secretariat editor may upload. Logged as `accreditation.credentials.submitted`."""
    if not _may_upload(actor, member):
        raise AccreditationError(_("Only the delegation's focal point uploads its "
                                   "credentials."), code="not_allowed")
    inspected = inspect_upload(file, types=CREDENTIALS_TYPES)
    name = files.clean_name(getattr(file, "name", ""), inspected.extension, "credentials")
    with transaction.atomic():
        credentials = (Credentials.objects.select_for_update()
                       .filter(meeting=meeting, member=member).first())
        if credentials is not None and credentials.state == CredentialsState.ACCEPTED:
            raise AccreditationError(
                _("These credentials are accepted already; write to the secretariat to "
                  "change them."), code="already_accepted")
        old = credentials.file.name if credentials is not None else ""
        if credentials is None:
            credentials = Credentials(meeting=meeting, member=member)
        credentials.state = CredentialsState.SUBMITTED
        credentials.name, credentials.content_type = name, inspected.content_type
        credentials.size, credentials.sha256 = inspected.size, inspected.sha256
        credentials.submitted_by, credentials.submitted_at = _user(actor), timezone.now()
        credentials.reviewed_by, credentials.reviewed_at = None, None
        credentials.return_reason = ""
        credentials.file.save(name, file, save=False)
        credentials.save()
        _log(credentials, "submitted", actor, note=name)
        if old:
            _delete_after_commit(old)
    return credentials


def _locked_submitted(credentials):
    fresh = Credentials.objects.select_for_update().select_related("meeting", "member").get(
        pk=credentials.pk)
    if fresh.state != CredentialsState.SUBMITTED:
        raise AccreditationError(
            _("These credentials were already %(state)s.")
            % {"state": fresh.get_state_display().lower()}, code="not_submitted")
    return fresh


def _require_reviewer(actor):
    if actor is not roles.SYSTEM and not roles.can_review_credentials(_user(actor)):
        raise AccreditationError(_("Only secretariat editors accept or return credentials."),
                                 code="not_allowed")


def credentials_accept(*, credentials, actor):
    """Accept submitted credentials: the delegation's registrations may now be confirmed.
    Logged as `accreditation.credentials.accepted`; the focal points are told by mail."""
    _require_reviewer(actor)
    with transaction.atomic():
        fresh = _locked_submitted(credentials)
        fresh.state = CredentialsState.ACCEPTED
        fresh.reviewed_by, fresh.reviewed_at = _user(actor), timezone.now()
        fresh.save(update_fields=["state", "reviewed_by", "reviewed_at"])
        _log(fresh, "accepted", actor)
        _mail(fresh, "credentials_accepted")
    return fresh


def credentials_return(*, credentials, reason, actor):
    """Return submitted credentials to the focal point with a reason (told by mail); they
    upload a new letter. Logged as `accreditation.credentials.returned` with the reason."""
    _require_reviewer(actor)
    reason = (reason or "").strip()
    if not reason:
        raise AccreditationError(_("Say why the credentials are returned."),
                                 code="reason_required")
    with transaction.atomic():
        fresh = _locked_submitted(credentials)
        fresh.state = CredentialsState.RETURNED
        fresh.return_reason = reason
        fresh.reviewed_by, fresh.reviewed_at = _user(actor), timezone.now()
        fresh.save(update_fields=["state", "return_reason", "reviewed_by", "reviewed_at"])
        _log(fresh, "returned", actor, note=reason)
        _mail(fresh, "credentials_returned", reason=reason)
    return fresh
