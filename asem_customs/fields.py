"""Form fields shared by every app."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator

# Primary keys are 64-bit; SQLite cannot even compare a larger integer (OverflowError).
_LARGEST_ID = 2**63 - 1


_DIGITS = re.compile(r"-?[0-9]+")


def _refuse_impossible_id(field, value):
    text = str(value).strip()
    if not _DIGITS.fullmatch(text):
        return  # not a number at all: Django's own check says "not one of the choices"
    digits = text.lstrip("-").lstrip("0")
    # Compared as text first: Python refuses to convert more than 4,300 digits at all.
    if len(digits) > len(str(_LARGEST_ID)) or int(digits or "0") > _LARGEST_ID:
        raise ValidationError(
            field.error_messages["invalid_choice"], code="invalid_choice",
            params={"value": text[:40]},
        )


class ModelChoiceField(forms.ModelChoiceField):
    """A `ModelChoiceField` that answers "not one of the choices" to any id, however large."""

    def to_python(self, value):
        if value not in self.empty_values:
            _refuse_impossible_id(self, value)
        return super().to_python(value)


class KeptChoiceIterator(ModelChoiceIterator):
    """The options of a `KeptModelChoiceField`: its kept list, not a query."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for instance in self.field.kept_choices():
            yield self.choice(instance)

    def __len__(self):
        return len(self.field.kept_choices()) + (self.field.empty_label is not None)

    def __bool__(self):
        return self.field.empty_label is not None or bool(self.field.kept_choices())


class KeptModelChoiceField(ModelChoiceField):
    """A `ModelChoiceField` whose choices are a list kept in the cache: given `kept_choices`, a
    function returning the instances in their order (read through
    `asem_customs.page_versions.kept_under`, so that a change shows at once), and both the
    options shown and the check of the chosen one read it instead of the database
    (`keep_choices`). Without it, the field reads its queryset as Django's does."""

    kept_choices = None

    def keep_choices(self, kept_choices):
        self.kept_choices = kept_choices
        self.widget.choices = self.choices

    def _get_choices(self):
        if self.kept_choices is None or hasattr(self, "_choices"):
            return super()._get_choices()
        return KeptChoiceIterator(self)

    choices = property(_get_choices, forms.ChoiceField.choices.fset)

    def to_python(self, value):
        if self.kept_choices is None or value in self.empty_values:
            return super().to_python(value)
        self.validate_no_null_characters(value)
        _refuse_impossible_id(self, value)
        key = self.to_field_name or "pk"
        if isinstance(value, self.queryset.model):
            value = getattr(value, key)
        model_field = self.queryset.model._meta.get_field(self.to_field_name or
                                                          self.queryset.model._meta.pk.name)
        try:
            wanted = model_field.to_python(value)
        except ValidationError:
            wanted = None
        found = next((instance for instance in self.kept_choices()
                      if wanted is not None and getattr(instance, key) == wanted), None)
        if found is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                  params={"value": value})
        return found


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A `ModelMultipleChoiceField` that answers "not one of the choices" to any id."""

    def _check_values(self, value):
        try:
            values = frozenset(value)
        except TypeError:
            values = ()
        for item in values:
            _refuse_impossible_id(self, item)
        return super()._check_values(value)
