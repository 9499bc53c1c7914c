"""The mail of credentials (`mail.kinds`): the kinds this app sends to a delegation's focal
points, their placeholders and their values, plain strings made here."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from delegates.mailing import MEETING_PLACEHOLDERS, meeting_values
from delegates.models import FocalPoint
from mail.kinds import register_kind

CREDENTIALS_PLACEHOLDERS = {
    **MEETING_PLACEHOLDERS,
    "member": _("The member whose delegation the credentials are for."),
    "file_name": _("The name of the file uploaded."),
    "focal_url": _("The focal point's credentials page."),
}
# kind -> (label, extra placeholders)
CREDENTIALS_KINDS = {
    "credentials_accepted": (_("Credentials accepted (to the member's focal points)"), {}),
    "credentials_returned": (_("Credentials returned (to the member's focal points)"), {
        "reason": _("Why the secretariat returned them.")}),
}


def focal_point_addresses(member_id):
    addresses = FocalPoint.objects.filter(member_id=member_id, user__is_active=True
                                          ).values_list("user__email", flat=True)
    return list(dict.fromkeys(address for address in addresses if address))


def credentials_values(credentials, **extra):
    """The placeholders of a mail about one delegation's credentials, as strings."""
    return {
        **meeting_values(credentials.meeting), "member": credentials.member.name,
        "file_name": credentials.name,
        "focal_url": settings.SITE_URL + reverse("accreditation:focal_credentials",
                                                 kwargs={"slug": credentials.meeting.slug}),
        **{key: str(value) for key, value in extra.items()},
    }


def _example(meeting, pk=None):
    from .models import Credentials

    credentials = Credentials.objects.select_related("meeting", "member")
    if meeting is not None:
        credentials = credentials.filter(meeting=meeting)
    found = credentials.order_by("-pk").first()
    if found is None:
        return None
    return str(found), credentials_values(found, reason=found.return_reason or "[the reason]")


def register_mail_kinds():
    """Teach the outbox this app's kinds of mail (called from `AccreditationConfig.ready`)."""
    for kind, (label, extra) in CREDENTIALS_KINDS.items():
        register_kind(kind, label=label, group="accreditation", example=_example,
                      placeholders={**CREDENTIALS_PLACEHOLDERS, **extra})
