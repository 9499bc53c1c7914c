"""Where the page of an action plan is in the public pages' cache (`meetings.page_cache`)."""

from django.core.cache import cache

from asem_customs.page_versions import KEY_PREFIX, _digest, versions
from meetings.page_cache import PAGE_TIMEOUT

from .models import ActionPlan


def plan_page_scopes(**kwargs):
    """Scopes of an action plan page: the plan and the meeting that adopted it."""
    (plans_version,) = versions(["plans"])
    slug = kwargs["slug"]
    key = f"{KEY_PREFIX}:plan-slug:{plans_version}:{_digest(slug)}"
    ids = cache.get(key)
    if ids is None:
        ids = ActionPlan.objects.filter(slug=slug).values_list("pk", "meeting_id").first()
        if ids is None:
            return None
        cache.set(key, ids, PAGE_TIMEOUT)
    pk, meeting_id = ids
    return ["site", f"plan:{pk}", f"meeting:{meeting_id}"]


