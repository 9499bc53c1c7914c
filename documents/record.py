"""The record of a meeting (summary record or chair's summary), step by step:

    drafted by the secretariat (`record_start`, `record_set_decisions`)
    → circulated to the heads of delegation for comments until a deadline (`record_circulate`)
    → each comment answered with a reply or a change (`record_comment`, `record_answer`)
    → adopted by the meeting (`record_adopt`), or by silence once the deadline has passed
      without objection in that round (`record_adopt_by_silence`, run by the beat)
    → published (`record_publish`): the document becomes public and the decisions and
      conclusions of each agenda item appear on the public meeting page.

An objection breaks the silence of its round: the secretariat revises the draft (a new version
of the document) and circulates it again, which opens a new round with a new deadline, or the
meeting adopts it. Each step takes the actor (`roles.SYSTEM` for the beat), runs in one
transaction, writes a `DocumentLogEntry` on the record's document (`documents.record.<step>`)
and mails the people concerned through the outbox once the transaction commits.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from asem_customs import roles
from asem_customs.translated_content import fallback_language, other_languages
from delegates.enums import MailLink, RegistrationStatus, Role
from delegates.models import Registration
from mail.outbox import queue_mail

from . import access, services
from .enums import Access, Adoption, CommentResolution, DocumentKind, RecordState
from .mailing import deadline_words, record_values
from .models import MeetingRecord, RecordComment, RecordDecision

EDITABLE_STATES = (RecordState.DRAFT, RecordState.CIRCULATED)


class RecordError(services.DocumentError):
    """A broken rule of the record's steps, with a message fit to show the user."""


def heads_of_delegation(meeting):
    """The confirmed heads of delegation of the meeting: the people the draft goes to."""
    return Registration.objects.filter(
        meeting=meeting, role=Role.HEAD_OF_DELEGATION, status=RegistrationStatus.CONFIRMED,
    ).select_related("member").order_by("member__name")


def may_comment(registration, record):
    """Whether this registration (of a signed link) may comment on the circulated draft."""
    return access.is_head_of_delegation_at(registration, record.meeting_id)


def may_read_draft(reader, record):
    """The draft is read by the secretariat and, while circulated, by the heads of
    delegation; once published, by whoever the document's access allows."""
    if reader.is_secretariat:
        return True
    if record.state == RecordState.CIRCULATED:
        return may_comment(reader.registration, record)
    return False


def silence_broken(record):
    """Whether an objection was made in the current round."""
    return record.comments.filter(round=record.round, is_objection=True).exists()


def comments_open(record, now=None):
    return (record.state == RecordState.CIRCULATED
            and (now or timezone.now()) <= record.comments_until)


def _require_manager(actor):
    if actor is not roles.SYSTEM and not roles.can_manage_documents(actor):
        raise RecordError(_("Only secretariat editors take the record through its steps."),
                          code="forbidden")


def _log(record, action, actor, note=""):
    """The audit entry of a step, on the record's document (the documents' own log)."""
    services._log(record.document, f"documents.record.{action}", actor, note)


def _locked(record):
    return MeetingRecord.objects.select_for_update().select_related(
        "meeting", "document").get(pk=record.pk)


def _mail_heads(record, kind, **extra):
    """One mail to each confirmed head of delegation, with their own signed link."""
    heads = list(heads_of_delegation(record.meeting))
    for head in heads:
        queue_mail(
            to=head.email, template=kind, registration=head,
            context=record_values(record, head, **extra),
            link=MailLink.REGISTRATION, link_version=head.link_version,
        )
    return len(heads)


def _default_titles(meeting):
    """"Summary record of the …" in each language of the site, with the meeting's title in
    it, whatever language the page that starts the record is read in; a language whose
    catalogue does not have the wording yet is left to English."""
    with override(fallback_language()):
        english = _("Summary record of the %(meeting)s")
        titles = {"en": english % {"meeting": meeting.title}}
    for code in other_languages():
        with override(code):
            wording = _("Summary record of the %(meeting)s")
            if wording != english:
                titles[code] = wording % {"meeting": meeting.title}
    return titles


@transaction.atomic
def record_start(*, meeting, file, actor, title="", language="en", illustrative=False):
    """Draft the record of a meeting: a summary record document (secretariat only) with its
    first file, and the record at the step "drafted". A meeting has one record."""
    _require_manager(actor)
    if MeetingRecord.objects.filter(meeting=meeting).exists():
        raise RecordError(_("This meeting already has its record."), code="exists")
    titles = {"en": title} if title else _default_titles(meeting)
    document = services.document_add(
        meeting=meeting, kind=DocumentKind.SUMMARY_RECORD, file=file, actor=actor,
        title=titles.pop("en"), other_titles=titles,
        access=Access.SECRETARIAT, language=language, illustrative=illustrative,
    )
    record = MeetingRecord.objects.create(meeting=meeting, document=document)
    _log(record, "drafted", actor)
    return record


@transaction.atomic
def record_set_decisions(*, record, decisions, actor):
    """Write the decisions and conclusions of agenda items (`{agenda item id: text}`; an
    empty text removes one), while the record is a draft or circulated."""
    _require_manager(actor)
    record = _locked(record)
    if record.state not in EDITABLE_STATES:
        raise RecordError(_("An adopted record no longer changes."), code="adopted")
    items = set(record.meeting.agenda_items.values_list("pk", flat=True))
    changed = 0
    for item_id, text in decisions.items():
        if int(item_id) not in items:
            raise RecordError(_("The agenda item belongs to another meeting."), code="agenda")
        text = (text or "").strip()
        current = RecordDecision.objects.filter(agenda_item_id=item_id).first()
        if not text:
            changed += bool(current and current.delete())
        elif current is None or current.text != text:
            RecordDecision.objects.update_or_create(
                agenda_item_id=item_id, defaults={"record": record, "text": text})
            changed += 1
    if changed:
        _log(record, "decisions_changed", actor, str(changed))
    return changed


@transaction.atomic
def record_circulate(*, record, comments_until, actor, now=None):
    """Circulate the current draft to the heads of delegation for comments until
    `comments_until`: a new round (after a broken silence, the revised draft). Each head is
    mailed their link. Returns how many heads were mailed."""
    _require_manager(actor)
    record = _locked(record)
    now = now or timezone.now()
    if record.state not in EDITABLE_STATES:
        raise RecordError(_("An adopted record is not circulated again."), code="adopted")
    if comments_until is None or comments_until <= now:
        raise RecordError(_("The deadline for comments must lie in the future."),
                          code="deadline")
    record.state = RecordState.CIRCULATED
    record.round += 1
    record.circulated_at = now
    record.comments_until = comments_until
    record.save(update_fields=["state", "round", "circulated_at", "comments_until",
                               "updated_at"])
    _log(record, "circulated", actor,
         _("Round %(round)s, comments until %(deadline)s")
         % {"round": record.round, "deadline": deadline_words(record)})
    return _mail_heads(record, "record_circulated", deadline=deadline_words(record))


@transaction.atomic
def record_comment(*, record, registration, text, is_objection=False, now=None):
    """A head of delegation comments on the circulated draft (an objection breaks the silence
    of the round) until the deadline; the secretariat is mailed."""
    record = _locked(record)
    text = (text or "").strip()
    if not may_comment(registration, record):
        raise RecordError(_("Only the heads of delegation at this meeting comment on its "
                            "record."), code="forbidden")
    if not comments_open(record, now):
        raise RecordError(_("The record is not open for comments."), code="closed")
    if not text:
        raise RecordError(_("Write your comment."), code="empty")
    comment = RecordComment.objects.create(
        record=record, round=record.round, registration=registration,
        member_id=registration.member_id, text=text[:10000], is_objection=is_objection,
    )
    _log(record, "objected" if is_objection else "commented", None,
         f"{registration.member.name}, round {record.round}")
    queue_mail(
        to=settings.SECRETARIAT_EMAIL, template="record_commented", meeting=record.meeting_id,
        context=record_values(
            record, registration, text=text,
            objection=_("yes: it breaks the silence") if is_objection else _("no"),
            staff_url=settings.SITE_URL + f"/staff/documents/records/{record.meeting.slug}/"),
    )
    return comment


@transaction.atomic
def record_answer(*, comment, resolution, reply, actor):
    """Answer a comment: a reply (the text stays) or a change (made in a new version of the
    draft); the head of delegation who wrote it is mailed."""
    _require_manager(actor)
    reply = (reply or "").strip()
    if resolution not in CommentResolution.values:
        raise RecordError(_("Say whether the text was changed or kept."), code="resolution")
    if not reply:
        raise RecordError(_("Write the reply to the head of delegation."), code="empty")
    comment = RecordComment.objects.select_for_update(of=("self",)).select_related(
        "record__meeting", "record__document", "registration").get(pk=comment.pk)
    if comment.record.state not in EDITABLE_STATES:
        raise RecordError(_("An adopted record no longer changes."), code="adopted")
    comment.resolution = resolution
    comment.reply = reply
    comment.replied_by = services._person(actor)
    comment.replied_at = timezone.now()
    comment.save(update_fields=["resolution", "reply", "replied_by", "replied_at"])
    _log(comment.record, "comment_answered", actor,
         f"{comment.member.name}: {comment.get_resolution_display()}")
    if comment.registration is not None:
        queue_mail(
            to=comment.registration.email, template="record_comment_answered",
            registration=comment.registration,
            context=record_values(comment.record, comment.registration, comment=comment.text,
                                  resolution=comment.get_resolution_display(),
                                  reply=comment.reply),
            link=MailLink.REGISTRATION, link_version=comment.registration.link_version,
        )
    return comment


def _adopt(record, adoption, actor, at):
    record.state = RecordState.ADOPTED
    record.adoption = adoption
    record.adopted_at = at or timezone.now()
    record.save(update_fields=["state", "adoption", "adopted_at", "updated_at"])


@transaction.atomic
def record_adopt(*, record, actor, at=None):
    """The meeting adopted the record (from the draft or while circulated)."""
    _require_manager(actor)
    record = _locked(record)
    if record.state not in EDITABLE_STATES:
        raise RecordError(_("The record is already adopted."), code="adopted")
    _adopt(record, Adoption.BY_MEETING, actor, at)
    _log(record, "adopted", actor)
    return record


@transaction.atomic
def record_adopt_by_silence(*, record, now=None):
    """Adopt a circulated record whose deadline has passed with no objection in its round
    (the silence procedure); the heads of delegation are told. Returns whether it was
    adopted: a broken silence waits for the secretariat."""
    record = _locked(record)
    now = now or timezone.now()
    if record.state != RecordState.CIRCULATED or now <= record.comments_until:
        return False
    if silence_broken(record):
        return False
    _adopt(record, Adoption.BY_SILENCE, roles.SYSTEM, now)
    _log(record, "adopted_by_silence", roles.SYSTEM,
         _("No objection by %(deadline)s") % {"deadline": deadline_words(record)})
    _mail_heads(record, "record_adopted")
    return True


def adopt_records_by_silence(now=None):
    """Every circulated record whose deadline has passed in silence is adopted (the beat
    runs this hourly). Returns how many were."""
    now = now or timezone.now()
    due = MeetingRecord.objects.filter(state=RecordState.CIRCULATED, comments_until__lt=now)
    return sum(record_adopt_by_silence(record=record, now=now) for record in due)


@transaction.atomic
def record_publish(*, record, actor, at=None):
    """Publish the adopted record: its document becomes public, and the decisions and
    conclusions of the agenda items show on the meeting's public page."""
    _require_manager(actor)
    record = _locked(record)
    if record.state != RecordState.ADOPTED:
        raise RecordError(_("Only an adopted record is published."), code="not_adopted")
    services.document_change_access(document=record.document, access=Access.PUBLIC,
                                    actor=actor)
    services.document_publish(document=record.document, actor=actor, at=at)
    record.state = RecordState.PUBLISHED
    record.published_at = at or timezone.now()
    record.save(update_fields=["state", "published_at", "updated_at"])
    _log(record, "published", actor)
    if actor is not roles.SYSTEM:  # the demo loads a published record: nobody to tell
        _mail_heads(record, "record_published")
    return record
