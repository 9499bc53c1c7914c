"""The public pages, kept in Django's cache for anonymous visitors: the public site's pages
(`public.views`), a meeting's documents page (`documents.views`) and, with the scopes of
`action_plans.page_cache`, the action plans' pages.

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

A change bumps the versions of the scopes it affects (``asem_customs.page_versions``, bumped
by each app's ``signals.py``), so the next
request builds a fresh page and old entries simply expire. Versions are random tokens, not
counters, so that a version evicted from the cache can never bring back an old page. A bump
happens at once (so the writer's next request sees its edit) and again when the transaction
commits (so a reader that built the page from not-yet-committed-over data while the first bump
was fresh cannot leave an old page under the current version).

A page is stored under its path alone, with the version token of every scope it showed, read
before it was built; it is served only while each of those tokens is still current. A hit is
one ``get_many`` of the page and its versions (one round trip when pages and versions share a
cache, as with Redis): each process remembers, as a hint, which versions a path depended on
when it last served it, so it asks for them together with the page. A hint is never trusted:
a page whose versions were not all fetched costs a second round trip, and a version that
changed is a miss, whatever the hint said.

A page is kept compressed too, once when it is stored: a browser that accepts gzip (every
browser) is sent those bytes, any other client the page as built; both carry
``Vary: Accept-Encoding``.

A page also expires at the next local midnight (upcoming meetings become past) and at the next
opening or closing of a registration window (the call to register appears or goes).
"""

import datetime as dt
import functools
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.gzip import re_accepts_gzip
from django.template.response import SimpleTemplateResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.text import compress_string
from django.utils.translation import get_language

from asem_customs.page_versions import (
    KEY_PREFIX,
    _digest,
    get_with_versions,
    kept_under,
    version_key,
    versions,
    versions_cache,
)

from .models import Meeting
from .selectors import next_registration_change

PAGE_TIMEOUT = 60 * 60
CACHED_HEADERS = ("Content-Type", "Content-Disposition", "Last-Modified", "X-Robots-Tag")
# A page is kept compressed too (once, when stored) for the browsers that accept gzip, as
# every browser does: 35 kB of an action plan travel as 5. Smaller pages gain nothing.
COMPRESSED_FROM_BYTES = 1024

# --- Looking up a page's scopes without touching the database on a hit -------------------

def ids_by_slug(queryset, slug, fields, *, scope):
    """The `fields` of the row of `queryset` with this slug, or None when there is none.

    The answer is itself cached under the version of `scope`, which every save of such a row
    bumps, so a renamed slug is seen at once.
    """
    return kept_under([scope], f"slug:{queryset.model._meta.label_lower}:{slug}",
                      lambda: queryset.filter(slug=slug).values_list(*fields).first())


def meeting_scopes(slug):
    """The scopes of the meeting page with this slug, or None when there is no such meeting."""
    ids = ids_by_slug(Meeting.objects, slug, ("pk", "series_id"), scope="meetings")
    if ids is None:
        return None
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
    # The compiled catalogues too: a new translation never meets a page cached before it.
    stamps = sorted(
        f"{path.relative_to(base)}:{path.stat().st_mtime_ns}"
        for folder in [*folders, *map(Path, settings.LOCALE_PATHS)]
        for pattern in ("*.html", "*.py", "*.mo")
        for path in folder.rglob(pattern)
    )
    return _digest("\n".join(stamps))[:12]


def page_key(request):
    """Where the page at this address is kept, in this language and this release."""
    path = _digest(f"{request.get_host()}{request.path}")
    return f"{KEY_PREFIX}:page:{release()}:{get_language()}:{path}"


# The versions each page depended on when this process last served it: only a hint of what to
# fetch with the page (the page itself says what it depends on), so that a hit is one round
# trip. Bounded; losing it costs a round trip, never a stale page.
_dependency_hints = {}
_HINTS_KEPT = 10_000
_FIRST_GUESS = tuple(version_key(scope) for scope in ("site", "meetings"))


def _cached_page(key):
    """The stored page under `key` when every version it was built under is still current,
    else None."""
    guess = _dependency_hints.get(key, _FIRST_GUESS)
    found = get_with_versions(key, guess)
    entry = found.pop(key, None)
    if entry is None:
        return None
    built_under, content, compressed, headers = entry
    unfetched = [version for version in built_under if version not in guess]
    if unfetched:
        found.update(versions_cache().get_many(unfetched))
    if len(_dependency_hints) >= _HINTS_KEPT:
        _dependency_hints.clear()
    _dependency_hints[key] = tuple(built_under)
    if any(found.get(version) != token for version, token in built_under.items()):
        return None
    return content, compressed, headers


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
    (meetings_version,) = versions(["meetings"])
    key = f"{KEY_PREFIX}:next-change:{meetings_version}"
    cached = cache.get(key)
    if cached is None or (cached and cached <= now):
        cached = next_registration_change(now) or False
        cache.set(key, cached, PAGE_TIMEOUT)
    return cached or None


def _freeze(response, built_under):
    """What is stored of a page: the versions it was built under, its bytes, the same bytes
    compressed (None for a small page or an already compressed one) and its headers. A page
    kept here holds no secret (no CSRF token, nothing of a visitor), so compressing it
    reveals nothing (BREACH needs a secret beside what an attacker sends)."""
    headers = {name: response[name] for name in CACHED_HEADERS if response.has_header(name)}
    content = response.content
    compressed = None
    if len(content) >= COMPRESSED_FROM_BYTES and not response.has_header("Content-Encoding"):
        compressed = compress_string(content)
    return (built_under, content, compressed, headers)


def _thaw(request, content, compressed, headers):
    # Whether the client accepts gzip, read as Django's GZipMiddleware reads it.
    if compressed is not None and re_accepts_gzip.search(
            request.META.get("HTTP_ACCEPT_ENCODING", "")):
        response = HttpResponse(compressed)
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(content)
    for name, value in headers.items():
        response[name] = value
    # The same address answers in two encodings: a shared cache must keep them apart.
    patch_vary_headers(response, ("Accept-Encoding",))
    response["X-Public-Cache"] = "hit"
    return response


def cached_public_page(scopes_for, sees_public_page=None):
    """Serve the view from the cache for anonymous visitors.

    ``scopes_for(**view_kwargs)`` names the scopes the page shows, or returns None for a
    page that should not be cached (for example one that will answer 404).
    ``sees_public_page(request)``, for a page that some anonymous visitors see otherwise
    (the documents of a meeting, for a delegate who opened the link of a registration),
    says whether this visitor sees the page everyone sees; the others never meet the cache.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not _request_is_cacheable(request) or (
                    sees_public_page is not None and not sees_public_page(request)):
                return view(request, *args, **kwargs)
            key = page_key(request)
            page = _cached_page(key)
            if page is not None:
                return _thaw(request, *page)
            scopes = scopes_for(**kwargs)
            if scopes is None:
                return view(request, *args, **kwargs)
            # Read before the page is built: a change committed while it is built leaves it
            # under versions that are no longer current.
            built_under = dict(zip(map(version_key, scopes), versions(scopes), strict=True))
            response = view(request, *args, **kwargs)
            if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
                response.render()
            if _response_is_cacheable(request, response):
                cache.set(key, _freeze(response, built_under), page_timeout())
                patch_vary_headers(response, ("Accept-Encoding",))
                response["X-Public-Cache"] = "miss"
            return response

        return wrapper

    return decorator


def scopes(*names):
    """``scopes_for`` for pages whose scopes do not depend on the URL."""
    return lambda **kwargs: ["site", *names]


def meeting_page_scopes(**kwargs):
    return meeting_scopes(kwargs["slug"])
