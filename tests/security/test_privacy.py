"""Personal data: anonymisation after the retention period keeps the counts; a person's data
can be exported and erased; passport details are for editors only."""

import datetime as dt
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from delegates.enums import RegistrationStatus as Status
from delegates.enums import Role
from delegates.models import Registration, RegistrationLogEntry
from mail.models import OutgoingEmail
from mail.outbox import queue_mail
from meetings.enums import MeetingStatus
from public.selectors import meeting_attendance
from secretariat import privacy
from tests.factories import FocalPointFactory, MeetingFactory, RegistrationFactory, UserFactory
from tests.factories import member as shipped_member

pytestmark = pytest.mark.django_db

PERSONAL = {
    "given_name": "Lan", "family_name": "Tran", "name_latin": "TRAN Lan", "honorific": "Ms.",
    "position": "Director", "organisation": "Customs Department", "phone": "+84 1234",
    "dietary_needs": "Halal", "accessibility_needs": "Step-free access",
    "needs_visa_letter": True, "passport_number": "C1234567",
    "passport_nationality": "Viet Nam", "passport_issued_on": dt.date(2015, 1, 2),
    "passport_expires_on": dt.date(2025, 1, 2), "date_of_birth": dt.date(1975, 5, 6),
    "publish_name": True, "rejection_reason": "",
}


def _past_meeting(days_ago):
    end = timezone.localdate() - dt.timedelta(days=days_ago)
    return MeetingFactory(start_date=end - dt.timedelta(days=1), end_date=end,
                          status=MeetingStatus.HELD, registration_opens_at=None,
                          registration_closes_at=None)


def _registration(meeting, **extra):
    registration = RegistrationFactory(
        meeting=meeting, email="lan.tran@vn.example.org", member=shipped_member("VN"),
        status=Status.CONFIRMED, role=Role.HEAD_OF_DELEGATION,
        arrival_date=meeting.start_date, departure_date=meeting.end_date,
        **{**PERSONAL, **extra},
    )
    registration.family_name = "Tran Thi"
    registration.save()  # a second version in the change history
    RegistrationLogEntry.objects.create(registration=registration, action="x.noted",
                                        note="Called Ms Tran about her visa")
    queue_mail(to=registration.email, template="registration_received",
               context={"registration": registration, "meeting": meeting,
                        "link": "https://example.org/"}, registration=registration)
    return registration


def test_anonymise_wipes_personal_data_and_keeps_what_counts(settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 365
    meeting = _past_meeting(days_ago=400)
    registration = _registration(meeting, attended_at=timezone.now())
    before = meeting_attendance(meeting)
    old_badge, old_link_version = registration.badge_code, registration.link_version

    assert privacy.anonymise_expired_registrations() == 1

    registration.refresh_from_db()
    assert registration.anonymised_at is not None
    assert registration.family_name == "Anonymised"
    assert registration.email == f"anonymised-{registration.pk}@anonymised.invalid"
    for name, value in privacy.WIPED_VALUES.items():
        assert getattr(registration, name) == value, name
    assert (registration.member.code, registration.status, registration.role) == (
        "VN", Status.CONFIRMED, Role.HEAD_OF_DELEGATION)
    assert registration.attended_at is not None
    assert registration.badge_code != old_badge
    assert registration.link_version == old_link_version + 1
    after = meeting_attendance(meeting)
    assert (after.delegates, after.members) == (before.delegates, before.members)
    assert (before.named, after.named) == (1, 0)  # counted still, no longer named
    # Nothing personal is left in the history, the log notes or the mail.
    versions = list(registration.history.all())
    assert len(versions) == 1
    assert versions[0].passport_number == ""
    assert versions[0].family_name == "Anonymised"
    assert list(registration.log_entries.values_list("note", flat=True)) == ["", ""]
    assert OutgoingEmail.objects.count() == 0
    assert registration.log_entries.first().action == "delegates.registration.anonymised"


def test_anonymise_leaves_recent_and_future_meetings_alone(settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 365
    recent = _registration(_past_meeting(days_ago=300))
    upcoming = RegistrationFactory(meeting=MeetingFactory())

    assert privacy.anonymise_expired_registrations() == 0

    for registration in (recent, upcoming):
        registration.refresh_from_db()
        assert registration.anonymised_at is None
    assert recent.passport_number == "C1234567"


def test_anonymise_twice_changes_nothing_more():
    registration = _registration(_past_meeting(days_ago=400))
    assert privacy.anonymise_registration(registration=registration) is True
    entries = RegistrationLogEntry.objects.count()

    assert privacy.anonymise_registration(registration=registration) is False
    assert RegistrationLogEntry.objects.count() == entries


def test_anonymise_keeps_many_anonymised_active_registrations_in_one_meeting():
    meeting = _past_meeting(days_ago=400)
    for n in range(3):
        RegistrationFactory(meeting=meeting, status=Status.CONFIRMED, email=f"p{n}@example.org")

    assert privacy.anonymise_expired_registrations(retention_days=0) == 3
    assert Registration.objects.filter(status=Status.CONFIRMED).count() == 3


def test_command_anonymises_with_retention_setting(settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 30
    _registration(_past_meeting(days_ago=31))
    out = io.StringIO()

    call_command("anonymise_registrations", stdout=out)

    cutoff = timezone.localdate() - dt.timedelta(days=30)
    assert out.getvalue() == (
        f"Anonymised 1 registrations of meetings that ended before {cutoff:%Y-%m-%d}.\n")
    assert Registration.objects.get().anonymised_at is not None


def test_command_dry_run_changes_nothing():
    _registration(_past_meeting(days_ago=40))
    out = io.StringIO()

    call_command("anonymise_registrations", "--days", "10", "--dry-run", stdout=out)

    assert out.getvalue().startswith("1 registrations of meetings that ended before ")
    assert Registration.objects.get().anonymised_at is None


def test_command_refuses_negative_days():
    with pytest.raises(CommandError):
        call_command("anonymise_registrations", "--days", "-1")


def test_export_person_holds_everything_and_is_logged():
    registration = _registration(_past_meeting(days_ago=10))
    account = UserFactory(username="lan", email="Lan.Tran@vn.example.org",
                          first_name="Lan", last_name="Tran")
    FocalPointFactory(user=account, member=shipped_member("VN"))
    staff = UserFactory(username="officer", is_staff=True)

    data = privacy.export_person(email="LAN.TRAN@vn.example.org", actor=staff)

    assert data["exported_by"] == "officer"
    [exported] = data["registrations"]
    assert exported["id"] == registration.pk
    assert exported["passport_number"] == "C1234567"
    assert exported["family_name"] == "Tran Thi"
    assert [version["family_name"] for version in exported["history"]] == ["Tran", "Tran Thi"]
    assert exported["log"][0]["note"] == "Called Ms Tran about her visa"
    assert [e["to"] for e in data["emails"]] == ["lan.tran@vn.example.org"]
    assert data["accounts"][0]["focal_point_of"] == "Viet Nam"
    assert registration.log_entries.filter(
        action="delegates.registration.data_exported", actor=staff).count() == 1


def test_erase_person_cancels_upcoming_anonymises_all_and_closes_account():
    past = _registration(_past_meeting(days_ago=10))
    upcoming = RegistrationFactory(meeting=MeetingFactory(), email="lan.tran@vn.example.org",
                                   status=Status.PENDING)
    waiting = RegistrationFactory(meeting=upcoming.meeting, status=Status.WAITLISTED)
    upcoming.meeting.capacity = 1
    upcoming.meeting.save()
    account = UserFactory(username="lan", email="lan.tran@vn.example.org")
    FocalPointFactory(user=account, member=shipped_member("VN"))
    staff_account = UserFactory(username="lan-staff", email="lan.tran@vn.example.org",
                                is_staff=True)
    officer = UserFactory(username="officer", is_staff=True)

    result = privacy.erase_person(email="lan.tran@vn.example.org", actor=officer)

    assert result == privacy.ErasureResult(registrations=2, cancelled=1, emails=1, accounts=1)
    past.refresh_from_db()
    upcoming.refresh_from_db()
    waiting.refresh_from_db()
    assert past.status == Status.CONFIRMED  # a meeting held: the count stays
    assert upcoming.status == Status.CANCELLED
    assert waiting.status == Status.PENDING  # the freed seat went to the waiting list
    assert past.anonymised_at is not None and upcoming.anonymised_at is not None
    assert upcoming.log_entries.filter(action="delegates.registration.erased",
                                       actor=officer).count() == 1
    assert not OutgoingEmail.objects.filter(to="lan.tran@vn.example.org").exists()
    account.refresh_from_db()
    assert (account.username, account.email, account.is_active) == (
        f"erased-{account.pk}", "", False)
    assert not account.has_usable_password()
    assert not hasattr(account, "focal_point") or account.focal_point is None
    staff_account.refresh_from_db()
    assert staff_account.email == "lan.tran@vn.example.org"
    assert privacy.person_records("lan.tran@vn.example.org").registrations == []


def test_passport_is_for_editors_and_superusers_only():
    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Secretariat editor"))
    viewer = UserFactory(is_staff=True)
    viewer.groups.add(Group.objects.get(name="Secretariat viewer"))
    focal_point = FocalPointFactory().user
    inactive_superuser = UserFactory(is_superuser=True, is_active=False)

    assert privacy.can_manage_personal_data(editor) is True
    assert privacy.can_manage_personal_data(UserFactory(is_superuser=True)) is True
    assert privacy.can_manage_personal_data(viewer) is False
    assert privacy.can_manage_personal_data(focal_point) is False
    assert privacy.can_manage_personal_data(inactive_superuser) is False


def test_passport_access_follows_the_permission_not_the_group_name():
    permission = Permission.objects.get(codename="see_passport_details")
    editors = Group.objects.get(name="Secretariat editor")
    editors.permissions.remove(permission)
    editor = UserFactory(is_staff=True)
    editor.groups.add(editors)
    holder = UserFactory(is_staff=True)
    holder.user_permissions.add(permission)

    assert privacy.can_manage_personal_data(editor) is False
    assert privacy.can_manage_personal_data(holder) is True
