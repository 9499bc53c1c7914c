"""Form fields shared by every app."""

import re

from django import forms
from django.core.exceptions import ValidationError

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
