from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    PROVISIONAL_AGENDA = "provisional_agenda", _("Provisional agenda")
    WORKING_PAPER = "working_paper", _("Working paper")
    COUNTRY_REPORT = "country_report", _("Country report")
    PRESENTATION = "presentation", _("Presentation")
    BODY_REPORT = "body_report", _("Report of a reporting body")
    INFORMATION_NOTE = "information_note", _("Information note")
    ACTION_PLAN = "action_plan", _("Action plan")
    PARTICIPANTS = "participants", _("List of participants")
    SUMMARY_RECORD = "summary_record", _("Summary record")


# What a focal point may submit for its member.
MEMBER_KINDS = (DocumentKind.COUNTRY_REPORT, DocumentKind.PRESENTATION)


class Access(models.TextChoices):
    """Who may read a document (see `documents.access`)."""

    PUBLIC = "public", _("Public: anyone")
    PARTICIPANTS = "participants", _("Participants: people holding a seat at the meeting")
    SECRETARIAT = "secretariat", _("Secretariat only")


class DocumentState(models.TextChoices):
    """Staff uploads are accepted at once; a focal point's submission waits for the
    secretariat, which accepts it or returns it with a reason."""

    SUBMITTED = "submitted", _("Submitted, awaiting the secretariat")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned to the member")


class RecordState(models.TextChoices):
    """The steps of the record of a meeting (summary record or chair's summary)."""

    DRAFT = "draft", _("Drafted by the secretariat")
    CIRCULATED = "circulated", _("Circulated to heads of delegation for comments")
    ADOPTED = "adopted", _("Adopted")
    PUBLISHED = "published", _("Published")


class Adoption(models.TextChoices):
    BY_MEETING = "meeting", _("By the meeting")
    BY_SILENCE = "silence", _("By silence procedure")


class CommentResolution(models.TextChoices):
    """What the secretariat did with a comment on the draft record."""

    REPLIED = "replied", _("Replied, text kept")
    CHANGED = "changed", _("Text changed")
