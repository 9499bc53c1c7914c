"""The public prose of meetings, written in each language of the site (django-modeltranslation).

Each field named here gets one column per language (`title_en`, `title_fr`, `title_vi`); the
field itself reads the visitor's language and falls back to English. An empty translation is
stored as NULL ("not written"), so that unique names never collide on an empty string.

The history of a model (django-simple-history) is registered with the same fields, so that each
version keeps every language.
"""

from modeltranslation.translator import TranslationOptions, register

from .models import AgendaItem, Meeting, ReportingBody, Speaker, Topic


@register([Meeting, Meeting.history.model])
class MeetingTranslation(TranslationOptions):
    fields = ("title", "summary")
    empty_values = None


@register([AgendaItem, AgendaItem.history.model])
class AgendaItemTranslation(TranslationOptions):
    fields = ("title", "description", "outcome")
    empty_values = None


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("name", "description")
    empty_values = None


@register(ReportingBody)
class ReportingBodyTranslation(TranslationOptions):
    fields = ("name", "description")
    empty_values = None


@register(Speaker)
class SpeakerTranslation(TranslationOptions):
    # The position a speaker speaks in, and the organisation as the agenda credits it; the
    # name is the person's own.
    fields = ("position", "organisation")
    empty_values = None
