"""Who may be sent a visa invitation letter: one rule for the visa-letter page, the single
letter, the all-in-one PDF and the admin action; and what a request for a letter must
carry: one rule for the registration form, the admin's form and the import.

A letter invites a person to the meeting, so it is only for someone who holds a seat
(pending or confirmed, not on the waiting list), and it carries the passport details an
embassy needs, so every one of them must be on file. What stands in the way is said in
words (the status, the names of the missing details), never with the details' values.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .models import Registration

# The passport details an embassy needs, which the registration form asks for whenever a
# letter is asked for (the date of issue is printed when given).
VISA_LETTER_FIELDS = ("passport_number", "passport_nationality", "passport_expires_on",
                      "date_of_birth")


def visa_request_errors(values, *, meeting=None, today=None):
    """{field name: ValidationError} of what stands in the way of a visa letter that
    `values` (a registration's fields by name) asks for: each passport detail the letter
    needs, a passport still valid after `meeting`, a date of birth in the past. Empty when
    no letter is asked for or nothing is missing."""
    if not values.get("needs_visa_letter"):
        return {}
    errors = {
        name: ValidationError(_("Needed for the visa invitation letter."),
                              code="required_for_visa")
        for name in VISA_LETTER_FIELDS if values.get(name) in (None, "")
    }
    expires = values.get("passport_expires_on")
    end = meeting and (meeting.end_date or meeting.start_date)
    if expires and end and expires <= end:
        errors["passport_expires_on"] = ValidationError(
            _("Your passport must still be valid after the meeting."), code="passport_expired")
    born = values.get("date_of_birth")
    if born and born >= (today or timezone.localdate()):
        errors["date_of_birth"] = ValidationError(_("Give your date of birth."),
                                                  code="invalid_birth_date")
    return errors


def missing_passport_details(registration):
    """The names ("passport number", "date of birth") of the details a letter needs that
    `registration` does not hold, in the order the letter prints them."""
    return [str(Registration._meta.get_field(name).verbose_name)
            for name in VISA_LETTER_FIELDS if getattr(registration, name) in (None, "")]


def visa_letter_obstacles(registration):
    """Why no letter can be printed for `registration` (an empty list when one can)."""
    obstacles = []
    if not registration.needs_visa_letter:
        obstacles.append(_("has not asked for a visa invitation letter"))
    if not registration.holds_seat:
        obstacles.append(format_lazy(_("holds no seat ({status})"),
                                     status=registration.get_status_display()))
    missing = missing_passport_details(registration)
    if missing:
        obstacles.append(format_lazy(_("passport details missing: {fields}"),
                                     fields=", ".join(missing)))
    return [str(obstacle) for obstacle in obstacles]


def may_have_visa_letter(registration):
    """Whether a visa invitation letter may be printed for `registration`: it asked for
    one, holds a seat and has every passport detail the letter prints."""
    return not visa_letter_obstacles(registration)


def with_visa_letter(registrations):
    """(printable, held back): the registrations a letter may be printed for, and the
    others as (registration, obstacles), both in the order given."""
    printable, held_back = [], []
    for registration in registrations:
        obstacles = visa_letter_obstacles(registration)
        if obstacles:
            held_back.append((registration, obstacles))
        else:
            printable.append(registration)
    return printable, held_back
