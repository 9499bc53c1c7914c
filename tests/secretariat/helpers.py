"""A meeting with more confirmed people than fit in one inline badge PDF."""

from delegates.enums import RegistrationStatus
from delegates.models import Registration
from secretariat.pdf import INLINE_BADGES
from tests.factories import MeetingFactory, member

BADGE_COUNT = INLINE_BADGES + 1


def crowded_meeting(**extra):
    meeting = MeetingFactory(capacity=2000, delegation_cap=2000, **extra)
    Registration.objects.bulk_create(
        Registration(meeting=meeting, member=member("DE"), given_name="Anna",
                     family_name=f"Schmidt {n}", email=f"p{n}@example.org",
                     status=RegistrationStatus.CONFIRMED, badge_code=f"code-{meeting.pk}-{n}")
        for n in range(BADGE_COUNT)
    )
    return meeting


def token_of(response):
    return response.url.rstrip("/").split("/")[-1]
