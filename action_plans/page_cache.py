"""Where the page of an action plan is in the public pages' cache (`meetings.page_cache`)."""

from meetings.page_cache import ids_by_slug

from .models import ActionPlan


def plan_page_scopes(**kwargs):
    """Scopes of an action plan page: the plan and the meeting that adopted it."""
    ids = ids_by_slug(ActionPlan.objects, kwargs["slug"], ("pk", "meeting_id"), scope="plans")
    if ids is None:
        return None
    pk, meeting_id = ids
    return ["site", f"plan:{pk}", f"meeting:{meeting_id}"]
