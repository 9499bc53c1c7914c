"""The documents the secretariat generates from the data, registered with
`documents.generators` (documents lies below secretariat and may not import it): the
provisional agenda, the action plan adopted at the meeting, the list of participants (only
those who agreed to appear, for the participants)."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from action_plans.models import ActionPlan, ActionPoint
from documents.enums import Access, DocumentKind
from documents.generators import Generated, register_generator
from meetings.models import Speaker

from .exports import participants_for_list
from .pdf import participants_pdf
from .pdf.agenda import action_plan_pdf, agenda_pdf


def make_agenda(meeting):
    items = list(meeting.agenda_items.order_by("position").prefetch_related(
        Prefetch("speakers", queryset=Speaker.objects.order_by("id"))))
    if not items:
        return None
    return Generated(title=_("Provisional agenda"), filename=f"{meeting.slug}-agenda.pdf",
                     content=agenda_pdf(meeting, items))


def make_action_plan(meeting):
    plan = ActionPlan.objects.filter(meeting=meeting).select_related("meeting").order_by(
        "period_start", "pk").first()
    if plan is None:
        return None
    points = list(ActionPoint.objects.filter(plan=plan).select_related("area")
                  .prefetch_related("lead_members").order_by("number"))
    return Generated(title=plan.title, filename=f"{plan.slug}.pdf",
                     content=action_plan_pdf(plan, points))


def make_participants(meeting):
    people = list(participants_for_list(meeting, consented_only=True))
    return Generated(title=_("List of participants"),
                     filename=f"{meeting.slug}-participants.pdf",
                     content=participants_pdf(people, meeting=meeting))


def register():
    register_generator("agenda", label=_("Provisional agenda"),
                       kind=DocumentKind.PROVISIONAL_AGENDA, make=make_agenda)
    register_generator("action_plan", label=_("Action plan adopted at the meeting"),
                       kind=DocumentKind.ACTION_PLAN, make=make_action_plan)
    register_generator("participants", label=_("List of participants"),
                       kind=DocumentKind.PARTICIPANTS, make=make_participants,
                       access=Access.PARTICIPANTS)
