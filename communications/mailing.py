"""The kind of mail this app sends (`mail.kinds`): the circular, whose default wording is
the text a new circular starts from (a meeting may have its own starting text)."""

from django.utils.translation import gettext_lazy as _

from delegates.mailing import MEETING_PLACEHOLDERS, REGISTRATION_PLACEHOLDERS
from mail.kinds import LINK_PLACEHOLDER_HELP, register_kind

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


def _practical_example(meeting, pk=None):
    from delegates.mailing import registration_values
    from mail.outbox import LINK_PLACEHOLDER

    from .selectors import recipients

    people = recipients(meeting, Audience.CONFIRMED) if meeting else []
    if not people:
        return None
    return people[0].name, {
        **registration_values(people[0].registration,
                              documents="ASEM/DGC/13/INF/1 Information note: [its address]"),
        "link": LINK_PLACEHOLDER}


def _deadline_example(meeting, pk=None):
    example = _example(meeting, pk)
    if example is None:
        return None
    return example[0], {**example[1], "deadline": "[the registration deadline]"}


def _pending_example(meeting, pk=None):
    from delegates.mailing import meeting_values

    if meeting is None:
        return None
    return "the secretariat", {**meeting_values(meeting), "pending": 3,
                               "admin_url": "[the list of pending registrations]"}


def register_mail_kinds():
    register_kind("circular", label=_("Circular (the text a new one starts from)"),
                  group="circular", placeholders=CIRCULAR_PLACEHOLDERS, example=_example)
    register_kind("reminder_deadline", label=_("Reminder: registration deadline"),
                  group="reminder", example=_deadline_example, placeholders={
                      **CIRCULAR_PLACEHOLDERS,
                      "deadline": _("When registration closes (date and time).")})
    register_kind("reminder_pending", label=_("Reminder: registrations still pending"),
                  group="reminder", example=_pending_example, placeholders={
                      **MEETING_PLACEHOLDERS,
                      "pending": _("How many registrations are pending."),
                      "admin_url": _("The list of pending registrations in the admin.")})
    register_kind("reminder_practical", label=_("Reminder: practical information"),
                  group="reminder", example=_practical_example, placeholders={
                      **REGISTRATION_PLACEHOLDERS, "link": LINK_PLACEHOLDER_HELP,
                      "documents": _("The documents attached, one per line with its "
                                     "address.")})
