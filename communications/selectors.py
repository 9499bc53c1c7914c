"""Who a circular goes to: the recipient sets of `enums.Audience`, read now."""

from dataclasses import dataclass

from delegates.enums import ACTIVE_STATUSES, RegistrationStatus, Role
from delegates.models import FocalPoint, Registration

from .enums import Audience
from .models import Circular


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str
    member_name: str
    registration: Registration | None = None
    # The language of their mail (a registration's, a focal point's).
    language: str = ""


def _focal_points(meeting, audience):
    focal_points = FocalPoint.objects.filter(user__is_active=True).exclude(
        user__email="").select_related("user", "member")
    active = Registration.objects.filter(meeting=meeting, status__in=ACTIVE_STATUSES)
    if audience == Audience.FOCAL_POINTS_NOT_REGISTERED:
        focal_points = focal_points.exclude(member__in=active.values("member"))
    elif audience == Audience.FOCAL_POINTS_NO_HEAD:
        focal_points = focal_points.exclude(
            member__in=active.filter(role=Role.HEAD_OF_DELEGATION).values("member"))
    return [Recipient(fp.user.email, fp.user.get_full_name() or fp.user.get_username(),
                      fp.member.name, language=fp.language)
            for fp in focal_points.order_by("member__name", "pk")]


REGISTRATION_SETS = {
    Audience.CONFIRMED: {"status": RegistrationStatus.CONFIRMED},
    Audience.WAITING_LIST: {"status": RegistrationStatus.WAITLISTED},
    Audience.HEADS: {"role": Role.HEAD_OF_DELEGATION, "status__in": ACTIVE_STATUSES},
}


def recipients(meeting, audience):
    """The people of `audience` for `meeting` now, one per address, by member and name."""
    if audience in REGISTRATION_SETS:
        registrations = Registration.objects.filter(
            meeting=meeting, **REGISTRATION_SETS[audience]).select_related("member", "meeting")
        people = [Recipient(r.email, r.full_name, r.member.name, r, r.language)
                  for r in registrations.order_by("member__name", "family_name", "pk")]
    else:
        people = _focal_points(meeting, audience)
    seen = set()
    unique = []
    for person in people:
        if person.email.lower() not in seen:
            seen.add(person.email.lower())
            unique.append(person)
    return unique


def circular_progress(circular):
    """{total, queued, sent, waiting, failed}: waiting mails were refused or not yet sent
    (the outbox tries again); failed ones were refused at least once and are not sent."""
    deliveries = circular.deliveries.all()
    sent = deliveries.filter(outgoing_email__sent_at__isnull=False).count()
    failed = deliveries.filter(outgoing_email__sent_at__isnull=True,
                               outgoing_email__attempts__gt=0).count()
    return {"total": circular.total, "queued": circular.queued, "sent": sent,
            "failed": failed, "waiting": circular.queued - sent - failed}


def meeting_circulars(meeting):
    return Circular.objects.filter(meeting=meeting).select_related("created_by")
