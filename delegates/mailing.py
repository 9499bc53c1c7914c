"""The mail of registrations and focal points: the kinds this app sends (`mail.kinds`), their
placeholders, and the placeholders' values for one registration or focal point.

Placeholders are plain strings made here, so that a template (the secretariat's own
included) reaches nothing else of a registration: never a passport detail, never a link
(the `link` placeholder is made only when the mail leaves, `mail.outbox`)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mail.kinds import LINK_PLACEHOLDER_HELP, register_kind
from mail.outbox import LINK_PLACEHOLDER, register_attachments
from meetings.templatetags.meeting_tags import meeting_dates

from .enums import ACTIVE_STATUSES, Participation
from .models import FocalPoint, Registration

MEETING_PLACEHOLDERS = {
    "meeting": _("The meeting's title."),
    "meeting_dates": _("The meeting's dates (or its year while they are not known)."),
    "meeting_place": _("The meeting's place."),
}
REGISTRATION_PLACEHOLDERS = {
    "name": _("The person's name, as registered."),
    **MEETING_PLACEHOLDERS,
    "member": _("The member whose delegation the person belongs to."),
    "role": _("The person's role in the delegation."),
    "status": _("The registration's status."),
    "details": _("The registration's details (meeting, name, delegation, role, status, "
                 "dates of travel), several lines."),
}
# kind -> (label, extra placeholders, has a personal link)
REGISTRATION_KINDS = {
    "registration_received": (_("Registration received"), {}, True),
    "registration_confirmed": (_("Registration confirmed"), {
        "connection_details": _("For an online participant: the meeting's connection details "
                                "(empty for those in the room).")}, True),
    "registration_waitlisted": (_("On the waiting list"), {}, True),
    "registration_promoted": (_("Moved from the waiting list"), {}, True),
    "registration_changed": (_("Registration changed"), {}, True),
    "registration_link": (_("Your link again (lost link)"), {}, True),
    "registration_rejected": (_("Registration not accepted"),
                              {"reason": _("The reason the secretariat gave.")}, False),
    "registration_cancelled": (_("Registration cancelled"),
                               {"reason": _("The reason the secretariat gave (may be "
                                            "empty).")}, False),
}


def meeting_values(meeting):
    return {"meeting": meeting.title, "meeting_dates": meeting_dates(meeting),
            "meeting_place": meeting.place or ""}


def registration_values(registration, **extra):
    """The placeholders of a registration's mail, as strings."""
    meeting = registration.meeting
    details = render_to_string("mail/_details.txt",
                               {"meeting": meeting, "registration": registration})
    online = registration.participation == Participation.ONLINE
    return {
        "name": registration.full_name, **meeting_values(meeting),
        "member": registration.member.name, "role": registration.get_role_display(),
        "status": registration.get_status_display(), "details": details,
        "connection_details": meeting.online_connection_details if online else "",
        **{key: str(value) for key, value in extra.items()},
    }


def focal_point_values(user, member):
    return {
        "name": user.get_full_name(), "member": member.name, "username": user.username,
        "login_url": settings.SITE_URL + reverse("login") + "?next="
        + reverse("delegates:focal_home"),
    }


def _registration_example(meeting, pk=None):
    registrations = Registration.objects.select_related("member", "meeting")
    if meeting is not None:
        registrations = registrations.filter(meeting=meeting)
    registration = (registrations.filter(pk=pk).first() if pk else None) or (
        registrations.filter(status__in=ACTIVE_STATUSES).order_by("-created_at").first())
    if registration is None:
        return None
    values = registration_values(registration, reason=registration.rejection_reason,
                                 hours=settings.REGISTRATION_CONFIRM_HOURS)
    return str(registration), {**values, "link": LINK_PLACEHOLDER}


def _focal_point_example(meeting=None, pk=None):
    focal_point = FocalPoint.objects.select_related("user", "member").order_by("pk").first()
    if focal_point is None:
        return None
    values = focal_point_values(focal_point.user, focal_point.member)
    return str(focal_point.user.email), {**values, "link": LINK_PLACEHOLDER}


def register_mail_kinds():
    """Teach the outbox this app's kinds of mail (called from `DelegatesConfig.ready`)."""
    link = {"link": LINK_PLACEHOLDER_HELP}
    for kind, (label, extra, has_link) in REGISTRATION_KINDS.items():
        register_kind(kind, label=label, group="registration", example=_registration_example,
                      placeholders={**REGISTRATION_PLACEHOLDERS, **extra,
                                    **(link if has_link else {})})
    register_kind(
        "registration_confirm_address", label=_("Confirm the address (public form)"),
        group="registration", example=_registration_example,
        placeholders={**MEETING_PLACEHOLDERS, **link,
                      "hours": _("How many hours the link works.")},
    )
    focal = {"name": _("The focal point's name (may be empty)."),
             "member": _("The member."), "username": _("The username to sign in with."),
             "login_url": _("The address of the sign-in page."), **link}
    register_kind("focal_point_invitation", label=_("Focal point invitation"),
                  group="focal_point", per_meeting=False, example=_focal_point_example,
                  placeholders=focal)
    register_kind("password_reset", label=_("New password asked for"), group="account",
                  per_meeting=False, example=_focal_point_example,
                  placeholders={"username": focal["username"], **link})
    register_attachments("registration_confirmed", badge_code_qr)


def badge_code_qr(email):
    """The person's badge code as a QR (PNG), attached to the confirmation: shown at the
    check-in desk from a phone, as the printed badge."""
    import io

    import segno

    if email.registration is None or email.registration.participation == Participation.ONLINE:
        return []  # an online participant has no badge
    image = io.BytesIO()
    segno.make(email.registration.badge_code, error="m", micro=False).save(
        image, kind="png", scale=8)
    return [("badge-code.png", image.getvalue(), "image/png")]


def focal_point_language(address):
    """The language of the active focal point whose account has this address, or None
    (registered with `mail.outbox.register_address_language`)."""
    return (FocalPoint.objects.filter(user__email__iexact=address, user__is_active=True)
            .values_list("language", flat=True).first())
