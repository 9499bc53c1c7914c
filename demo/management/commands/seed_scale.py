"""Fill a database with realistic data at scale, in bulk: a series of meetings with agendas,
topics and speakers, an action plan with points for each held meeting, and registrations
spread over the shipped members and over statuses.

The seat rules live in `delegates.services`; this command writes rows directly (as the demo
loader does), so it deals statuses out itself in a way that respects the same limits: no
meeting holds more seats (pending and confirmed registrations) than its capacity, and no
member's delegation more than the meeting's delegation cap. One active head of delegation per
member and meeting, and active emails unique per meeting, as the constraints demand.

    python manage.py seed_scale --meetings 100 --registrations 50000
    python manage.py seed_scale --meetings 100 --registrations 50000 --reset
"""

import datetime as dt
import random
import time
from contextlib import contextmanager

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.text import slugify

from action_plans.enums import ActionPointStatus
from action_plans.models import ActionArea, ActionPlan, ActionPoint
from asem_customs.page_versions import bump
from delegates.enums import Honorific, RegistrationStatus, Role
from delegates.models import Registration
from demo.registrations import POSITIONS, demo_email, invented_person
from meetings.enums import AgendaItemKind, MeetingStatus, MemberKind
from meetings.models import AgendaItem, Meeting, MeetingSeries, Member, Speaker, Topic

SERIES_SLUG = "scale-dg-c"
SERIES = {
    "name": "ASEM Customs Scale Meetings",
    "short_name": "Scale Meeting",
    "frequency_years": 1,
    "description": "Invented meetings that fill the database at scale, for measurements.",
    "is_demo": True,
}
BATCH_SIZE = 2000

TOPIC_NAMES = [
    "Authorized Economic Operator schemes", "Coordinated Border Management", "Product safety",
    "Joint Customs operations", "Passenger Name Records", "WTO Trade Facilitation Agreement",
    "IPR enforcement", "E-commerce and low-value consignments", "Single Window",
    "Transit and connectivity", "Risk management", "Data exchange between administrations",
    "Environmental crime and waste shipments", "Revenue collection", "Capacity building",
]
AREA_NAMES = [
    "Trade facilitation", "Enforcement and security", "Single Window and digitalisation",
    "Transit", "Capacity building", "Visibility of ASEM Customs",
]
CITIES = {
    "AT": "Vienna", "BE": "Brussels", "CN": "Beijing", "DE": "Berlin", "FR": "Paris",
    "ID": "Jakarta", "JP": "Tokyo", "KR": "Seoul", "MY": "Kuala Lumpur", "NL": "The Hague",
    "PH": "Manila", "PL": "Warsaw", "SG": "Singapore", "TH": "Bangkok", "VN": "Ha Noi",
    "IT": "Rome", "ES": "Madrid", "IN": "New Delhi", "FI": "Helsinki", "HU": "Budapest",
}
AGENDA = [
    (AgendaItemKind.OPENING, "Opening of the meeting"),
    (AgendaItemKind.OPENING, "Adoption of the agenda"),
    (AgendaItemKind.BRIEFING, "Briefing by the host administration"),
    (AgendaItemKind.REPORT, "Report of the ASEM Working Group on Customs matters"),
    (AgendaItemKind.REPORT, "Report on the implementation of the action plan"),
    (AgendaItemKind.DELIBERATION, "Topics of common interest"),
    (AgendaItemKind.DELIBERATION, "Cooperation with the business community"),
    (AgendaItemKind.DELIBERATION, "Priorities for the next two years"),
    (AgendaItemKind.ADOPTION, "Adoption of the action plan"),
    (AgendaItemKind.ADOPTION, "Adoption of the chair's statement"),
    (AgendaItemKind.CLOSING, "Date and venue of the next meeting"),
    (AgendaItemKind.CLOSING, "Closing of the meeting"),
]


class Command(BaseCommand):
    help = (
        "Fill the database with a series of invented meetings at scale (agendas, action "
        "plans, registrations within the seat rules), in bulk. Does nothing when the scale "
        "series exists, unless --reset."
    )

    def add_arguments(self, parser):
        parser.add_argument("--meetings", type=int, default=100)
        parser.add_argument("--registrations", type=int, default=50000)
        parser.add_argument(
            "--large-meeting", type=int, default=0, metavar="N",
            help="Also one held meeting with N confirmed registrations (a list of participants "
            "at scale), with capacity and delegation cap to fit.",
        )
        parser.add_argument("--seed", type=int, default=7, help="Random seed (repeatable data).")
        parser.add_argument(
            "--reset", action="store_true", help="Delete the scale series first, then seed."
        )

    def handle(self, *args, meetings, registrations, large_meeting, seed, reset, **options):
        if meetings < 1 or registrations < 0 or large_meeting < 0:
            raise CommandError(
                "--meetings must be at least 1, --registrations and --large-meeting at least 0."
            )
        started = time.monotonic()
        with transaction.atomic():
            series = MeetingSeries.objects.filter(slug=SERIES_SLUG).first()
            if series and not reset:
                self.stdout.write(
                    f"Scale series already present ({series.meetings.count()} meetings); "
                    "nothing done. Use --reset to seed again."
                )
                return
            if series:
                purge_series(series)
            rng = random.Random(seed)  # noqa: S311 - invented data, not secrets
            seeder = Seeder(rng, meetings, registrations, large_meeting)
            counts = seeder.run()
        analyse_tables()
        # bulk_create sends no signals: every cached public page, and the cached map from
        # slugs to meetings and plans, must be built afresh.
        bump("site", "meetings", "plans", "members", "topics")
        elapsed = time.monotonic() - started
        summary = ", ".join(f"{value} {name}" for name, value in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Seeded {summary} in {elapsed:.1f} s."))


def analyse_tables():
    """Refresh PostgreSQL's statistics after a bulk load, as autovacuum would a little later:
    without them the planner guesses row counts from an empty table."""
    if connection.vendor != "postgresql":
        return
    models_ = [Registration, Meeting, AgendaItem, ActionPlan, ActionPoint, Speaker]
    with connection.cursor() as cursor:
        for model in models_:
            cursor.execute(f'ANALYZE "{model._meta.db_table}"')


def purge_series(series):
    """Delete the series and everything under it with plain DELETE statements: Django's
    collector would load every registration to send delete signals (history rows)."""
    meetings = Meeting.objects.filter(series=series)
    registrations = Registration.objects.filter(meeting__in=meetings)
    _purge(registrations)
    _purge(ActionPlan.objects.filter(meeting__in=meetings))
    _purge(meetings)
    _purge(MeetingSeries.objects.filter(pk=series.pk))


def _purge(queryset):
    """Delete the rows and, first, the rows that point at them (depth first)."""
    for relation in queryset.model._meta.get_fields(include_hidden=True):
        if not (relation.auto_created and not relation.concrete):
            continue
        if not (relation.one_to_many or relation.one_to_one):
            continue
        on_delete = relation.on_delete
        if on_delete is models.DO_NOTHING:
            continue  # history rows and other loose references keep their copy
        field = relation.field.name
        related = relation.related_model._base_manager.filter(
            **{f"{field}__in": queryset.values("pk")}
        )
        if on_delete is models.SET_NULL:
            related.update(**{field: None})
        else:
            _purge(related)
    queryset._raw_delete(queryset.db)


@contextmanager
def explicit_timestamps(model, *names):
    """Let bulk_create keep the submission times we set instead of stamping `now` on all."""
    fields = [model._meta.get_field(name) for name in names]
    saved = [(field.auto_now, field.auto_now_add) for field in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, (auto_now, auto_now_add) in zip(fields, saved, strict=True):
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


class Seeder:
    def __init__(self, rng, meeting_count, registration_count, large_meeting=0):
        self.rng = rng
        self.large_meeting = large_meeting
        self.meeting_count = meeting_count
        self.registration_count = registration_count
        self.now = timezone.now()
        self.members = list(Member.objects.order_by("code"))
        self.partners = [m for m in self.members if m.kind == MemberKind.PARTNER]
        # Partners send delegations more often than observer organisations.
        self.weights = [3 if m.kind == MemberKind.PARTNER else 1 for m in self.members]
        self.serial = 0

    def run(self):
        series = MeetingSeries.objects.create(slug=SERIES_SLUG, **SERIES)
        topics = self._topics()
        areas = self._areas()
        meetings = Meeting.objects.bulk_create(
            [self._meeting(series, index) for index in range(self.meeting_count)],
            batch_size=BATCH_SIZE,
        )
        agenda_count = self._agendas(meetings, topics)
        points = self._action_plans([m for m in meetings if m.status == MeetingStatus.HELD], areas)
        registrations = self._registrations(meetings)
        if self.large_meeting:
            registrations += self._large_meeting(series, topics)
        return {
            "meetings": len(meetings),
            "agenda items": agenda_count,
            "action points": points,
            "registrations": registrations,
        }

    # ------------------------------------------------------------------ reference data
    def _topics(self):
        topics = []
        for name in TOPIC_NAMES:
            topic = Topic.objects.filter(name=name).first() or Topic.objects.create(
                name=name, slug=f"scale-{slugify(name)}"[:80]
            )
            topics.append(topic)
        return topics

    def _areas(self):
        areas = []
        for name in AREA_NAMES:
            area = ActionArea.objects.filter(name=name).first() or ActionArea.objects.create(
                name=name, slug=f"scale-{slugify(name)}"[:80]
            )
            areas.append(area)
        return areas

    # ------------------------------------------------------------------ meetings
    def _meeting(self, series, index):
        """The last meeting is ahead with registration open; the others were held, one
        every four months going back."""
        number = index + 1
        is_open = index == self.meeting_count - 1
        days_ahead = 30 - (self.meeting_count - 1 - index) * 120
        start = timezone.localdate() + dt.timedelta(days=days_ahead)
        host = self.rng.choice(self.partners)
        meeting = Meeting(
            series=series, number=number, slug=f"scale-meeting-{number}",
            title=f"{number}th ASEM Customs Scale Meeting",
            host_member=host, city=CITIES.get(host.code, ""),
            venue="Conference centre", host_organisations=f"Customs administration of {host}",
            year=start.year, start_date=start, end_date=start + dt.timedelta(days=1),
            status=MeetingStatus.REGISTRATION_OPEN if is_open else MeetingStatus.HELD,
            capacity=200, delegation_cap=self.rng.choice([4, 5, 5, 6]),
            publish_participants=not is_open,
            summary="" if is_open else (
                f"The {number}th Meeting was held in {CITIES.get(host.code, host.name)}.\n\n"
                "Delegations exchanged views on the topics of common interest and adopted "
                "an action plan for the next two years."
            ),
        )
        opens = timezone.make_aware(dt.datetime.combine(start, dt.time(9)) - dt.timedelta(days=90))
        meeting.registration_opens_at = opens
        meeting.registration_closes_at = opens + dt.timedelta(days=80)
        if is_open:
            meeting.registration_opens_at = self.now - dt.timedelta(days=10)
            meeting.registration_closes_at = self.now + dt.timedelta(days=20)
        return meeting

    def _agendas(self, meetings, topics):
        items = []
        for meeting in meetings:
            day = timezone.make_aware(dt.datetime.combine(meeting.start_date, dt.time(9)))
            for position, (kind, title) in enumerate(AGENDA, start=1):
                starts = day + dt.timedelta(minutes=40 * (position - 1))
                items.append(AgendaItem(
                    meeting=meeting, position=position, kind=kind, title=title,
                    description=f"{title} at the {meeting.title}.",
                    starts_at=starts, ends_at=starts + dt.timedelta(minutes=40),
                    outcome="" if meeting.status != MeetingStatus.HELD else "Noted.",
                ))
        items = AgendaItem.objects.bulk_create(items, batch_size=BATCH_SIZE)
        links, speakers = [], []
        for item in items:
            if item.kind == AgendaItemKind.DELIBERATION:
                for topic in self.rng.sample(topics, 2):
                    links.append(AgendaItem.topics.through(agendaitem=item, topic=topic))
            if item.kind in (AgendaItemKind.OPENING, AgendaItemKind.BRIEFING):
                given, family, latin, _ = invented_person(self.rng, item.meeting.host_member.code)
                speakers.append(Speaker(
                    agenda_item=item, order=1, name=latin or f"{given} {family}".strip(),
                    position=POSITIONS[0], member=item.meeting.host_member,
                    organisation=f"Customs administration of {item.meeting.host_member}",
                ))
        AgendaItem.topics.through.objects.bulk_create(links, batch_size=BATCH_SIZE)
        Speaker.objects.bulk_create(speakers, batch_size=BATCH_SIZE)
        return len(items)

    def _action_plans(self, meetings, areas):
        plans = ActionPlan.objects.bulk_create([
            ActionPlan(
                meeting=meeting, title=f"Action Plan {meeting.year}\u2013{meeting.year + 2}",
                slug=f"scale-action-plan-{meeting.number}", period_start=meeting.year,
                period_end=meeting.year + 2, adopted_on=meeting.end_date,
                summary="Adopted by the meeting; members report on it until the next one.",
            )
            for meeting in meetings
        ], batch_size=BATCH_SIZE)
        points = []
        for plan in plans:
            for number in range(1, self.rng.randint(10, 20) + 1):
                points.append(ActionPoint(
                    plan=plan, number=number, area=self.rng.choice(areas),
                    title=f"Action point {number} of the {plan.title}",
                    description="Exchange of experience and joint work between members.",
                    expected_outputs="A report to the next meeting.",
                    target_date=dt.date(plan.period_end, 12, 31),
                    status=self.rng.choice(ActionPointStatus.values),
                    is_new=self.rng.random() < 0.3,
                ))
        points = ActionPoint.objects.bulk_create(points, batch_size=BATCH_SIZE)
        leads = ActionPoint.lead_members.through
        participants = ActionPoint.participating_members.through
        lead_rows, participant_rows = [], []
        for point in points:
            chosen = self.rng.sample(self.partners, 8)
            lead_rows += [leads(actionpoint=point, member=m) for m in chosen[:2]]
            participant_rows += [participants(actionpoint=point, member=m) for m in chosen[2:]]
        leads.objects.bulk_create(lead_rows, batch_size=BATCH_SIZE)
        participants.objects.bulk_create(participant_rows, batch_size=BATCH_SIZE)
        return len(points)

    def _large_meeting(self, series, topics):
        """A held meeting where every one of N registrations is confirmed: the members take
        turns, so the delegation cap is N divided by the number of members, rounded up."""
        count, members = self.large_meeting, self.members
        meeting = self._meeting(series, self.meeting_count - 2)
        meeting.number, meeting.slug = self.meeting_count + 1, "scale-meeting-large"
        meeting.title = "Large ASEM Customs Scale Meeting"
        meeting.capacity, meeting.delegation_cap = count, -(-count // len(members))
        meeting.save()
        self._agendas([meeting], topics)
        heads, rows = set(), []
        with explicit_timestamps(Registration, "created_at", "updated_at"):
            for index in range(count):
                member = members[index % len(members)]
                rows.append(self._registration(
                    meeting, member, RegistrationStatus.CONFIRMED,
                    meeting.registration_opens_at, heads,
                ))
                if len(rows) == BATCH_SIZE:
                    Registration.objects.bulk_create(rows)
                    rows = []
            Registration.objects.bulk_create(rows)
        return count

    # ------------------------------------------------------------------ registrations
    def _shares(self, meetings):
        """Registrations per meeting: the open meeting gets a fifth of the average, so that
        its seats fill during a benchmark; the held ones share the rest evenly."""
        total = self.registration_count
        if len(meetings) == 1:
            return [total]
        open_share = total // len(meetings) // 5
        held = len(meetings) - 1
        base, extra = divmod(total - open_share, held)
        return [base + (1 if i < extra else 0) for i in range(held)] + [open_share]

    def _registrations(self, meetings):
        total = 0
        with explicit_timestamps(Registration, "created_at", "updated_at"):
            batch = []
            for meeting, share in zip(meetings, self._shares(meetings), strict=True):
                # Seats are scarcer than requests, as at a real meeting.
                meeting.capacity = max(10, round(share * self.rng.uniform(0.4, 0.6)))
                batch += self._registrations_for(meeting, share)
                if len(batch) >= BATCH_SIZE:
                    total += len(Registration.objects.bulk_create(batch, batch_size=BATCH_SIZE))
                    batch = []
            total += len(Registration.objects.bulk_create(batch, batch_size=BATCH_SIZE))
        Meeting.objects.bulk_update(meetings, ["capacity"], batch_size=BATCH_SIZE)
        return total

    def _registrations_for(self, meeting, count):
        rng, held = self.rng, meeting.status == MeetingStatus.HELD
        seats, per_member, heads = 0, {}, set()
        window = (meeting.registration_closes_at - meeting.registration_opens_at).total_seconds()
        submitted = sorted(
            meeting.registration_opens_at + dt.timedelta(seconds=rng.uniform(0, window))
            for _ in range(count)
        )
        if not held:
            submitted = [min(at, self.now) for at in submitted]
        rows = []
        for index, at in enumerate(submitted):
            member = rng.choices(self.members, weights=self.weights)[0]
            has_seat = (
                seats < meeting.capacity
                and per_member.get(member.pk, 0) < meeting.delegation_cap
            )
            if index % 40 == 3:  # a public-form address never confirmed: no seat
                status = RegistrationStatus.EXPIRED if held else RegistrationStatus.UNCONFIRMED
            elif has_seat and rng.random() < 0.08:
                status = RegistrationStatus.CANCELLED
            elif has_seat:
                status = (
                    RegistrationStatus.CONFIRMED if held or rng.random() < 0.4
                    else RegistrationStatus.PENDING
                )
                seats += 1
                per_member[member.pk] = per_member.get(member.pk, 0) + 1
            elif held:
                status = rng.choice([RegistrationStatus.REJECTED, RegistrationStatus.CANCELLED])
            else:
                status = RegistrationStatus.WAITLISTED
            rows.append(self._registration(meeting, member, status, at, heads))
        return rows

    def _registration(self, meeting, member, status, at, heads):
        rng = self.rng
        self.serial += 1
        given, family, latin, family_first = invented_person(rng, member.code)
        active = status in (
            RegistrationStatus.PENDING, RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED
        )
        if member.kind == MemberKind.OBSERVER:
            role = Role.OBSERVER
        elif active and member.pk not in heads:
            role = Role.HEAD_OF_DELEGATION
            heads.add(member.pk)
        else:
            role = rng.choice([Role.DELEGATE, Role.DELEGATE, Role.ADVISER])
        attended = (
            timezone.make_aware(dt.datetime.combine(meeting.start_date, dt.time(8, 30)))
            if status == RegistrationStatus.CONFIRMED and meeting.status == MeetingStatus.HELD
            and rng.random() < 0.9 else None
        )
        return Registration(
            meeting=meeting, member=member, given_name=given, family_name=family,
            family_name_first=family_first, name_latin=latin,
            honorific=rng.choice([Honorific.MR, Honorific.MS, Honorific.DR]),
            position=POSITIONS[0] if role == Role.HEAD_OF_DELEGATION else rng.choice(POSITIONS[1:]),
            organisation=(
                f"Customs administration of {member.name}" if member.is_partner else member.name
            ),
            email=demo_email(latin or f"{given} {family}", member.code, self.serial),
            phone=f"+000 555 {self.serial % 10000:04d}", role=role, status=status,
            dietary_needs=rng.choice(["", "", "", "", "Vegetarian", "Halal", "No pork"]),
            needs_visa_letter=member.region == "asia" and rng.random() < 0.2,
            privacy_consent_at=at, publish_name=rng.random() < 0.9,
            attended_at=attended, created_at=at, updated_at=at, status_changed_at=at,
        )
