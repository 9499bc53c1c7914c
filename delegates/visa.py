"""Who may be sent a visa invitation letter: one rule for the visa-letter page, the single
letter, the all-in-one PDF and the admin action.

A letter invites a person to the meeting, so it is only for someone who holds a seat
(pending or confirmed, not on the waiting list), and it carries the passport details an
embassy needs, so every one of them must be on file. What stands in the way is said in
words (the status, the names of the missing details), never with the details' values.
"""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .models import Registration

# The passport details an embassy needs, which the registration form asks for whenever a
# letter is asked for (the date of issue is printed when given).
VISA_LETTER_FIELDS = ("passport_number", "passport_nationality", "passport_expires_on",
                      "date_of_birth")


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
