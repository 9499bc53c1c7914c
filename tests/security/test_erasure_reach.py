"""Erasure and anonymisation reach every copy of the person's name: other registrations' log
notes, the admin's own log, the change history; logs carry no address, name or token."""

import json
import logging

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType

from delegates.enums import RegistrationStatus as Status
from delegates.enums import Role
from delegates.models import Registration, RegistrationLogEntry
from delegates.services import registration_make_head
from secretariat import privacy
from tests.delegates.staff_helpers import editor
from tests.factories import FocalPointFactory, MeetingFactory, RegistrationFactory, UserFactory
from tests.factories import member as shipped_member

pytestmark = pytest.mark.django_db

EMAIL = "lan.tran@vn.example.org"


@pytest.fixture
def heads():
    """Lan Tran replaced another head of the delegation, so the other's log names her."""
    meeting = MeetingFactory()
    old_head = RegistrationFactory(meeting=meeting, member=shipped_member("VN"),
                                   role=Role.HEAD_OF_DELEGATION, status=Status.CONFIRMED,
                                   given_name="Minh", family_name="Pham")
    lan = RegistrationFactory(meeting=meeting, member=shipped_member("VN"), given_name="Lan",
                              family_name="Tran", name_latin="TRAN Lan", email=EMAIL,
                              status=Status.CONFIRMED)
    return old_head, lan


def test_naming_a_new_head_does_not_write_the_name_into_the_other_log(heads):
    old_head, lan = heads

    registration_make_head(registration=lan, actor=editor())

    note = old_head.log_entries.get(action="delegates.registration.head_replaced").note
    assert note == f"Head of delegation is now registration #{lan.pk}."


def test_erasure_rewrites_other_registrations_notes_that_name_the_person(heads):
    old_head, lan = heads
    RegistrationLogEntry.objects.create(
        registration=old_head, action="delegates.registration.head_replaced",
        note="Head of delegation is now Lan Tran.")
    RegistrationLogEntry.objects.create(
        registration=old_head, action="x.noted",
        note=f"Spoke with TRAN LAN ({EMAIL.upper()}) about the seat. Lan agreed.")

    privacy.erase_person(email=EMAIL, actor=editor())

    notes = sorted(old_head.log_entries.values_list("note", flat=True))
    reference = f"registration #{lan.pk}"
    assert notes == [f"Head of delegation is now {reference}.",
                     f"Spoke with {reference} ({reference}) about the seat. Lan agreed."]


def test_erasure_scrubs_the_admin_log_of_the_registration(heads):
    _, lan = heads
    content_type = ContentType.objects.get_for_model(Registration)
    chief = UserFactory(username="chief", is_staff=True, is_superuser=True)
    as_admin_writes_it = json.dumps([
        {"changed": {"fields": ["Family name"]}},
        {"added": {"name": "registration log entry", "object": "Lan Tran called"}}])
    for message in (as_admin_writes_it, "Called Lan Tran at lan.tran@vn.example.org"):
        LogEntry.objects.create(user=chief, content_type=content_type, object_id=str(lan.pk),
                                object_repr="Lan Tran Thi", action_flag=CHANGE,
                                change_message=message)

    privacy.erase_person(email=EMAIL, actor=editor())

    entries = LogEntry.objects.filter(content_type=content_type, object_id=str(lan.pk))
    assert sorted(e.object_repr for e in entries) == ["Anonymised", "Anonymised"]
    assert sorted(e.change_message for e in entries) == ["", json.dumps([
        {"changed": {"fields": ["Family name"]}},
        {"added": {"name": "registration log entry"}}])]


def test_erasure_scrubs_the_admin_log_of_a_closed_focal_point_account(db):
    user = UserFactory(username=EMAIL, email=EMAIL, first_name="Lan", last_name="Tran")
    focal_point = FocalPointFactory(user=user, member=shipped_member("VN"))
    chief = UserFactory(username="chief", is_staff=True, is_superuser=True)
    for obj in (user, focal_point):
        LogEntry.objects.create(user=chief, content_type=ContentType.objects.get_for_model(obj),
                                object_id=str(obj.pk), object_repr=str(obj),
                                action_flag=CHANGE, change_message="[]")

    privacy.erase_person(email=EMAIL, actor=chief)

    reprs = set(LogEntry.objects.values_list("object_repr", flat=True))
    assert reprs == {f"erased-{user.pk}", f"focal point #{focal_point.pk}"}


def test_erasure_removes_history_of_a_registration_that_once_had_the_address(heads):
    _, lan = heads
    lan.email, lan.given_name, lan.family_name = "colleague@vn.example.org", "Hoa", "Le"
    lan.save()  # the seat was handed to a colleague; older versions still name Lan
    assert lan.history.filter(email=EMAIL).exists()

    privacy.erase_person(email=EMAIL, actor=editor())

    assert not Registration.history.filter(email__iexact=EMAIL).exists()
    assert not Registration.history.filter(family_name="Tran").exists()
    lan.refresh_from_db()
    assert (lan.family_name, lan.anonymised_at) == ("Le", None)


def test_anonymisation_after_retention_rewrites_other_notes_too(heads):
    old_head, lan = heads
    RegistrationLogEntry.objects.create(registration=old_head, action="x.noted",
                                        note="Seat handed over to Lan Tran.")

    privacy.anonymise_registration(registration=lan)

    assert old_head.log_entries.get(action="x.noted").note == \
        f"Seat handed over to registration #{lan.pk}."
    assert not Registration.history.filter(family_name="Tran").exists()


def test_privacy_logs_carry_no_address_or_name(heads, caplog):
    _, lan = heads
    focal_user = UserFactory(username="fp@vn.example.org", email="fp@vn.example.org",
                             is_staff=True)
    focal_user.groups.add(*editor("ed2").groups.all())

    with caplog.at_level(logging.INFO, logger="delegates"):
        privacy.export_person(email=EMAIL, actor=focal_user)
        privacy.erase_person(email=EMAIL, actor=focal_user)

    text = caplog.text
    assert "delegates.person.erased" in text
    assert f"actor=user:{focal_user.pk}" in text
    for secret in ("@", "Lan", "Tran", lan.badge_code):
        assert secret not in text
