"""Which characters a registration's text may hold, in one place.

A name, a position or a phone number is printed on badges, letters and lists and opened in
spreadsheets. Unicode non-characters (U+FDD0–U+FDEF and every U+xFFFE/U+xFFFF), control
characters and lone surrogates have no place there: the forms refuse them with a message
naming the field, and the exports and PDFs strip them from data stored before this rule.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# Characters kept in text that may run over several lines (a reason, a note).
LINE_BREAKS = "\t\n\r"
_NONCHARACTER_RANGES = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}"
    for plane in range(17)
)
# C0 and C1 control characters, DEL, lone surrogates and non-characters.
_UNPRINTABLE = re.compile(f"[\x00-\x1f\x7f-\x9f\ud800-\udfff{_NONCHARACTER_RANGES}]")


def _is_unprintable(character, keep):
    return character not in keep and _UNPRINTABLE.fullmatch(character) is not None


def unprintable_characters(value, *, keep=""):
    """The characters of `value` that no field may hold (`keep`: those allowed here)."""
    return [c for c in _UNPRINTABLE.findall(value or "") if c not in keep]


def strip_unprintable(value, *, keep="\n"):
    """`value` without the characters no export can hold (line feeds kept by default)."""
    if not value:
        return value
    return _UNPRINTABLE.sub(lambda m: m.group() if m.group() in keep else "", value)


def describe(character):
    return f"U+{ord(character):04X}"


@deconstructible
class PrintableTextValidator:
    """Refuse non-characters, control characters (tab and line breaks only where the field
    is multi-line) and lone surrogates, naming the field and the character."""

    code = "unprintable_character"

    def __init__(self, label=None, *, multiline=False):
        self.label = label
        self.multiline = multiline

    def __call__(self, value):
        found = unprintable_characters(value, keep=LINE_BREAKS if self.multiline else "")
        if not found:
            return
        characters = ", ".join(dict.fromkeys(describe(c) for c in found))
        if self.label:
            message = _("“%(field)s” contains a character that cannot be printed or stored "
                        "(%(characters)s). Remove it and type the text again.")
        else:
            message = _("This text contains a character that cannot be printed or stored "
                        "(%(characters)s). Remove it and type the text again.")
        raise ValidationError(message, code=self.code,
                              params={"field": self.label, "characters": characters})

    def __eq__(self, other):
        return (isinstance(other, PrintableTextValidator) and self.label == other.label
                and self.multiline == other.multiline)


validate_printable_text = PrintableTextValidator()


# A registration needs a name: a given name, a family name or both (a one-part name is
# held as the family name). The database holds the same rule (`registration_has_a_name`).
NAME_REQUIRED = _("Give a given name or a family name.")


def validate_has_a_name(given_name, family_name, *, message=NAME_REQUIRED):
    """Refuse a registration with neither a given nor a family name (code `name_required`);
    the form, the import rows, the admin and the services all ask this."""
    if not ((given_name or "").strip() or (family_name or "").strip()):
        raise ValidationError(message, code="name_required")


class PrintableTextMixin:
    """A form whose every text field refuses unprintable characters (see the module)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field, forms.CharField):
                label = field.label or name.replace("_", " ").capitalize()
                field.validators.append(PrintableTextValidator(
                    label, multiline=isinstance(field.widget, forms.Textarea)))
