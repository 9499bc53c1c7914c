"""Invented delegations for the demo meetings: names typical of each member's languages and
scripts, example.org addresses and made-up phone numbers. Loading twice adds nothing."""

import datetime as dt
import random
import unicodedata

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from delegates import services
from delegates.enums import Honorific, RegistrationStatus, Role
from delegates.models import Registration
from mail.models import OutgoingEmail
from meetings.models import Meeting, Member

from .names import NAME_POOLS

# Partners that sent no delegation to the 12th Meeting in this demo (45 of 53 did).
ABSENT_FROM_TWELFTH = {"BN", "CY", "HR", "IE", "LU", "MT", "NZ", "PK"}
TWELFTH_TOTAL = 146

POSITIONS = [
    "Director-General of Customs", "Deputy Director-General", "Director, International Affairs",
    "Head of Unit, Customs Cooperation", "Senior Customs Officer", "Policy Adviser",
    "Attaché for Customs Affairs", "Head of Risk Management", "Legal Adviser",
]


def invented_person(rng, code):
    """(given, family, latin transcription, family first?) drawn from the member's pool."""
    pool = NAME_POOLS.get(code) or NAME_POOLS["EU"]
    if pool.one_part and rng.random() < 0.5:
        name, latin = rng.choice(pool.one_part)
        return "", name, latin, pool.family_name_first
    given, given_latin = rng.choice(pool.given)
    family, family_latin = rng.choice(pool.family)
    if given_latin or family_latin:
        parts = [given_latin or given, family_latin or family]
        if pool.family_name_first:
            parts.reverse()
        latin = " ".join(parts)
    else:
        latin = ""
    return given, family, latin, pool.family_name_first


def demo_email(latin_or_name, code, serial):
    ascii_name = unicodedata.normalize("NFKD", latin_or_name).encode("ascii", "ignore").decode()
    local = slugify(ascii_name).replace("-", ".") or "delegate"
    return f"{local}.{serial}@{code.lower()}.customs.example.org"


def _delegation_sizes(rng, members, host_code, total):
    sizes = {m.code: rng.choice([2, 3, 3, 3, 4]) for m in members}
    sizes[host_code] = 8
    codes = [code for code in sizes if code != host_code]
    while sum(sizes.values()) != total:
        code = rng.choice(codes)
        if sum(sizes.values()) < total and sizes[code] < 6:
            sizes[code] += 1
        elif sum(sizes.values()) > total and sizes[code] > 1:
            sizes[code] -= 1
    return sizes


def _build(meeting, member, rng, index, serial, status, host_code):
    given, family, latin, family_first = invented_person(rng, member.code)
    role = Role.HEAD_OF_DELEGATION if index == 0 else rng.choice(
        [Role.DELEGATE, Role.DELEGATE, Role.ADVISER]
    )
    if member.code == host_code and index > 0:
        role = Role.HOST
    if member.kind == "observer":
        role = Role.OBSERVER
    return Registration(
        meeting=meeting, member=member, given_name=given, family_name=family,
        family_name_first=family_first, name_latin=latin,
        # The name pools do not know gender: no Mr./Ms. guessed from a name.
        honorific=rng.choice(["", "", "", Honorific.DR]),
        position=POSITIONS[0] if index == 0 else rng.choice(POSITIONS[1:]),
        organisation=f"Customs administration of {member.name}"
        if member.is_partner else member.name,
        email=demo_email(latin or f"{given} {family}", member.code, serial),
        phone=f"+000 555 {serial:04d}", role=role, status=status,
        dietary_needs=rng.choice(["", "", "", "", "Vegetarian", "Halal", "No pork"]),
        needs_visa_letter=member.region == "asia" and rng.random() < 0.2,
        privacy_consent_at=timezone.now(), publish_name=rng.random() < 0.9,
        status_changed_at=timezone.now(),
    )


@transaction.atomic
def load_twelfth_registrations(meeting: Meeting):
    """146 confirmed delegates of 45 partners and the WCO, most checked in."""
    if meeting.registrations.exists():
        return 0
    rng = random.Random(12)
    partners = [m for m in Member.objects.filter(kind="partner")
                if m.code not in ABSENT_FROM_TWELFTH]
    wco = Member.objects.get(code="WCO")
    sizes = _delegation_sizes(rng, partners, "DE", TWELFTH_TOTAL - 2)
    sizes["WCO"] = 2
    registrations, serial = [], 0
    for member in [*partners, wco]:
        for index in range(sizes[member.code]):
            serial += 1
            registration = _build(meeting, member, rng, index, serial,
                                  RegistrationStatus.CONFIRMED, "DE")
            registration.attended_at = dt.datetime(2017, 10, 16, 8, 30, tzinfo=dt.UTC)
            registrations.append(registration)
    # With history rows, so the admin shows where each registration came from.
    bulk_create_with_history(registrations, Registration, default_change_reason="Demo data")
    _spread_over_registration_window(meeting, rng)
    return len(registrations)


def _spread_over_registration_window(meeting, rng):
    """Submission times within the meeting's registration window, more of them near its end,
    as a real meeting's registrations arrive (creation stamps them with today's date)."""
    opens, closes = meeting.registration_opens_at, meeting.registration_closes_at
    registrations = list(meeting.registrations.order_by("pk"))
    span = (closes - opens).total_seconds()
    for registration in registrations:
        registration.created_at = opens + dt.timedelta(seconds=span * rng.random() ** 0.5)
        registration.status_changed_at = registration.created_at
    Registration.objects.bulk_update(registrations, ["created_at", "status_changed_at"])


@transaction.atomic
def load_demo_meeting_registrations(meeting: Meeting):
    """A few delegations, two of them full with a person on the waiting list, registered
    through the same services as the public form (seat rules, log entries)."""
    if meeting.registrations.exists():
        return 0
    rng = random.Random(2026)
    plan = {"TH": 5, "JP": 5, "DE": 2, "FR": 1, "KR": 3, "SG": 2}
    added, serial = 0, 5000
    for code, count in plan.items():
        member = Member.objects.get(code=code)
        for index in range(count):
            serial += 1
            built = _build(meeting, member, rng, index, serial, RegistrationStatus.PENDING,
                           "TH")
            registration = services.registration_submit(
                meeting=meeting, data={name: getattr(built, name)
                                       for name in services.EDITABLE_FIELDS},
                actor=None,
            )
            if index < 2:
                services.registration_confirm(registration=registration, actor=None)
            added += 1
    # Invented people on example.org: nothing to mail.
    OutgoingEmail.objects.filter(registration__meeting=meeting).delete()
    _spread_since_opening(meeting, rng)
    return added


def _spread_since_opening(meeting, rng):
    """Submission times from the opening of registration until an hour ago, in the order the
    registrations were made (the waiting list stays behind those who came first), each
    confirmation within two days of its submission; the log entries follow."""
    now = timezone.now()
    opens = meeting.registration_opens_at
    span = (now - dt.timedelta(hours=1) - opens).total_seconds()
    registrations = list(meeting.registrations.order_by("created_at", "pk"))
    moments = sorted(opens + dt.timedelta(seconds=span * rng.random())
                     for _ in registrations)
    for registration, submitted in zip(registrations, moments, strict=True):
        changed = submitted
        if registration.status == RegistrationStatus.CONFIRMED:
            changed = min(submitted + dt.timedelta(hours=rng.uniform(2, 48)), now)
        registration.created_at, registration.status_changed_at = submitted, changed
        for order, entry in enumerate(registration.log_entries.order_by("created_at", "pk")):
            entry.created_at = submitted if order == 0 else changed
            entry.save(update_fields=["created_at"])
    Registration.objects.bulk_update(registrations, ["created_at", "status_changed_at"])
