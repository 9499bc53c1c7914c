"""Demo follow-up of the Action Plan 2018-2019: progress reports from several members
(accepted ones, one draft, one rejected, one waiting for review), the 13th Meeting's agenda
item that reviews the plan, and an Action Plan 2020-2021 into which two open points are
carried over.

All of it is illustrative demonstration content, not what the members reported. Reports are
keyed by point, member and date, so loading twice changes nothing.
"""

import datetime as dt

from django.db import transaction
from django.db.models import Max

from action_plans import services
from action_plans.enums import OPEN_POINT_STATUSES, ProgressReportState
from action_plans.models import ActionPlan, ActionPoint, ProgressReport
from asem_customs.roles import SYSTEM
from meetings.enums import AgendaItemKind
from meetings.models import AgendaItem, Member

PLAN_SLUG = "action-plan-2018-2019"
NEXT_PLAN_SLUG = "action-plan-2020-2021"
REVIEW_TITLE = "Review of the Action Plan 2018-2019"

PARTICIPANTS = {1: ["PL", "KZ"], 2: ["JP", "SG"], 3: ["TH", "MY"], 5: ["DE", "CN"]}

ACCEPTED, SUBMITTED, DRAFT, REJECTED = "accepted", "submitted", "draft", "rejected"

# (point, member, date, proposed status, state, text, review note)
REPORTS = [
    (1, "DE", dt.date(2018, 5, 15), "in_progress", ACCEPTED,
     "Illustrative: a first workshop on transit guarantees gathered eleven administrations in "
     "Hamburg; a comparison of guarantee schemes is being drafted.", ""),
    (1, "CN", dt.date(2019, 3, 20), "in_progress", ACCEPTED,
     "Illustrative: the comparison of guarantee schemes covers the rail corridor from "
     "Chongqing to Duisburg; a second workshop is planned for the autumn.", ""),
    (2, "EU", dt.date(2018, 9, 10), "in_progress", ACCEPTED,
     "Illustrative: a questionnaire on the Customs treatment of low-value consignments was "
     "sent to all partners; 24 replied.", ""),
    (2, "CN", dt.date(2019, 6, 30), "completed", ACCEPTED,
     "Illustrative: the compendium of practices on cross-border e-commerce was published and "
     "presented to the Working Group.", ""),
    (3, "KR", dt.date(2018, 11, 5), "in_progress", ACCEPTED,
     "Illustrative: a study visit to the Korean Single Window took place with six partners.",
     ""),
    (3, "SG", dt.date(2019, 7, 1), "in_progress", DRAFT,
     "Illustrative: notes on a regional Single Window interoperability pilot (draft).", ""),
    (4, "NL", dt.date(2019, 2, 12), "in_progress", ACCEPTED,
     "Illustrative: an expert meeting on integrated risk assessment shared targeting rules "
     "for sea containers.", ""),
    (4, "JP", dt.date(2019, 5, 2), "completed", REJECTED,
     "Illustrative: the point is complete.",
     "The expected outputs (a paper on automated risk engines) are not yet delivered: please "
     "report again once the paper is circulated."),
    (5, "FR", dt.date(2018, 7, 1), "in_progress", ACCEPTED,
     "Illustrative: a joint analysis of postal seizures started with Thailand and three "
     "participating partners.", ""),
    (5, "TH", dt.date(2019, 8, 15), "completed", SUBMITTED,
     "Illustrative: the joint analysis of postal seizures is final and attached to the "
     "Working Group's report.", ""),
    (6, "JP", dt.date(2019, 4, 10), "completed", ACCEPTED,
     "Illustrative: two further mutual recognition arrangements were signed between ASEM "
     "partners.", ""),
    (7, "VN", dt.date(2019, 1, 20), "in_progress", ACCEPTED,
     "Illustrative: the operational plan of the joint operation was agreed; the operation "
     "phase runs in 2020.", ""),
]

CARRIED_POINTS = [3, 4]
CARRIED_ON = dt.date(2019, 12, 31)


@transaction.atomic
def load_progress(twelfth, thirteenth):
    """Load the demo follow-up after `demo.meetings.load_meetings`. Returns the number of
    progress reports added."""
    plan = ActionPlan.objects.get(slug=PLAN_SLUG)
    members = {member.code: member for member in Member.objects.all()}
    points = {point.number: point for point in plan.points.all()}
    for number, codes in PARTICIPANTS.items():
        points[number].participating_members.set([members[code] for code in codes])
    added = sum(_load_report(points[spec[0]], members[spec[1]], *spec[2:]) for spec in REPORTS)
    _load_review_item(thirteenth, plan)
    _load_next_plan(thirteenth, plan, points)
    return added


def _load_report(point, member, report_date, proposed_status, state, text, note):
    if ProgressReport.objects.filter(
        action_point=point, member=member, report_date=report_date
    ).exists():
        return 0
    # Dated as the workflow would have happened (filed, submitted the next day, reviewed two
    # weeks later), not at load time: the report's history tells the same story.
    filed = dt.datetime.combine(report_date, dt.time(12, 0), tzinfo=dt.UTC)
    submitted, reviewed = filed + dt.timedelta(days=1), filed + dt.timedelta(days=15)
    report = services.progress_report_file(
        action_point=point, member=member, actor=SYSTEM, at=filed,
        data={"report_date": report_date, "proposed_status": proposed_status, "text": text},
    )
    if state != ProgressReportState.DRAFT:
        services.progress_report_submit(report=report, actor=SYSTEM, at=submitted)
    if state == ProgressReportState.ACCEPTED:
        services.progress_report_accept(report=report, actor=SYSTEM, at=reviewed)
    elif state == ProgressReportState.REJECTED:
        services.progress_report_reject(report=report, actor=SYSTEM, reason=note, at=reviewed)
    return 1


def _load_review_item(thirteenth, plan):
    item = AgendaItem.objects.filter(meeting=thirteenth, reviews_plan=plan).first()
    if item is None:
        item = AgendaItem.objects.filter(meeting=thirteenth, title=REVIEW_TITLE).first()
    if item is None:
        top = AgendaItem.objects.filter(meeting=thirteenth).aggregate(top=Max("position"))
        item = AgendaItem(meeting=thirteenth, position=(top["top"] or 0) + 1)
    item.kind = AgendaItemKind.REPORT
    item.title = REVIEW_TITLE
    item.description = (
        "The secretariat presents the implementation of the Action Plan 2018-2019 adopted at "
        "the 12th Meeting: the status of each action point and the progress reports members "
        "filed. (Illustrative: the progress reports are demonstration content.)"
    )
    item.reviews_plan = plan
    item.save()


def _load_next_plan(thirteenth, plan, points):
    next_plan, _ = ActionPlan.objects.update_or_create(
        slug=NEXT_PLAN_SLUG,
        defaults={
            "meeting": thirteenth, "title": "ASEM Customs Action Plan 2020-2021",
            "period_start": 2020, "period_end": 2021, "adopted_on": None,
            "summary": (
                "Illustrative demonstration content: a next plan for the 13th Meeting, into "
                "which the secretariat carried the open points of the Action Plan 2018-2019 "
                "on Single Window and on automation and integrated risk assessment."
            ),
        },
    )
    to_carry = [
        points[number] for number in CARRIED_POINTS
        if not ActionPoint.objects.filter(carried_over_from=points[number]).exists()
        and points[number].status in OPEN_POINT_STATUSES
    ]
    if to_carry:
        services.action_points_carry_over(
            points=to_carry, into_plan=next_plan, actor=SYSTEM, effective_on=CARRIED_ON,
            at=dt.datetime.combine(CARRIED_ON, dt.time(12, 0), tzinfo=dt.UTC),
        )
    next_plan.points.update(is_illustrative=True)
    return next_plan
