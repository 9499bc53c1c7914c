"""A document's title, written in each language of the site (django-modeltranslation; see
meetings/translation.py). The files themselves carry their own language (`DocumentFile`)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Document


@register(Document)
class DocumentTranslation(TranslationOptions):
    fields = ("title",)
    empty_values = None
