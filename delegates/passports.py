"""How passport details are shown back: one rule for every form, page, export and admin.

Passport details (number, nationality, dates of issue and expiry, date of birth) are entered
and never displayed back in full, except to those who may see them
(`asem_customs.roles.can_see_passport_details`: the `delegates.see_passport_details`
permission, on the visa-letter pages and in the admin). Everyone else, the person who
registered included, sees the number masked to its last three characters (`•••••67X`) and
the other details as "on file".
"""

from django.utils.translation import gettext as _

from asem_customs.roles import can_see_passport_details

from .enums import PASSPORT_FIELDS

MASK = "•••••"
SHOWN_TAIL = 3


def mask_passport_number(number):
    """`•••••67X`: the last three characters only, and nothing of a number that short."""
    number = (number or "").strip()
    if not number:
        return ""
    tail = number[-SHOWN_TAIL:] if len(number) > SHOWN_TAIL else ""
    return MASK + tail


def masked_value(field, value):
    """What may be shown of a stored passport detail to someone who may not see it: the
    masked number, "on file" for anything else held, "" when nothing is held."""
    if value in (None, ""):
        return ""
    if field == "passport_number":
        return mask_passport_number(value)
    return _("on file")


def shown_value(field, value, *, user):
    """The stored value in full for those who may see passport details, masked otherwise."""
    if can_see_passport_details(user):
        return value
    return masked_value(field, value)


def stored_passport_details(registration):
    """{field: stored value} of the passport details a registration holds (empty ones left out)."""
    if registration is None or registration.pk is None:
        return {}
    values = {field: getattr(registration, field) for field in PASSPORT_FIELDS}
    return {field: value for field, value in values.items() if value not in (None, "")}
