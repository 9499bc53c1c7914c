"""Changes to the secretariat's wording of mails (`MailTemplate`): checked on the sandbox
before they are kept, so a mail is never refused for its wording."""

from django.db import transaction

from .kinds import get_kind
from .models import MailTemplate
from .rendering import DEFAULT_LANGUAGE, Wording, render_wording


class MailTemplateInvalid(ValueError):
    """The wording cannot be used; the message is meant for the secretariat."""


def check_wording(*, kind, subject, body, values=None):
    """(subject, text) rendered with `values` (an example's placeholders, or empty ones);
    MailTemplateInvalid when the wording cannot be rendered or names an unknown placeholder."""
    from .sandbox import MailTemplateError

    try:
        return render_wording(kind, Wording(subject, body), values or {})
    except MailTemplateError as exc:
        raise MailTemplateInvalid(str(exc)) from exc


def mail_template_save(*, kind, subject, body, actor, meeting=None, language=DEFAULT_LANGUAGE):
    """Keep the wording of `kind` for `meeting` (None: all meetings without their own) in
    `language`, replacing the one there was. Raises MailTemplateInvalid when it cannot be
    rendered, or when a meeting is given for a kind that has no meeting. Every version is
    kept in the template's history with who changed it."""
    registered = get_kind(kind)
    if registered is None or (meeting is not None and not registered.per_meeting):
        raise MailTemplateInvalid("This kind of mail cannot have a meeting's own wording.")
    check_wording(kind=kind, subject=subject, body=body)
    with transaction.atomic():
        template, _created = MailTemplate.objects.select_for_update().update_or_create(
            kind=kind, meeting=meeting, language=language,
            defaults={"subject": subject.strip(), "body": body, "updated_by": actor},
        )
    return template


def mail_template_reset(*, kind, actor, meeting=None, language=DEFAULT_LANGUAGE):
    """Back to the default: the wording of `kind` for `meeting` is removed (the history keeps
    it, with who removed it). Returns whether there was one."""
    with transaction.atomic():
        template = MailTemplate.objects.filter(kind=kind, meeting=meeting,
                                               language=language).first()
        if template is None:
            return False
        template._history_user = actor if getattr(actor, "pk", None) else None
        template.delete()
    return True
