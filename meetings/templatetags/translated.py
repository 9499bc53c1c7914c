"""Content in the visitor's language, and a word where it is not (asem_customs.translated_content).

    {{ meeting|translated:"title" }}              a title, a name: inline
    {{ meeting|translated_paragraphs:"summary" }} prose: paragraphs

Where the visitor's language has no text yet, the English one is shown inside an element with
`lang="en"` (screen readers then pronounce it as English), and prose is preceded by a short note
saying so. Attributes and the page's <title> keep `{{ meeting.title }}`: it falls back the
same way, without markup.
"""

from django import template
from django.utils.html import format_html, linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from asem_customs.translated_content import shown

register = template.Library()


@register.filter
def translated(obj, field):
    """The text of `obj.<field>` for a heading, a link or a list."""
    found = shown(obj, field)
    if found.is_fallback:
        return format_html('<span lang="{}">{}</span>', found.language, found.text)
    return found.text


@register.filter
def translated_paragraphs(obj, field):
    """The text of `obj.<field>` as paragraphs (blank lines separate them), with the note
    before an English text shown in place of the visitor's language."""
    found = shown(obj, field)
    if not found.text:
        return ""
    paragraphs = mark_safe(linebreaks(found.text, autoescape=True))  # noqa: S308 (escaped)
    if not found.is_fallback:
        return paragraphs
    return format_html(
        '<p class="translation-note small text-body-secondary">{}</p><div lang="{}">{}</div>',
        _("This text is not yet available in this language; it is shown in English."),
        found.language, paragraphs)


@register.filter
def is_written(obj, field):
    """Whether `obj.<field>` has a text in some language (for `{% if %}`)."""
    return bool(shown(obj, field).text)
