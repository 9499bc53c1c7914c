"""The mail of side events (`mail.kinds`): a person moved from an event's waiting list to a
seat is told, with the link to their registration."""

from django.utils.translation import gettext_lazy as _

from delegates.enums import MailLink
from delegates.mailing import REGISTRATION_PLACEHOLDERS, registration_values
from delegates.services import in_language_of
from mail.kinds import LINK_PLACEHOLDER_HELP, register_kind
from mail.outbox import LINK_PLACEHOLDER, queue_mail

PROMOTED = "side_event_promoted"
EVENT_PLACEHOLDERS = {
    "event": _("The side event."),
    "event_when": _("When and where it takes place."),
}


def event_values(signup):
    from django.utils.formats import date_format
    from django.utils.timezone import localtime

    event = signup.event
    when = date_format(localtime(event.starts_at), "DATETIME_FORMAT")
    return {"event": event.name,
            "event_when": f"{when}, {event.place}" if event.place else when}


def mail_promoted(signup):
    registration = signup.registration
    with in_language_of(registration):
        queue_mail(to=registration.email, template=PROMOTED, registration=registration,
                   context=registration_values(registration, **event_values(signup)),
                   link=MailLink.REGISTRATION, link_version=registration.link_version)


def _example(meeting, pk=None):
    from .models import SideEventSignup

    signups = SideEventSignup.objects.select_related(
        "event", "registration", "registration__meeting", "registration__member")
    if meeting is not None:
        signups = signups.filter(event__meeting=meeting)
    signup = signups.order_by("-pk").first()
    if signup is None:
        return None
    values = registration_values(signup.registration, **event_values(signup))
    return str(signup), {**values, "link": LINK_PLACEHOLDER}


def register_mail_kinds():
    """Teach the outbox this app's kind of mail (called from `SideEventsConfig.ready`)."""
    register_kind(PROMOTED, label=_("A seat at a side event became free (to the person)"),
                  group="registration", example=_example,
                  placeholders={**REGISTRATION_PLACEHOLDERS, **EVENT_PLACEHOLDERS,
                                "link": LINK_PLACEHOLDER_HELP})
