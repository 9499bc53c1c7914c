from django import template

from .. import selectors

register = template.Library()


@register.simple_tag
def plan_review_points(plan):
    """The plan's points with status and latest accepted report, for a review agenda item."""
    return selectors.plan_review_points(plan) if plan else []


@register.simple_tag
def plan_under_review(item=None, plan=None):
    """The plan an agenda item reviews, or the plan given directly (either may be absent)."""
    return getattr(item, "reviews_plan", None) or plan or None
