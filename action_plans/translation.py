"""The public prose of action plans, written in each language of the site
(django-modeltranslation; see meetings/translation.py)."""

from modeltranslation.translator import TranslationOptions, register

from .models import ActionArea, ActionPlan, ActionPoint


@register(ActionArea)
class ActionAreaTranslation(TranslationOptions):
    fields = ("name",)
    empty_values = None


@register([ActionPlan, ActionPlan.history.model])
class ActionPlanTranslation(TranslationOptions):
    fields = ("title", "summary")
    empty_values = None


@register([ActionPoint, ActionPoint.history.model])
class ActionPointTranslation(TranslationOptions):
    fields = ("title", "description", "expected_outputs")
    empty_values = None
