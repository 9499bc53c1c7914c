"""Every named address leads to its own page: no pattern earlier in the list takes another's
address (the patterns are tried in order, the public pages first, see asem_customs/urls.py)."""

import itertools
import uuid

import pytest
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.converters import IntConverter, PathConverter, UUIDConverter

# A value for each kind of part of an address that no literal address spells.
SAMPLES = {IntConverter: 4242, UUIDConverter: uuid.UUID(int=4242), PathConverter: "x9/y9"}


CANDIDATES = ("x9q7", 4242, uuid.UUID(int=4242))


def _sample(converter):
    return SAMPLES.get(type(converter), "x9q7")


def address_of(name, kwargs):
    """The address of `name` with sample values; for a pattern written as a regular
    expression (whose parts have no converter), the first sample values it takes."""
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        for values in itertools.product(CANDIDATES, repeat=len(kwargs)):
            try:
                return reverse(name, kwargs=dict(zip(kwargs, values, strict=True)))
            except NoReverseMatch:
                continue
    return None


def named_patterns(patterns=None, namespace=(), converters=None):
    """(name with its namespaces, {argument: sample value}) of every named pattern."""
    converters = converters or {}
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        found = {**converters, **getattr(pattern.pattern, "converters", {})}
        if isinstance(pattern, URLResolver):
            inner = (*namespace, pattern.namespace) if pattern.namespace else namespace
            yield from named_patterns(pattern.url_patterns, inner, found)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names = [*found, *(name for name in pattern.pattern.regex.groupindex
                               if name not in found)]
            yield (":".join((*namespace, pattern.name)),
                   {name: _sample(found.get(name)) for name in names})


def test_every_named_address_resolves_to_its_own_view():
    patterns = list(named_patterns())
    assert len(patterns) > 100
    unreversed, wrong = [], []
    for name, kwargs in patterns:
        address = address_of(name, kwargs)
        if address is None:
            unreversed.append(name)  # a pattern whose values are a fixed list (the admin's)
            continue
        match = resolve(address)
        if match.view_name != name:
            wrong.append(f"{address}: {name} is taken by {match.view_name}")
    assert wrong == []
    assert all(name.startswith("admin:") for name in unreversed), unreversed


@pytest.mark.parametrize("address, name", [
    ("/plans/my-action-points/", "plans:my_action_points"),
    ("/plans/action-plan-2018-2019/", "public:action_plan_detail"),
    ("/registrations/lost-link/", "delegates:lost_link"),
    ("/meetings/feed/", "public:summaries_feed"),
])
def test_a_literal_address_wins_over_a_pattern_that_would_take_it(address, name):
    assert resolve(address).view_name == name
