"""Action plans: the public plan page and, between meetings, its follow-up."""

from django.shortcuts import render

from . import selectors


def action_plan_detail(request, slug):
    plan = selectors.action_plan_with_points(slug)
    return render(request, "meetings/action_plan_detail.html", {"plan": plan})
