"""Flight numbers, read loosely: people type them as their ticket shows them."""

import re

from django.utils.translation import gettext_lazy as _

# An airline's code (two characters, IATA, or three letters, ICAO), then one to four digits
# and sometimes a letter: "VN 31", "vn0031", "LH-782", "5J 818", "QTR8A".
FLIGHT_NUMBER = re.compile(r"([A-Z0-9]{2}|[A-Z]{3})(\d{1,4}[A-Z]?)")
FLIGHT_NUMBER_INVALID = _("Write the flight number as on the ticket, for example VN 31 or "
                          "LH 782.")


def normalise_flight(text):
    """`VN 31` for "vn-031 "; None when it cannot be a flight number; "" for nothing."""
    compact = re.sub(r"[\s\-.]", "", text or "").upper()
    if not compact:
        return ""
    match = FLIGHT_NUMBER.fullmatch(compact)
    if match is None or (match.group(1).isdigit()):
        return None
    airline, number = match.groups()
    digits = number.rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    return f"{airline} {int(digits)}{number[len(digits):]}"
