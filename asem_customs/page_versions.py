"""Versions of the data public pages show, shared by every process through the cache.

A version is a short random token kept under a scope name (``site``, ``meetings``,
``series:<pk>``, ``meeting:<pk>``, ``members``, ``topics``, ``plan:<pk>``, ``plans``). Each app
bumps the scopes its changes affect (its own ``signals.py``, connected in its AppConfig), and
the public page cache (``meetings.page_cache``) keys every page by the versions it shows.
Versions are random tokens, not counters, so that a version evicted from the cache can never
bring back an old page. A bump happens at once (so the writer's next request sees its edit)
and again when the transaction commits.
"""

import hashlib
import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from .shared_cache import shared_cache

KEY_PREFIX = "public"


def version_key(scope):
    return f"{KEY_PREFIX}:v:{scope}"


def _digest(text):
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _new_token():
    return uuid.uuid4().hex[:12]


def versions_cache():
    """Where versions live: a cache every process shares. Pages may stay in a cache of one
    process's memory, but a bump made by one process must reach all of them."""
    return shared_cache()


def versions(scopes):
    """The current version token of each scope, creating the missing ones."""
    store = versions_cache()
    keys = [version_key(scope) for scope in scopes]
    found = store.get_many(keys)
    missing = {key: _new_token() for key in keys if key not in found}
    if missing:
        for key, token in missing.items():
            # add(): when two requests create a version together, the first one wins.
            if not store.add(key, token, timeout=None):
                missing[key] = store.get(key, token)
        found.update(missing)
    return [found[key] for key in keys]


def get_with_versions(key, version_keys):
    """{key: value} of the entry under `key` (in the default cache) and of the versions
    under `version_keys`, those found: one round trip when both live in the same cache."""
    store = versions_cache()
    if store is cache:
        return cache.get_many([key, *version_keys])
    return {**store.get_many(version_keys), **cache.get_many([key])}


# How long a reading kept by `kept_under` may stay, at most (a bump ends it sooner).
READING_TIMEOUT = 60 * 60


def kept_under(scopes, name, read):
    """`read()`, kept in the cache under the current versions of `scopes` (and of ``site``,
    which a bulk load past the signals bumps): what every request would otherwise ask the
    database, such as the questions a meeting asks. A save that bumps one of the scopes is
    seen by the next request. None is never kept, so that a miss (a slug nobody has) fills
    nothing.

    The reading is kept with the version tokens it was read under, which are read before
    it (as the page cache does): a hit is one round trip for the reading and its versions
    together, and a reading made from data changed meanwhile is never served."""
    scopes = ["site", *scopes]
    keys = [version_key(scope) for scope in scopes]
    key = f"{KEY_PREFIX}:kept:{_digest(name)}"
    found = get_with_versions(key, keys)
    entry = found.get(key)
    if entry is not None and entry[0] == [found.get(version) for version in keys]:
        return entry[1]
    tokens = versions(scopes)
    reading = read()
    if reading is not None:
        cache.set(key, (tokens, reading), READING_TIMEOUT)
    return reading


def bump(*scopes):
    """Make every page that shows one of these scopes build afresh, once the current
    transaction (if any) has committed."""
    scopes = tuple(scope for scope in scopes if scope)

    def _bump():
        versions_cache().set_many(
            {version_key(scope): _new_token() for scope in scopes}, timeout=None
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


def bump_on_change(handler, sender):
    """Connect `handler` to the saves and deletions of `sender` ("app.Model")."""
    uid = f"public-cache:{sender}:{handler.__name__}"
    post_save.connect(handler, sender=sender, dispatch_uid=f"{uid}:save")
    post_delete.connect(handler, sender=sender, dispatch_uid=f"{uid}:delete")
