"""The mail of the record of a meeting (`mail.kinds`): its kinds, their placeholders and
their values, plain strings made here so that a template (the secretariat's own wording
included) reaches nothing else."""

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from delegates.mailing import MEETING_PLACEHOLDERS, meeting_values
from mail.kinds import LINK_PLACEHOLDER_HELP, register_kind

RECORD_PLACEHOLDERS = {
    "name": _("The head of delegation's name."),
    "member": _("The member of the delegation."),
    **MEETING_PLACEHOLDERS,
    "record_url": _("The address of the record's page."),
    "link": LINK_PLACEHOLDER_HELP,
}
# kind -> (label, extra placeholders)
RECORD_KINDS = {
    "record_circulated": (_("Record: the draft circulated for comments"), {
        "deadline": _("The deadline for comments (date and time).")}),
    "record_comment_answered": (_("Record: a comment answered"), {
        "comment": _("The comment of the head of delegation."),
        "resolution": _("What the secretariat did (reply, or the text changed)."),
        "reply": _("The secretariat's reply.")}),
    "record_adopted": (_("Record: adopted by silence procedure"), {}),
    "record_published": (_("Record: published"), {}),
}
# To the secretariat (no personal link): kind -> (label, placeholders)
SECRETARIAT_KINDS = {
    "record_commented": (_("Record: a head of delegation commented (to the secretariat)"), {
        "name": _("The head of delegation's name."), "member": _("The member."),
        **MEETING_PLACEHOLDERS, "text": _("The comment."),
        "objection": _("Whether it is an objection."),
        "staff_url": _("The secretariat's page of the record.")}),
}
DOCUMENT_PLACEHOLDERS = {
    **MEETING_PLACEHOLDERS,
    "member": _("The member that submitted the document."),
    "title": _("The document's title."),
    "symbol": _("The document's symbol."),
    "kind": _("The kind of document."),
    "document_url": _("The address of the document's page."),
}
# A focal point's submissions: kind -> (label, extra placeholders)
DOCUMENT_KINDS = {
    "document_submitted": (_("Document submitted by a member (to the secretariat)"), {
        "review_url": _("The secretariat's page of the document.")}),
    "document_accepted": (_("Document accepted (to the member's focal points)"), {}),
    "document_returned": (_("Document returned (to the member's focal points)"), {
        "reason": _("Why the secretariat returned it."),
        "focal_url": _("The focal point's documents page.")}),
}


def deadline_words(record):
    return date_format(timezone.localtime(record.comments_until), "DATETIME_FORMAT")


def record_values(record, head, **extra):
    """The placeholders of a record's mail to one head of delegation, as strings."""
    return {
        "name": head.full_name, "member": head.member.name, **meeting_values(record.meeting),
        "record_url": settings.SITE_URL + record.get_absolute_url(),
        **{key: str(value) for key, value in extra.items()},
    }


def document_values(document, **extra):
    """The placeholders of a mail about one document, as strings."""
    return {
        **meeting_values(document.meeting),
        "member": document.member.name if document.member_id else "",
        "title": document.title, "symbol": document.symbol,
        "kind": str(document.get_kind_display()),
        "document_url": settings.SITE_URL + document.get_absolute_url(),
        **{key: str(value) for key, value in extra.items()},
    }


def _document_example(meeting, pk=None):
    from .models import Document

    document = (Document.objects.filter(meeting=meeting, member__isnull=False)
                .select_related("meeting", "member").order_by("-pk").first())
    if document is None:
        return None
    return str(document), document_values(
        document, review_url="[the secretariat's page]", reason="[the reason]",
        focal_url="[the focal point's documents page]")


def _example(meeting, pk=None):
    from mail.outbox import LINK_PLACEHOLDER

    from .models import MeetingRecord
    from .record import heads_of_delegation

    record = MeetingRecord.objects.filter(meeting=meeting).select_related("meeting").first()
    head = heads_of_delegation(meeting).first() if meeting is not None else None
    if record is None or head is None:
        return None
    values = record_values(record, head, deadline="[the deadline for comments]",
                           comment="[the comment]", resolution="[text changed]",
                           reply="[the reply]", text="[the comment]", objection="[yes or no]",
                           staff_url="[the secretariat's page of the record]")
    return str(head), {**values, "link": LINK_PLACEHOLDER}


def register_mail_kinds():
    """Teach the outbox this app's kinds of mail (called from `DocumentsConfig.ready`)."""
    for kind, (label, extra) in RECORD_KINDS.items():
        register_kind(kind, label=label, group="record", example=_example,
                      placeholders={**RECORD_PLACEHOLDERS, **extra})
    for kind, (label, placeholders) in SECRETARIAT_KINDS.items():
        register_kind(kind, label=label, group="record", example=_example,
                      placeholders=placeholders)
    for kind, (label, extra) in DOCUMENT_KINDS.items():
        register_kind(kind, label=label, group="documents", example=_document_example,
                      placeholders={**DOCUMENT_PLACEHOLDERS, **extra})
