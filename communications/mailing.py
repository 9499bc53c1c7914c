"""The kind of mail this app sends (`mail.kinds`): the circular, whose default wording is
the text a new circular starts from (a meeting may have its own starting text)."""

from django.utils.translation import gettext_lazy as _

from delegates.mailing import MEETING_PLACEHOLDERS
from mail.kinds import register_kind

from .enums import Audience

CIRCULAR_PLACEHOLDERS = {
    "name": _("The recipient's name."),
    "member": _("The recipient's member."),
    **MEETING_PLACEHOLDERS,
}


def _example(meeting, pk=None):
    from .selectors import recipients
    from .services import circular_values

    if meeting is None:
        return None
    for audience in (Audience.CONFIRMED, Audience.FOCAL_POINTS):
        people = recipients(meeting, audience)
        if people:
            return people[0].name, circular_values(meeting, people[0])
    return None


def register_mail_kinds():
    register_kind("circular", label=_("Circular (the text a new one starts from)"),
                  group="circular", placeholders=CIRCULAR_PLACEHOLDERS, example=_example)
