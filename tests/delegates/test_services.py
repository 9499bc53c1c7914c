import datetime as dt
import unicodedata

import pytest
from django.core import mail
from django.utils import timezone

from delegates import services
from delegates.enums import RegistrationStatus as Status
from delegates.enums import Role
from delegates.models import Registration, RegistrationLogEntry
from delegates.services import RegistrationError
from mail.models import OutgoingEmail
from meetings.enums import MeetingStatus
from tests.delegates.staff_helpers import editor
from tests.factories import MeetingFactory, RegistrationFactory, UserFactory, member

pytestmark = pytest.mark.django_db


def data_for(code="DE", n=0, **extra):
    return {
        "member": member(code), "given_name": "Anna", "family_name": f"Schmidt {n}",
        "email": f"person{n}.{code.lower()}@example.org", "role": Role.DELEGATE,
        "privacy_consent_at": timezone.now(), **extra,
    }


def submit(meeting, code="DE", n=0, **extra):
    return services.registration_submit(meeting=meeting, data=data_for(code, n, **extra))


def statuses(meeting):
    return list(meeting.registrations.order_by("created_at", "id").values_list("status",
                                                                                  flat=True))


def test_submit_with_free_seat_is_pending_logged_and_mailed(django_capture_on_commit_callbacks):
    meeting = MeetingFactory()
    with django_capture_on_commit_callbacks(execute=True):
        registration = submit(meeting)
    assert registration.status == Status.PENDING
    assert registration.status_changed_at is not None
    entry = registration.log_entries.get()
    assert (entry.action, entry.from_status, entry.to_status, entry.actor) == (
        "delegates.registration.submitted", "", Status.PENDING, None)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["person0.de@example.org"]
    assert mail.outbox[0].subject == f"Registration received: {meeting.title}"
    assert "/registrations/" in mail.outbox[0].body
    assert OutgoingEmail.objects.get().sent_at is not None


def test_submit_records_authenticated_actor_as_registered_by():
    meeting = MeetingFactory()
    user = UserFactory()
    registration = services.registration_submit(meeting=meeting, data=data_for(), actor=user)
    assert registration.registered_by == user
    assert registration.log_entries.get().actor == user


def test_submit_normalises_names_to_nfc():
    meeting = MeetingFactory()
    decomposed = unicodedata.normalize("NFD", "Nguyễn")
    registration = submit(meeting, given_name=" Thị Minh Khai ", family_name=decomposed)
    registration.refresh_from_db()
    assert registration.family_name == unicodedata.normalize("NFC", "Nguyễn")
    assert registration.family_name != decomposed
    assert registration.given_name == "Thị Minh Khai"


def test_submit_one_part_name_allowed():
    registration = submit(MeetingFactory(), given_name="", family_name="Sukarno")
    assert registration.full_name == "Sukarno"


def test_submit_without_name_is_refused():
    with pytest.raises(RegistrationError) as excinfo:
        submit(MeetingFactory(), given_name="", family_name=" ")
    assert excinfo.value.code == "name_required"
    assert Registration.objects.count() == 0


def test_submit_without_consent_is_refused():
    with pytest.raises(RegistrationError) as excinfo:
        submit(MeetingFactory(), privacy_consent_at=None)
    assert excinfo.value.code == "consent_required"


def test_submit_drops_passport_details_without_visa_letter():
    registration = submit(MeetingFactory(), needs_visa_letter=False, passport_number="X123",
                          passport_issued_on=dt.date(2020, 1, 1))
    assert (registration.passport_number, registration.passport_issued_on) == ("", None)


def test_submit_unknown_field_is_a_programming_error():
    with pytest.raises(TypeError):
        submit(MeetingFactory(), status=Status.CONFIRMED)


def test_submit_when_meeting_full_is_waitlisted_and_told(django_capture_on_commit_callbacks):
    meeting = MeetingFactory(capacity=2)
    submit(meeting, "DE", 1)
    submit(meeting, "FR", 2)
    with django_capture_on_commit_callbacks(execute=True):
        third = submit(meeting, "VN", 3)
    assert third.status == Status.WAITLISTED
    assert mail.outbox[-1].subject == f"On the waiting list: {meeting.title}"
    assert "WAITING LIST" in mail.outbox[-1].body


def test_submit_when_delegation_full_is_waitlisted_while_others_get_seats():
    meeting = MeetingFactory(capacity=10, delegation_cap=2)
    assert [submit(meeting, "DE", n).status for n in range(3)] == [
        Status.PENDING, Status.PENDING, Status.WAITLISTED]
    assert submit(meeting, "FR", 9).status == Status.PENDING


def test_waitlisted_registrations_hold_no_seat():
    meeting = MeetingFactory(capacity=1)
    RegistrationFactory(meeting=meeting, status=Status.WAITLISTED)
    RegistrationFactory(meeting=meeting, status=Status.CANCELLED)
    RegistrationFactory(meeting=meeting, status=Status.REJECTED)
    assert submit(meeting).status == Status.PENDING


def test_submit_closed_registration_refused_for_public():
    meeting = MeetingFactory(status=MeetingStatus.REGISTRATION_CLOSED)
    with pytest.raises(RegistrationError) as excinfo:
        submit(meeting)
    assert excinfo.value.code == "registration_closed"


def test_submit_not_yet_open_refused_for_public():
    meeting = MeetingFactory(registration_opens_at=timezone.now() + dt.timedelta(days=1))
    with pytest.raises(RegistrationError):
        submit(meeting)


def test_submit_closed_registration_allowed_for_secretariat():
    meeting = MeetingFactory(status=MeetingStatus.REGISTRATION_CLOSED)
    staff = editor()
    registration = services.registration_submit(meeting=meeting, data=data_for(), actor=staff)
    assert registration.status == Status.PENDING


def test_submit_same_email_twice_refused_case_insensitively():
    meeting = MeetingFactory()
    submit(meeting, n=1)
    with pytest.raises(RegistrationError) as excinfo:
        submit(meeting, n=2, email="PERSON1.DE@example.org")
    assert excinfo.value.code == "duplicate_email"
    assert excinfo.value.message == "This email address is already registered for this meeting."
    assert Registration.objects.count() == 1


def test_submit_same_email_after_cancel_allowed():
    meeting = MeetingFactory()
    first = submit(meeting, n=1)
    services.registration_cancel(registration=first)
    assert submit(meeting, n=1).status == Status.PENDING


def test_submit_same_email_other_meeting_allowed():
    submit(MeetingFactory(), n=1)
    assert submit(MeetingFactory(), n=1).status == Status.PENDING


def test_submit_second_head_of_delegation_refused():
    meeting = MeetingFactory()
    submit(meeting, n=1, role=Role.HEAD_OF_DELEGATION)
    with pytest.raises(RegistrationError) as excinfo:
        submit(meeting, n=2, role=Role.HEAD_OF_DELEGATION)
    assert excinfo.value.code == "duplicate_head"
    assert submit(meeting, "FR", n=3, role=Role.HEAD_OF_DELEGATION).role == Role.HEAD_OF_DELEGATION


def test_database_constraint_error_becomes_registration_error():
    """The constraint still holds if the friendly check is skipped (two racing writers)."""
    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting, email="same@example.org")
    duplicate = Registration(meeting=meeting, member=member("FR"), family_name="X",
                             email="same@example.org")
    with pytest.raises(RegistrationError) as excinfo:
        services._save(duplicate)
    assert excinfo.value.code == "duplicate_email"


def test_cancel_frees_seat_and_promotes_oldest_waitlisted(django_capture_on_commit_callbacks):
    meeting = MeetingFactory(capacity=1)
    holder = submit(meeting, "DE", 1)
    oldest = submit(meeting, "FR", 2)
    submit(meeting, "VN", 3)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=holder)
    assert holder.status == Status.CANCELLED
    assert statuses(meeting) == [Status.CANCELLED, Status.PENDING, Status.WAITLISTED]
    oldest.refresh_from_db()
    assert oldest.log_entries.first().action == "delegates.registration.promoted"
    assert sorted(m.subject for m in mail.outbox) == [
        f"A seat is now yours: {meeting.title}", f"Registration cancelled: {meeting.title}"]
    assert [m.to for m in mail.outbox if "seat is now yours" in m.subject] == [[oldest.email]]


def test_promotion_skips_waitlisted_whose_delegation_is_full():
    meeting = MeetingFactory(capacity=3, delegation_cap=2)
    submit(meeting, "DE", 1)
    submit(meeting, "DE", 2)
    fr = submit(meeting, "FR", 3)
    de_waiting = submit(meeting, "DE", 4)
    vn_waiting = submit(meeting, "VN", 5)
    assert (de_waiting.status, vn_waiting.status) == (Status.WAITLISTED, Status.WAITLISTED)
    services.registration_cancel(registration=fr)
    de_waiting.refresh_from_db()
    vn_waiting.refresh_from_db()
    assert (de_waiting.status, vn_waiting.status) == (Status.WAITLISTED, Status.PENDING)


def test_cancel_of_waitlisted_promotes_nobody():
    meeting = MeetingFactory(capacity=1)
    submit(meeting, "DE", 1)
    waiting = submit(meeting, "FR", 2)
    other = submit(meeting, "VN", 3)
    services.registration_cancel(registration=waiting)
    other.refresh_from_db()
    assert other.status == Status.WAITLISTED


def test_cancel_twice_refused():
    registration = submit(MeetingFactory())
    services.registration_cancel(registration=registration)
    with pytest.raises(RegistrationError) as excinfo:
        services.registration_cancel(registration=registration)
    assert excinfo.value.code == "inactive"


def test_cancel_raises_link_version():
    registration = submit(MeetingFactory())
    services.registration_cancel(registration=registration)
    registration.refresh_from_db()
    assert registration.link_version == 2


def test_reject_frees_seat_records_reason_and_promotes(django_capture_on_commit_callbacks):
    meeting = MeetingFactory(capacity=1)
    staff = editor()
    holder = submit(meeting, "DE", 1)
    waiting = submit(meeting, "FR", 2)
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_reject(registration=holder, actor=staff, reason="Not a delegate")
    holder.refresh_from_db()
    waiting.refresh_from_db()
    assert (holder.status, holder.rejection_reason) == (Status.REJECTED, "Not a delegate")
    assert waiting.status == Status.PENDING
    entry = holder.log_entries.first()
    assert (entry.action, entry.actor, entry.note) == (
        "delegates.registration.rejected", staff, "Not a delegate")
    rejected_mail = [m for m in mail.outbox if m.to == [holder.email]][-1]
    assert "Reason: Not a delegate" in rejected_mail.body


def test_confirm_pending():
    staff = editor()
    registration = submit(MeetingFactory())
    services.registration_confirm(registration=registration, actor=staff)
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
    assert registration.log_entries.first().action == "delegates.registration.confirmed"


def test_confirm_waitlisted_without_free_seat_refused():
    meeting = MeetingFactory(capacity=1)
    submit(meeting, n=1)
    waiting = submit(meeting, "FR", 2)
    with pytest.raises(RegistrationError) as excinfo:
        services.registration_confirm(registration=waiting, actor=None)
    assert excinfo.value.code == "no_seat"
    waiting.refresh_from_db()
    assert waiting.status == Status.WAITLISTED


def test_confirm_twice_refused():
    registration = submit(MeetingFactory())
    services.registration_confirm(registration=registration, actor=None)
    with pytest.raises(RegistrationError):
        services.registration_confirm(registration=registration, actor=None)


def test_waitlist_gives_seat_to_another_waitlisted():
    meeting = MeetingFactory(capacity=1)
    holder = submit(meeting, "DE", 1)
    waiting = submit(meeting, "FR", 2)
    services.registration_waitlist(registration=holder, actor=None)
    holder.refresh_from_db()
    waiting.refresh_from_db()
    assert (holder.status, waiting.status) == (Status.WAITLISTED, Status.PENDING)


def test_waitlist_of_waitlisted_refused():
    meeting = MeetingFactory(capacity=1)
    submit(meeting, n=1)
    waiting = submit(meeting, "FR", 2)
    with pytest.raises(RegistrationError):
        services.registration_waitlist(registration=waiting, actor=None)


def test_update_changes_details_and_renews_link(django_capture_on_commit_callbacks):
    registration = submit(MeetingFactory())
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_update(
            registration=registration, data={"arrival_date": dt.date(2030, 1, 2)})
    registration.refresh_from_db()
    assert registration.arrival_date == dt.date(2030, 1, 2)
    assert registration.link_version == 2
    assert registration.log_entries.first().action == "delegates.registration.changed"
    assert mail.outbox[-1].subject.startswith("Registration changed")


def test_update_departure_before_arrival_refused():
    registration = submit(MeetingFactory())
    with pytest.raises(RegistrationError) as excinfo:
        services.registration_update(registration=registration, data={
            "arrival_date": dt.date(2030, 1, 5), "departure_date": dt.date(2030, 1, 2)})
    assert excinfo.value.code == "departure_before_arrival"


def test_update_to_existing_email_refused():
    meeting = MeetingFactory()
    submit(meeting, n=1)
    second = submit(meeting, n=2)
    with pytest.raises(RegistrationError):
        services.registration_update(registration=second,
                                     data={"email": "person1.de@example.org"})


def test_update_when_closed_refused_for_public_allowed_for_secretariat():
    meeting = MeetingFactory()
    registration = submit(meeting)
    meeting.status = MeetingStatus.REGISTRATION_CLOSED
    meeting.save()
    with pytest.raises(RegistrationError):
        services.registration_update(registration=registration, data={"phone": "1"})
    staff = editor()
    services.registration_update(registration=registration, data={"phone": "1"}, actor=staff)
    assert registration.phone == "1"


def test_update_move_to_full_delegation_refused():
    meeting = MeetingFactory(delegation_cap=1)
    submit(meeting, "FR", 1)
    registration = submit(meeting, "DE", 2)
    with pytest.raises(RegistrationError) as excinfo:
        services.registration_update(registration=registration, data={"member": member("FR")})
    assert excinfo.value.code == "delegation_full"


def test_update_move_frees_seat_for_waitlisted_of_old_delegation():
    meeting = MeetingFactory(delegation_cap=1)
    mover = submit(meeting, "DE", 1)
    waiting = submit(meeting, "DE", 2)
    services.registration_update(registration=mover, data={"member": member("FR")})
    waiting.refresh_from_db()
    assert waiting.status == Status.PENDING


def test_update_cancelled_refused():
    registration = submit(MeetingFactory())
    services.registration_cancel(registration=registration)
    with pytest.raises(RegistrationError):
        services.registration_update(registration=registration, data={"phone": "1"})


def test_mark_attended_is_idempotent_and_confirms_pending():
    staff = editor()
    registration = submit(MeetingFactory())
    assert services.registration_mark_attended(registration=registration, actor=staff) is True
    assert services.registration_mark_attended(registration=registration, actor=staff) is False
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
    assert registration.attended_at is not None
    assert RegistrationLogEntry.objects.filter(
        registration=registration, action="delegates.registration.attended").count() == 1


def test_mark_attended_waitlisted_refused():
    meeting = MeetingFactory(capacity=1)
    submit(meeting, n=1)
    waiting = submit(meeting, "FR", 2)
    with pytest.raises(RegistrationError):
        services.registration_mark_attended(registration=waiting, actor=None)


def test_error_rolls_back_everything():
    meeting = MeetingFactory()
    submit(meeting, n=1)
    with pytest.raises(RegistrationError):
        submit(meeting, n=1)
    assert (Registration.objects.count(), RegistrationLogEntry.objects.count(),
            OutgoingEmail.objects.count()) == (1, 1, 1)


def test_waiting_list_fill_after_capacity_raised(django_capture_on_commit_callbacks):
    meeting = MeetingFactory(capacity=1, delegation_cap=1)
    submit(meeting, "DE", 1)
    first = submit(meeting, "FR", 2)
    second = submit(meeting, "FR", 3)
    third = submit(meeting, "VN", 4)
    meeting.capacity = 3
    meeting.save()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.waiting_list_fill(meeting=meeting, actor=None)
    assert promoted == [first, third]  # second does not fit: France holds its one seat
    second.refresh_from_db()
    assert second.status == Status.WAITLISTED
    assert sorted(m.to[0] for m in mail.outbox) == [first.email, third.email]
