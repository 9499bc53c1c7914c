"""Demo content: the 12th ASEM Customs DG-C Meeting (Berlin, 16–17 October 2017) as the
published account tells it, the 13th announced for Viet Nam in 2019, and one upcoming
demonstration meeting with registration open.

Everything is keyed by natural keys (slugs, numbers, positions), so loading twice
changes nothing.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from action_plans.enums import ActionPointStatus
from action_plans.models import ActionArea, ActionPlan, ActionPoint
from meetings.enums import AgendaItemKind, MeetingStatus, PhotoRule
from meetings.models import (
    AgendaItem,
    Meeting,
    MeetingSeries,
    Member,
    ReportingBody,
    Speaker,
    Topic,
)

SERIES = {
    "name": "ASEM Customs Directors-General and Commissioners Meeting",
    "short_name": "ASEM Customs DG-C Meeting",
    "slug": "asem-customs-dg-c",
    "frequency_years": 2,
    "description": (
        "ASEM is a forum to enhance relations and various forms of cooperation between its "
        "partners. ASEM Customs Directors-General and Commissioners meet once every two years "
        "to discuss relevant developments and priorities in Customs' work."
    ),
}

DEMO_SERIES = {
    "name": "Demonstration meetings",
    "short_name": "Demonstration",
    "slug": "demonstration",
    "frequency_years": 1,
    "description": (
        "Meetings that exist only to try the product out. Register freely: nothing here is "
        "a real meeting."
    ),
    "is_demo": True,
}

TOPICS = [
    ("authorized-economic-operator", "Authorized Economic Operator schemes",
     "Implementation and mutual recognition of AEO programmes."),
    ("coordinated-border-management", "Coordinated Border Management",
     "Means to enhance cooperation between the agencies at the border."),
    ("product-safety", "Product safety",
     "Customs controls on unsafe and non-compliant products."),
    ("joint-customs-operations", "Joint Customs operations",
     "Operations run together by ASEM Customs administrations."),
    ("passenger-name-records", "Passenger Name Records",
     "Use of PNR data for Customs risk assessment."),
    ("wto-trade-facilitation-agreement", "WTO Trade Facilitation Agreement",
     "Implementation of the WTO Trade Facilitation Agreement."),
    ("ipr-enforcement", "IPR enforcement",
     "Best practices for the enforcement of intellectual property rights."),
    ("visibility-of-asem-customs", "Visibility of ASEM Customs activities",
     "How to ensure increased visibility of ASEM Customs activities."),
]

REPORTING_BODIES = [
    ("asem-working-group-customs-matters", "ASEM Working Group on Customs matters",
     "Prepares the Directors-General meetings and follows the action plan between them."),
    ("customs-trade-days", "Customs-Trade Days",
     "Dialogue between ASEM Customs administrations and the business community."),
]

SUMMARY_12 = """\
At the invitation of the Director-General of German Customs under the Federal Ministry of \
Finance and the Director of the German Central Customs Authority, the 12th Meeting of Customs \
Directors-General and Commissioners from Europe and Asian Members of the Asia-Europe Meeting \
(ASEM) was held in Berlin, Germany, on 16 and 17 October 2017.

Opening the meeting, the Parliamentary State Secretary at the Federal Ministry of Finance \
welcomed the delegates to Berlin. The Secretary General of the World Customs Organization \
briefed delegates on the latest developments in the WCO's six priority areas.

Delegates heard reports on the work done by the ASEM Working Group on Customs matters and on \
the discussions held during the Customs-Trade Days, deliberated on eight topics, and adopted \
a new Action Plan for the period 2018-2019 consisting of eight action points. New actions \
were added in the areas of transit, Customs management of cross-border e-commerce \
transactions, Single Window, automation and integrated risk assessment, and border \
enforcement related to postal items.

Delegates thanked the German hosts for their hospitality and faultless organisation of the \
Meeting. The 13th ASEM Customs Directors-General and Commissioners Meeting will take place \
in Viet Nam in 2019."""

BERLIN = ZoneInfo("Europe/Berlin")
PUBLISHED_12 = dt.datetime(2017, 10, 20, 10, 0, tzinfo=BERLIN)
# How long before the demo is loaded its meeting's registration opened.
DEMO_OPEN_DAYS = 30


def _at(day, hour, minute=0):
    return dt.datetime(2017, 10, day, hour, minute, tzinfo=BERLIN)


AGENDA_12 = [
    {
        "position": 1, "kind": AgendaItemKind.OPENING, "title": "Opening of the Meeting",
        "starts_at": _at(16, 9, 30), "ends_at": _at(16, 10, 0),
        "speakers": [("Dr. Michael Meister",
                      "Parliamentary State Secretary at the Federal Ministry of Finance", "DE")],
        "outcome": (
            "Welcomed more than 140 delegates from 45 ASEM Members to Berlin, highlighted "
            "ASEM's role in strengthening relations between Europe and Asia, and stressed "
            "that the exchange of best practices and the alignment of Customs procedures "
            "matter in the fight against international terrorism. Globalisation and "
            "digitalisation present opportunities for growth; connectivity between Customs "
            "administrations should enable the free flow of trade and secure the supply chain."
        ),
    },
    {
        "position": 2, "kind": AgendaItemKind.BRIEFING,
        "title": "Briefing by the Secretary General of the World Customs Organization",
        "starts_at": _at(16, 10, 0), "ends_at": _at(16, 10, 45),
        "speakers": [("Dr. Kunio Mikuriya", "Secretary General, World Customs Organization",
                      "WCO")],
        "description": (
            "The latest developments in the WCO's six priority areas: trade facilitation, "
            "e-commerce, security, Customs-Tax cooperation, illicit financial flows and "
            "performance measurement."
        ),
        "outcome": (
            "Briefed delegates on the WCO's six priority areas: trade facilitation, "
            "e-commerce, security, Customs-Tax cooperation, illicit financial flows and "
            "performance measurement. Highlighted the synergy between ASEM and WCO "
            "activities, invited ASEM to make its actions and achievements known to the "
            "Customs community, and welcomed the new areas of work in the ASEM Action Plan "
            "2018-2019."
        ),
    },
    {
        "position": 3, "kind": AgendaItemKind.REPORT,
        "title": "Report of the ASEM Working Group on Customs matters",
        "starts_at": _at(16, 11, 15), "ends_at": _at(16, 12, 30),
        "bodies": ["asem-working-group-customs-matters"],
        "outcome": "Delegates heard the report on the work done since the 11th Meeting.",
    },
    {
        "position": 4, "kind": AgendaItemKind.REPORT,
        "title": "Report on the Customs-Trade Days",
        "starts_at": _at(16, 14, 0), "ends_at": _at(16, 15, 0),
        "bodies": ["customs-trade-days"],
        "outcome": "Delegates heard the report on the discussions held during the "
                   "Customs-Trade Days.",
    },
    {
        "position": 5, "kind": AgendaItemKind.DELIBERATION,
        "title": "Trade facilitation and supply chain security",
        "starts_at": _at(16, 15, 30), "ends_at": _at(16, 17, 30),
        "topics": ["authorized-economic-operator", "coordinated-border-management",
                   "wto-trade-facilitation-agreement"],
    },
    {
        "position": 6, "kind": AgendaItemKind.DELIBERATION,
        "title": "Enforcement and protection of society",
        "starts_at": _at(17, 9, 0), "ends_at": _at(17, 11, 0),
        "topics": ["product-safety", "joint-customs-operations", "passenger-name-records",
                   "ipr-enforcement"],
    },
    {
        "position": 7, "kind": AgendaItemKind.DELIBERATION,
        "title": "Visibility of ASEM Customs activities",
        "starts_at": _at(17, 11, 30), "ends_at": _at(17, 12, 15),
        "topics": ["visibility-of-asem-customs"],
    },
    {
        "position": 8, "kind": AgendaItemKind.ADOPTION,
        "title": "Adoption of the ASEM Customs Action Plan 2018-2019",
        "starts_at": _at(17, 14, 0), "ends_at": _at(17, 15, 0),
        "outcome": "Delegates adopted the Action Plan 2018-2019 of eight action points.",
    },
    {
        "position": 9, "kind": AgendaItemKind.CLOSING, "title": "Closing of the Meeting",
        "starts_at": _at(17, 15, 0), "ends_at": _at(17, 15, 30),
        "outcome": (
            "Delegates thanked the German hosts for their hospitality and faultless "
            "organisation of the Meeting. The 13th Meeting will take place in Viet Nam in 2019."
        ),
    },
]

# (number, area slug, area name, title, lead member codes, new area?, illustrative?)
ACTION_POINTS_2018 = [
    (1, "transit", "Transit",
     "Share practices on transit procedures and guarantees across the Asia-Europe corridor",
     ["DE", "CN"], True, False),
    (2, "cross-border-e-commerce", "Cross-border e-commerce",
     "Customs management of cross-border e-commerce transactions",
     ["CN", "EU"], True, False),
    (3, "single-window", "Single Window",
     "Exchange experience on national Single Window environments",
     ["KR", "SG"], True, False),
    (4, "automation-risk-assessment", "Automation and integrated risk assessment",
     "Automation and integrated risk assessment of goods movements",
     ["NL", "JP"], True, False),
    (5, "postal-items", "Border enforcement on postal items",
     "Border enforcement related to postal items",
     ["FR", "TH"], True, False),
    (6, "aeo", "Authorized Economic Operator",
     "Promote AEO programmes and mutual recognition between ASEM partners",
     ["EU", "JP"], False, True),
    (7, "enforcement", "Joint enforcement",
     "Plan a joint Customs operation against IPR infringements and unsafe products",
     ["IT", "VN"], False, True),
    (8, "visibility", "Visibility of ASEM Customs",
     "Make ASEM Customs activities and achievements known to the Customs community",
     ["DE", "VN"], False, True),
]


@transaction.atomic
def load_meetings(today=None):
    """Create or update the demo series, meetings, agenda, topics and action plan."""
    today = today or timezone.localdate()
    series, _ = MeetingSeries.objects.update_or_create(slug=SERIES["slug"], defaults=SERIES)
    demo_series, _ = MeetingSeries.objects.update_or_create(
        slug=DEMO_SERIES["slug"], defaults=DEMO_SERIES
    )
    topics = {
        slug: Topic.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )[0]
        for slug, name, description in TOPICS
    }
    bodies = {
        slug: ReportingBody.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )[0]
        for slug, name, description in REPORTING_BODIES
    }
    members = {member.code: member for member in Member.objects.all()}
    twelfth = _load_twelfth(series, members, topics, bodies)
    thirteenth = _load_thirteenth(series, members)
    # Entered and published as the story goes: both right after the 12th Meeting (the feed
    # dates its entries so), not on the day the demo is loaded.
    Meeting.objects.filter(pk__in=[twelfth.pk, thirteenth.pk]).update(
        created_at=PUBLISHED_12, updated_at=PUBLISHED_12
    )
    demo = _load_demo_meeting(demo_series, members, today)
    return twelfth, thirteenth, demo


def _load_twelfth(series, members, topics, bodies):
    meeting, _ = Meeting.objects.update_or_create(
        slug="12th-asem-customs-dg-c-meeting",
        defaults={
            "series": series, "number": 12,
            "title": "12th ASEM Customs Directors-General and Commissioners Meeting",
            "host_member": members["DE"],
            "host_organisations": "German Customs, Federal Ministry of Finance\n"
                                  "Central Customs Authority (Generalzolldirektion)",
            "city": "Berlin", "venue": "",
            "year": 2017, "start_date": dt.date(2017, 10, 16), "end_date": dt.date(2017, 10, 17),
            "time_zone": "Europe/Berlin", "status": MeetingStatus.HELD,
            "registration_opens_at": dt.datetime(2017, 6, 1, 8, 0, tzinfo=BERLIN),
            "registration_closes_at": dt.datetime(2017, 9, 29, 18, 0, tzinfo=BERLIN),
            "capacity": 180, "delegation_cap": 8, "summary": SUMMARY_12,
        },
    )
    for spec in AGENDA_12:
        item, _ = AgendaItem.objects.update_or_create(
            meeting=meeting, position=spec["position"],
            defaults={
                "kind": spec["kind"], "title": spec["title"],
                "description": spec.get("description", ""), "outcome": spec.get("outcome", ""),
                "starts_at": spec["starts_at"], "ends_at": spec["ends_at"],
            },
        )
        item.topics.set([topics[slug] for slug in spec.get("topics", [])])
        item.reporting_bodies.set([bodies[slug] for slug in spec.get("bodies", [])])
        for order, (name, position, code) in enumerate(spec.get("speakers", []), start=1):
            Speaker.objects.update_or_create(
                agenda_item=item, order=order,
                defaults={"name": name, "position": position, "member": members.get(code)},
            )
    plan, _ = ActionPlan.objects.update_or_create(
        slug="action-plan-2018-2019",
        defaults={
            "meeting": meeting, "title": "ASEM Customs Action Plan 2018-2019",
            "period_start": 2018, "period_end": 2019, "adopted_on": dt.date(2017, 10, 17),
            "summary": (
                "Adopted by the 12th Meeting on the basis of its discussions. New actions were "
                "added in the areas of transit, Customs management of cross-border e-commerce "
                "transactions, Single Window, automation and integrated risk assessment, and "
                "border enforcement related to postal items. Points marked illustrative are "
                "demonstration content written in the same spirit, not the adopted text."
            ),
        },
    )
    AgendaItem.objects.filter(meeting=meeting, position=8).update(reviews_plan=None)
    for number, area_slug, area_name, title, leads, is_new, illustrative in ACTION_POINTS_2018:
        area, _ = ActionArea.objects.update_or_create(slug=area_slug, defaults={"name": area_name})
        point, created = ActionPoint.objects.update_or_create(
            plan=plan, number=number,
            defaults={
                "title": title, "area": area, "is_new": is_new, "is_illustrative": illustrative,
                "target_date": dt.date(2019, 9, 30),
            },
        )
        if created:
            point.status = ActionPointStatus.IN_PROGRESS
            point.save(update_fields=["status"])
        point.lead_members.set([members[code] for code in leads])
    return meeting


def _load_thirteenth(series, members):
    meeting, _ = Meeting.objects.update_or_create(
        slug="13th-asem-customs-dg-c-meeting",
        defaults={
            "series": series, "number": 13,
            "title": "13th ASEM Customs Directors-General and Commissioners Meeting",
            "host_member": members["VN"], "city": "", "year": 2019,
            "start_date": None, "end_date": None, "time_zone": "Asia/Ho_Chi_Minh",
            "status": MeetingStatus.ANNOUNCED, "capacity": 180, "delegation_cap": 8,
            "summary": "At the 12th Meeting in Berlin in October 2017, delegates heard that "
                       "the 13th Meeting would take place in Viet Nam in 2019.",
        },
    )
    return meeting


def _load_demo_meeting(series, members, today):
    start = today + dt.timedelta(days=75)
    bangkok = ZoneInfo("Asia/Bangkok")
    meeting, _ = Meeting.objects.update_or_create(
        slug="demonstration-meeting",
        defaults={
            "series": series, "number": 1,
            "title": "Demonstration Meeting of ASEM Customs Directors-General",
            "host_member": members["TH"],
            "host_organisations": "Demonstration host administration",
            "city": "Bangkok", "venue": "Demonstration Conference Centre",
            "year": start.year, "start_date": start, "end_date": start + dt.timedelta(days=1),
            "time_zone": "Asia/Bangkok", "status": MeetingStatus.REGISTRATION_OPEN,
            "registration_opens_at": timezone.now() - dt.timedelta(days=DEMO_OPEN_DAYS),
            "registration_closes_at": dt.datetime.combine(
                start - dt.timedelta(days=10), dt.time(17, 0), tzinfo=bangkok
            ),
            "capacity": 60, "delegation_cap": 4, "photos": PhotoRule.OPTIONAL,
            # Hybrid, as many meetings are since 2020: a few seats to follow it online.
            "online_capacity": 20,
            "online_connection_details": "https://meet.example.org/demonstration-meeting "
                                         "(meeting ID 555 0100, passcode: demo)",
            "summary": "A meeting that exists only to try the product out.",
        },
    )
    # (position, day of the meeting, kind, title, starts, ends): two days, as the 12th's.
    agenda = [
        (1, 0, AgendaItemKind.OPENING, "Opening", dt.time(9, 30), dt.time(10, 0)),
        (2, 0, AgendaItemKind.REPORT, "Report of the Working Group", dt.time(10, 0),
         dt.time(11, 0)),
        (3, 0, AgendaItemKind.DELIBERATION, "Topics of common interest", dt.time(11, 30),
         dt.time(13, 0)),
        (4, 1, AgendaItemKind.ADOPTION, "Adoption of the conclusions", dt.time(9, 30),
         dt.time(10, 30)),
        (5, 1, AgendaItemKind.CLOSING, "Closing", dt.time(11, 0), dt.time(11, 30)),
    ]
    for position, day, kind, title, starts, ends in agenda:
        date = start + dt.timedelta(days=day)
        AgendaItem.objects.update_or_create(
            meeting=meeting, position=position,
            defaults={
                "kind": kind, "title": title,
                "starts_at": dt.datetime.combine(date, starts, tzinfo=bangkok),
                "ends_at": dt.datetime.combine(date, ends, tzinfo=bangkok),
            },
        )
    return meeting
