"""The public pages, kept in Django's cache for anonymous visitors.

A cached page is stored under a key made of its path and the *versions* of the data it shows.
A version is a short random token kept in the cache under a scope name:

- ``site``: reference data shown everywhere (members, topics, series, reporting bodies);
- ``meetings``: the list of meetings (home, lists, series, sitemap, feeds, member and topic
  pages show meeting titles and places);
- ``series:<pk>``: the meetings of one series (a meeting page names its previous and next);
- ``meeting:<pk>``: one meeting with its agenda, speakers, action plans and attendance;
- ``members``: participation counts on the member pages;
- ``topics``: where each topic was discussed;
- ``plan:<pk>``: one action plan page; ``plans``: which slug names which plan.

A change bumps the versions of the scopes it affects (see ``meetings.signals``), so the next
request builds a fresh page and old entries simply expire. Versions are random tokens, not
counters, so that a version evicted from the cache can never bring back an old page. A bump
happens at once (so the writer's next request sees its edit) and again when the transaction
commits (so a reader that built the page from not-yet-committed-over data while the first bump
was fresh cannot leave an old page under the current version).

A page also expires at the next local midnight (upcoming meetings become past) and at the next
opening or closing of a registration window (the call to register appears or goes).
"""

import datetime as dt
import functools
import hashlib
import uuid
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction
from django.template.response import SimpleTemplateResponse
from django.utils import timezone
from django.utils.translation import get_language

PAGE_TIMEOUT = 60 * 60
KEY_PREFIX = "public"
CACHED_HEADERS = ("Content-Type", "Content-Disposition", "Last-Modified", "X-Robots-Tag")


def _version_key(scope):
    return f"{KEY_PREFIX}:v:{scope}"


def _digest(text):
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _new_token():
    return uuid.uuid4().hex[:12]


def _versions_cache():
    """Where versions live: a cache every process shares. Pages may stay in a cache of one
    process's memory, but a bump made by one process must reach all of them."""
    if "public_versions" in settings.CACHES:
        return caches["public_versions"]
    return cache


def versions(scopes):
    """The current version token of each scope, creating the missing ones."""
    store = _versions_cache()
    keys = [_version_key(scope) for scope in scopes]
    found = store.get_many(keys)
    missing = {key: _new_token() for key in keys if key not in found}
    if missing:
        for key, token in missing.items():
            # add(): when two requests create a version together, the first one wins.
            if not store.add(key, token, timeout=None):
                missing[key] = store.get(key, token)
        found.update(missing)
    return [found[key] for key in keys]


def bump(*scopes):
    """Make every page that shows one of these scopes build afresh, once the current
    transaction (if any) has committed."""
    scopes = tuple(scope for scope in scopes if scope)

    def _bump():
        _versions_cache().set_many(
            {_version_key(scope): _new_token() for scope in scopes}, timeout=None
        )

    if scopes:
        _bump()
        transaction.on_commit(_bump)


def bump_meeting(meeting_id, series_id=None):
    """One meeting changed (its agenda, attendance, plans...)."""
    bump(f"meeting:{meeting_id}", f"series:{series_id}" if series_id else None)


def bump_everything():
    """Reference data changed, or data was loaded in bulk past the signals: all pages."""
    bump("site")


# --- Looking up a meeting's scopes without touching the database on a hit -----------------

def meeting_scopes(slug):
    """The scopes of the meeting page with this slug, or None when there is no such meeting.

    The slug → (pk, series) map is itself cached under the ``meetings`` version, which every
    meeting save bumps, so a renamed slug is seen at once.
    """
    from .models import Meeting

    (meetings_version,) = versions(["meetings"])
    key = f"{KEY_PREFIX}:slug:{meetings_version}:{_digest(slug)}"
    ids = cache.get(key)
    if ids is None:
        ids = Meeting.objects.filter(slug=slug).values_list("pk", "series_id").first()
        if ids is None:
            return None
        cache.set(key, ids, PAGE_TIMEOUT)
    pk, series_id = ids
    return ["site", "meetings", f"series:{series_id}", f"meeting:{pk}"]


# --- The page cache itself -----------------------------------------------------------------

def _request_is_cacheable(request):
    if request.method not in ("GET", "HEAD") or request.GET:
        return False
    storage = getattr(request, "_messages", None)
    if storage is not None and len(storage):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def _response_is_cacheable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # the page holds a CSRF token: it belongs to one visitor
    storage = getattr(request, "_messages", None)
    return not (storage is not None and len(storage))


@functools.cache
def release():
    """A token of the code and templates this process runs: a deploy that changes a page's
    template or view never serves pages rendered by the previous release."""
    from django.apps import apps

    base = Path(settings.BASE_DIR)
    folders = [base / "templates", base / "asem_customs"] + [
        Path(config.path) for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(base) and "site-packages" not in Path(config.path).parts
    ]
    stamps = sorted(
        f"{path.relative_to(base)}:{path.stat().st_mtime_ns}"
        for folder in folders
        for pattern in ("*.html", "*.py")
        for path in folder.rglob(pattern)
    )
    return _digest("\n".join(stamps))[:12]


def page_key(request, scopes):
    tokens = ":".join(versions(scopes))
    path = _digest(f"{request.get_host()}{request.path}")
    return f"{KEY_PREFIX}:page:{release()}:{get_language()}:{path}:{tokens}"


def page_timeout(now=None):
    """Seconds a page may be kept: until the next local midnight or the next opening or
    closing of a registration window, at most PAGE_TIMEOUT."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    midnight = timezone.make_aware(
        dt.datetime.combine(local.date() + dt.timedelta(days=1), dt.time.min),
        local.tzinfo,
    )
    moments = [midnight, now + dt.timedelta(seconds=PAGE_TIMEOUT)]
    change = _next_registration_change(now)
    if change is not None:
        moments.append(change)
    return max(1, int((min(moments) - now).total_seconds()))


def _next_registration_change(now):
    from .selectors import next_registration_change

    (meetings_version,) = versions(["meetings"])
    key = f"{KEY_PREFIX}:next-change:{meetings_version}"
    cached = cache.get(key)
    if cached is None or (cached and cached <= now):
        cached = next_registration_change(now) or False
        cache.set(key, cached, PAGE_TIMEOUT)
    return cached or None


def _freeze(response):
    headers = {name: response[name] for name in CACHED_HEADERS if response.has_header(name)}
    return (response.content, headers)


def _thaw(frozen):
    from django.http import HttpResponse

    content, headers = frozen
    response = HttpResponse(content)
    for name, value in headers.items():
        response[name] = value
    response["X-Public-Cache"] = "hit"
    return response


def cached_public_page(scopes_for):
    """Serve the view from the cache for anonymous visitors.

    ``scopes_for(**view_kwargs)`` names the scopes the page shows, or returns None for a
    page that should not be cached (for example one that will answer 404).
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not _request_is_cacheable(request):
                return view(request, *args, **kwargs)
            scopes = scopes_for(**kwargs)
            if scopes is None:
                return view(request, *args, **kwargs)
            key = page_key(request, scopes)
            frozen = cache.get(key)
            if frozen is not None:
                return _thaw(frozen)
            response = view(request, *args, **kwargs)
            if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
                response.render()
            if _response_is_cacheable(request, response):
                cache.set(key, _freeze(response), page_timeout())
                response["X-Public-Cache"] = "miss"
            return response

        return wrapper

    return decorator


def scopes(*names):
    """``scopes_for`` for pages whose scopes do not depend on the URL."""
    return lambda **kwargs: ["site", *names]


def meeting_page_scopes(**kwargs):
    return meeting_scopes(kwargs["slug"])


def plan_page_scopes(**kwargs):
    """Scopes of an action plan page: the plan and the meeting that adopted it."""
    from action_plans.models import ActionPlan

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


# --- What a change affects (connected in MeetingsConfig.ready) -----------------------------

# Fields of a registration that public pages show: attendance counts, participation counts and,
# where published, names. A save that touches none of them leaves the pages as they are, so a
# rush of new pending registrations never empties the cache.
PUBLIC_REGISTRATION_FIELDS = frozenset({
    "status", "meeting", "member", "publish_name", "given_name", "family_name",
    "family_name_first", "honorific", "position", "organisation",
})


def meeting_changed(sender, instance, **kwargs):
    bump("meetings", f"meeting:{instance.pk}", f"series:{instance.series_id}")


def reference_data_changed(sender, **kwargs):
    bump_everything()


def agenda_item_changed(sender, instance, **kwargs):
    bump(f"meeting:{instance.meeting_id}", "topics")


def agenda_item_relations_changed(sender, instance, action, reverse, **kwargs):
    if not action.startswith("post_"):
        return
    if reverse:  # topic.agenda_items.add(...): the topic side changed
        bump_everything()
    else:
        bump(f"meeting:{instance.meeting_id}", "topics")


def speaker_changed(sender, instance, **kwargs):
    from .models import AgendaItem

    meeting_id = (
        AgendaItem.objects.filter(pk=instance.agenda_item_id)
        .values_list("meeting_id", flat=True).first()
    )
    bump(f"meeting:{meeting_id}" if meeting_id else None)


def _plan_scopes(plan_id):
    from action_plans.models import ActionPlan

    from .models import AgendaItem

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
    from action_plans.models import ActionPoint

    plan_id = (
        ActionPoint.objects.filter(pk=instance.action_point_id)
        .values_list("plan_id", flat=True).first()
    )
    if plan_id:
        bump(*_plan_scopes(plan_id))


def registration_changed(sender, instance, created=False, update_fields=None, **kwargs):
    from delegates.enums import RegistrationStatus

    if created and instance.status != RegistrationStatus.CONFIRMED:
        return
    if update_fields is not None and not (set(update_fields) & PUBLIC_REGISTRATION_FIELDS):
        return
    bump(f"meeting:{instance.meeting_id}", "members")


def connect_signals():
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from action_plans.models import ActionPoint

    from .models import AgendaItem

    def on_change(handler, sender):
        uid = f"public-cache:{sender}:{handler.__name__}"
        post_save.connect(handler, sender=sender, dispatch_uid=f"{uid}:save")
        post_delete.connect(handler, sender=sender, dispatch_uid=f"{uid}:delete")

    on_change(meeting_changed, "meetings.Meeting")
    for model in ("MeetingSeries", "Member", "Topic", "ReportingBody"):
        on_change(reference_data_changed, f"meetings.{model}")
    on_change(reference_data_changed, "action_plans.ActionArea")
    on_change(agenda_item_changed, "meetings.AgendaItem")
    on_change(speaker_changed, "meetings.Speaker")
    on_change(action_plan_changed, "action_plans.ActionPlan")
    on_change(action_point_changed, "action_plans.ActionPoint")
    on_change(action_point_record_changed, "action_plans.ProgressReport")
    on_change(action_point_record_changed, "action_plans.ActionPointStatusChange")
    on_change(registration_changed, "delegates.Registration")
    for through in (AgendaItem.topics.through, AgendaItem.reporting_bodies.through):
        m2m_changed.connect(
            agenda_item_relations_changed, sender=through,
            dispatch_uid=f"public-cache:{through.__name__}",
        )
    for through in (ActionPoint.lead_members.through, ActionPoint.participating_members.through):
        m2m_changed.connect(
            action_point_relations_changed, sender=through,
            dispatch_uid=f"public-cache:{through.__name__}",
        )
