"""The template engine of mail templates: Django's own language on a closed context.

A mail template (a default file under `templates/mail/` or a meeting's override written by
the secretariat) sees only the placeholders its kind documents (`mail.kinds`), each given as
a plain string: there is no object to walk from, no method to call, no file to include,
no library to load. The tags and filters are a short list that cannot read anything else
nor make a message grow without bound (no loops, no padding filters).
"""

import functools

from django.template import (
    Context,
    Engine,
    Library,
    TemplateSyntaxError,
    defaultfilters,
    defaulttags,
)
from django.template.base import VariableNode
from django.templatetags import i18n
from django.utils.translation import gettext as _

MAX_SOURCE_LENGTH = 20000
ALLOWED_TAGS = ("if", "with", "firstof", "comment", "spaceless", "templatetag", "verbatim",
                "now", "autoescape", "filter")
ALLOWED_I18N_TAGS = ("translate", "trans", "blocktranslate", "blocktrans")
ALLOWED_FILTERS = (
    "add", "capfirst", "cut", "date", "default", "default_if_none", "escape", "first",
    "force_escape", "join", "last", "length", "linebreaksbr", "lower", "pluralize",
    "safe", "slugify", "striptags", "time", "title", "truncatechars", "truncatewords",
    "upper", "urlencode", "urlize", "wordcount", "yesno",
)

register = Library()
for _name in ALLOWED_TAGS:
    register.tags[_name] = defaulttags.register.tags[_name]
for _name in ALLOWED_I18N_TAGS:
    register.tags[_name] = i18n.register.tags[_name]
for _name in ALLOWED_FILTERS:
    register.filters[_name] = defaultfilters.register.filters[_name]



class _SandboxEngine(Engine):
    # Django's Engine adds its own tags and filters (include, load, debug, for...) to any
    # builtins it is given: here there are none but ours.
    default_builtins = []


# No loaders (nothing to include or extend), no libraries (nothing to load), no debug.
ENGINE = _SandboxEngine(dirs=[], app_dirs=False, loaders=[], libraries={},
                builtins=["mail.sandbox"], autoescape=False, debug=False,
                string_if_invalid="")


class MailTemplateError(Exception):
    """A mail template that cannot be used; the message is meant for the secretariat."""


def compile_template(source, *, placeholders):
    """The compiled template, or MailTemplateError saying what is wrong with `source`: a
    syntax error, a tag or filter that is not allowed, or a placeholder the kind does not
    have. Compiled once per process and source (a template is rendered, never changed:
    every mail of a kind has the same wording), so an import's 2,000 mails parse it once."""
    return _compiled(source, frozenset(placeholders))


@functools.lru_cache(maxsize=256)
def _compiled(source, placeholders):
    if len(source) > MAX_SOURCE_LENGTH:
        raise MailTemplateError(_("The template is longer than %(limit)s characters.")
                                % {"limit": MAX_SOURCE_LENGTH})
    try:
        template = ENGINE.from_string(source)
    except TemplateSyntaxError as exc:
        raise MailTemplateError(str(exc)) from exc
    unknown = sorted(_unknown_placeholders(template, set(placeholders)))
    if unknown:
        raise MailTemplateError(
            _("Unknown placeholder: %(names)s.")
            % {"names": ", ".join("{{ " + name + " }}" for name in unknown)}
        )
    return template


def _unknown_placeholders(template, known):
    for node in template.nodelist.get_nodes_by_type(VariableNode):
        variable = node.filter_expression.var
        lookups = getattr(variable, "lookups", None)
        if lookups and lookups[0] not in known:
            yield lookups[0]


def _plain(value):
    """Numbers stay numbers (for plurals); anything else becomes its text."""
    return value if isinstance(value, int) and not isinstance(value, bool) else str(value)


def render_source(source, *, placeholders, values):
    """Render `source` with only `values` (strings or whole numbers, for the names in
    `placeholders`)."""
    template = compile_template(source, placeholders=placeholders)
    context = {name: _plain(values.get(name, "")) for name in placeholders}
    try:
        return template.render(Context(context, autoescape=False))
    except Exception as exc:  # noqa: BLE001 - a template's fault is a message, never a 500
        raise MailTemplateError(f"{type(exc).__name__}: {exc}") from exc
