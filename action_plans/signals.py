"""What a change of an action plan, its points or their follow-up does to the cached public
pages (`asem_customs.page_versions`). Connected in `ActionPlansConfig.ready`."""

from django.db.models.signals import m2m_changed

from asem_customs.page_versions import bump, bump_everything, bump_on_change


def _plan_scopes(plan_id):
    from meetings.models import AgendaItem

    from .models import ActionPlan

    meeting_id = ActionPlan.objects.filter(pk=plan_id).values_list("meeting_id", flat=True).first()
    reviewing = AgendaItem.objects.filter(reviews_plan_id=plan_id).values_list(
        "meeting_id", flat=True
    )
    return [
        f"plan:{plan_id}",
        f"meeting:{meeting_id}" if meeting_id else None,
        *(f"meeting:{pk}" for pk in set(reviewing)),
    ]


def action_plan_changed(sender, instance, **kwargs):
    bump("plans", f"meeting:{instance.meeting_id}", *_plan_scopes(instance.pk))


def action_point_changed(sender, instance, **kwargs):
    bump(*_plan_scopes(instance.plan_id))


def action_point_relations_changed(sender, instance, action, reverse, **kwargs):
    if not action.startswith("post_"):
        return
    if reverse:
        bump_everything()
    else:
        bump(*_plan_scopes(instance.plan_id))


def action_point_record_changed(sender, instance, **kwargs):
    """A progress report or a status change of a point: the tracker on its plan's page."""
    from .models import ActionPoint

    plan_id = (
        ActionPoint.objects.filter(pk=instance.action_point_id)
        .values_list("plan_id", flat=True).first()
    )
    if plan_id:
        bump(*_plan_scopes(plan_id))


def area_changed(sender, **kwargs):
    bump_everything()


def connect():
    from .models import ActionPoint

    bump_on_change(area_changed, "action_plans.ActionArea")
    bump_on_change(action_plan_changed, "action_plans.ActionPlan")
    bump_on_change(action_point_changed, "action_plans.ActionPoint")
    bump_on_change(action_point_record_changed, "action_plans.ProgressReport")
    bump_on_change(action_point_record_changed, "action_plans.ActionPointStatusChange")
    for through in (ActionPoint.lead_members.through, ActionPoint.participating_members.through):
        m2m_changed.connect(
            action_point_relations_changed, sender=through,
            dispatch_uid=f"public-cache:{through.__name__}",
        )
