"""Content written in several languages (django-modeltranslation, registered in each app's
`translation.py`).

A translated field (`Meeting.title`) has one column per language of the site (`title_en`,
`title_fr`, `title_vi`). Reading the field gives the active language's text, or the English one
where that is not written yet (MODELTRANSLATION_FALLBACK_LANGUAGES). English is the language
every record is written in first; the others are added by the secretariat.

The helpers here answer the questions pages, search and forms ask: which columns a field has,
and in which language a text is actually shown (so that a page can say "shown in English" and
mark it `lang="en"`).
"""

from dataclasses import dataclass

from django.conf import settings
from modeltranslation.utils import build_localized_fieldname
from modeltranslation.utils import get_language as active_language

__all__ = ["Shown", "active_language", "content_languages", "fallback_language",
           "in_every_language", "other_languages", "shown", "translation_values",
           "write_translations"]


def content_languages():
    """The codes of the languages content may be written in, English first."""
    return [code for code, _name in settings.LANGUAGES]


def fallback_language():
    return settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def in_every_language(*fields):
    """The columns of translated fields: `in_every_language("title")` is
    `["title_en", "title_fr", "title_vi"]` (for search fields and the admin's read-only
    lists)."""
    return [build_localized_fieldname(field, code)
            for field in fields for code in content_languages()]


def translation_values(obj, field):
    """`{"en": "…", "fr": "…", "vi": None}`: what is written of `field` in each language."""
    return {code: getattr(obj, build_localized_fieldname(field, code), None)
            for code in content_languages()}


@dataclass(frozen=True)
class Shown:
    """The text of a field as a page shows it: `text`, and `language` when it is not the
    visitor's (the fallback), else None."""

    text: str
    language: str | None

    @property
    def is_fallback(self):
        return self.language is not None


def shown(obj, field, language=None):
    """The text of `obj.field` in `language` (the active one by default), or its English text
    marked as such when that language has none. Empty when nothing is written at all."""
    language = language or active_language()
    column = build_localized_fieldname(field, language)
    if not hasattr(obj, column):  # not a translated field: as it is
        return Shown(getattr(obj, field, "") or "", None)
    written = getattr(obj, column, None)
    if written:
        return Shown(written, None)
    fallback = fallback_language()
    text = getattr(obj, build_localized_fieldname(field, fallback), None) or ""
    if not text or language == fallback:
        return Shown(text, None)
    return Shown(text, fallback)


def other_languages():
    """The languages a text may be translated into: every content language but English."""
    return [code for code in content_languages() if code != fallback_language()]


def write_translations(obj, field, texts):
    """Set the columns of `field` on `obj` from `texts` ({"en": "…", "fr": "…"}), whatever
    language the request is in; an empty text removes that language's (English excepted: it is
    always written). Returns the names of the columns that changed, for `update_fields`."""
    changed = []
    for code, text in texts.items():
        if code not in content_languages():
            continue
        text = " ".join((text or "").split()) or None
        if text is None and code == fallback_language():
            continue
        column = build_localized_fieldname(field, code)
        if getattr(obj, column) != text:
            setattr(obj, column, text)
            changed.append(column)
    return changed
