"""Every change of a person's travel details and hotel booking, with the room quotas.

`travel_details_save` is the one way in: the delegate's page behind the signed link, the
focal point's page of their delegation, the admin and the demo all call it.

Quotas: a hotel holds `RoomBlock.rooms` rooms on each night. A person's booking takes one
room on each night from check-in to the night before check-out. Before counting, the service
locks the hotel's row (`SELECT ... FOR UPDATE` on PostgreSQL), so two people booking the
last room of a night count one after the other, as `delegates.services.lock_meeting` does
for seats. Only registrations holding a seat (pending or confirmed) hold a room: a
cancelled one gives its nights back without anything to do.
"""

import datetime as dt
import unicodedata

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from asem_customs import roles
from delegates.enums import ACTIVE_STATUSES, SEAT_HOLDING_STATUSES
from delegates.forms import TRAVEL_WINDOW_DAYS
from delegates.models import FocalPoint, Registration, RegistrationLogEntry

from .enums import Diet
from .models import Hotel, RoomBlock, TravelDetails
from .validators import FLIGHT_NUMBER_INVALID, normalise_flight

# Kept on the registration, where the registration form asks them too.
REGISTRATION_FIELDS = ("arrival_date", "departure_date", "dietary_needs",
                       "accessibility_needs")
TRAVEL_FIELDS = ("arrival_time", "arrival_flight", "arrival_airport", "arrival_transfer",
                 "departure_time", "departure_flight", "departure_airport",
                 "departure_transfer", "hotel", "check_in", "check_out", "diet")
EDITABLE_FIELDS = (*REGISTRATION_FIELDS, *TRAVEL_FIELDS)
TEXT_FIELDS = ("dietary_needs", "accessibility_needs", "arrival_airport",
               "departure_airport")
LOG_ACTION = "logistics.travel_details.changed"
# What a delegation's spreadsheet may tell of each person's travel (`secretariat.imports`):
# everything but the hotel, whose rooms are booked on the travel page within the blocks.
IMPORTABLE_FIELDS = ("arrival_time", "arrival_flight", "arrival_airport", "arrival_transfer",
                     "departure_time", "departure_flight", "departure_airport",
                     "departure_transfer", "diet")


class TravelError(ValidationError):
    """A travel or booking rule was broken; the message is for the person, `field` names
    the field it is about (None: the whole form)."""

    def __init__(self, message, *, code, field=None):
        super().__init__(message, code=code)
        self.field = field


def _user(actor):
    if actor is None or isinstance(actor, AnonymousUser) or not actor.is_authenticated:
        return None
    return actor


def lock_hotel(hotel):
    """Take the room lock of a hotel and return a fresh copy of it: every booking counts
    the hotel's rooms only while holding it."""
    return Hotel.objects.select_for_update().get(pk=hotel.pk)


def rooms_booked(hotel, night, *, exclude=None):
    """How many rooms of `hotel` are booked for the night beginning on `night`."""
    bookings = TravelDetails.objects.filter(
        hotel=hotel, check_in__lte=night, check_out__gt=night,
        registration__status__in=SEAT_HOLDING_STATUSES)
    if exclude is not None:
        bookings = bookings.exclude(registration_id=exclude)
    return bookings.count()


def check_rooms_free(*, hotel, nights, registration_id):
    """Raise TravelError when a night has no room block at `hotel` or no room left in it.
    Call with the hotel locked."""
    quotas = dict(RoomBlock.objects.filter(hotel=hotel, night__in=nights)
                  .values_list("night", "rooms"))
    for night in nights:
        day = date_format(night, "j F Y")
        if night not in quotas:
            raise TravelError(
                _("%(hotel)s holds no room for the meeting on the night of %(date)s: "
                  "choose other dates or another hotel.") % {"hotel": hotel.name, "date": day},
                code="no_room_block", field="check_in")
        if rooms_booked(hotel, night, exclude=registration_id) >= quotas[night]:
            raise TravelError(
                _("%(hotel)s has no room left for the night of %(date)s: choose another "
                  "hotel, or write to the secretariat.") % {"hotel": hotel.name, "date": day},
                code="hotel_full", field="hotel")


def _nights(check_in, check_out):
    return [check_in + dt.timedelta(days=n) for n in range((check_out - check_in).days)]


def normalise_data(data):
    """Trimmed NFC text, flight numbers written one way; unknown fields refused."""
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown travel fields: {', '.join(sorted(unknown))}")
    clean = dict(data)
    for field in TEXT_FIELDS:
        if field in clean:
            clean[field] = unicodedata.normalize("NFC", (clean[field] or "").strip())
    for field in ("arrival_flight", "departure_flight"):
        if field in clean:
            flight = normalise_flight(clean[field])
            if flight is None:
                raise TravelError(FLIGHT_NUMBER_INVALID, code="flight_number", field=field)
            clean[field] = flight
    if "diet" in clean:
        clean["diet"] = clean["diet"] or Diet.NONE
    return clean


def check_travel_dates(registration, details):
    """Arrival before departure, both near the meeting; times, transfers and nights only
    with what they need."""
    arrival, departure = registration.arrival_date, registration.departure_date
    if arrival and departure and departure < arrival:
        raise TravelError(_("The departure date cannot be before the arrival date."),
                          code="departure_before_arrival", field="departure_date")
    meeting = registration.meeting
    start, end = meeting.start_date, meeting.end_date or meeting.start_date
    if start is not None:
        window = dt.timedelta(days=TRAVEL_WINDOW_DAYS)
        earliest, latest = start - window, end + window
        for day, field in ((arrival, "arrival_date"), (departure, "departure_date"),
                           (details.check_in, "check_in"), (details.check_out, "check_out")):
            if day and not earliest <= day <= latest:
                raise TravelError(
                    _("Choose a date between %(first)s and %(last)s: at most %(days)s days "
                      "before or after the meeting.") % {
                        "first": date_format(earliest, "j F Y"),
                        "last": date_format(latest, "j F Y"), "days": TRAVEL_WINDOW_DAYS},
                    code="too_far_from_the_meeting", field=field)
        if arrival and arrival > end:
            raise TravelError(_("You would arrive after the meeting has ended."),
                              code="arrival_after_end", field="arrival_date")
        if departure and departure < start:
            raise TravelError(_("You would leave before the meeting begins."),
                              code="departure_before_start", field="departure_date")
    for way, day in (("arrival", arrival), ("departure", departure)):
        if getattr(details, f"{way}_time") and not day:
            raise TravelError(_("Give the date with the time."), code="time_without_date",
                              field=f"{way}_date")
        if getattr(details, f"{way}_transfer"):
            if not (day and getattr(details, f"{way}_time")):
                raise TravelError(_("An airport transfer needs the date and time of the "
                                    "flight."), code="transfer_without_time",
                                  field=f"{way}_time")
            if not getattr(details, f"{way}_airport"):
                raise TravelError(_("Say at which airport the transfer is wanted."),
                                  code="transfer_without_airport", field=f"{way}_airport")


def _check_hotel(registration, details):
    if details.hotel is None:
        details.check_in = details.check_out = None
        return []
    if details.hotel.meeting_id != registration.meeting_id:
        raise TravelError(_("Choose one of the hotels of this meeting."), code="other_meeting",
                          field="hotel")
    if not (details.check_in and details.check_out):
        raise TravelError(_("Give the check-in and check-out dates at the hotel."),
                          code="nights_required", field="check_in")
    if details.check_out <= details.check_in:
        raise TravelError(_("Check-out must be after check-in."), code="check_out_first",
                          field="check_out")
    if registration.status not in SEAT_HOLDING_STATUSES:
        raise TravelError(_("A hotel room is booked once the registration holds a seat."),
                          code="no_seat", field="hotel")
    return _nights(details.check_in, details.check_out)


def _check_scope(registration, actor):
    """A focal point acts only for its own member; anyone else reaching here is the
    delegate through their link or the secretariat."""
    user = _user(actor)
    if user is None or roles.is_secretariat_editor(user):
        return
    focal_point = FocalPoint.objects.filter(user=user).only("member_id").first()
    if focal_point is not None and focal_point.member_id != registration.member_id:
        raise TravelError(_("A focal point can only manage its own member's delegation."),
                          code="not_your_delegation")


def _check_still_open(registration, actor):
    """Delegates and focal points change their travel until the meeting's last day; the
    secretariat at any time."""
    if registration.status not in ACTIVE_STATUSES:
        raise TravelError(_("A cancelled or rejected registration has no travel to change."),
                          code="inactive")
    if actor is roles.SYSTEM or roles.is_secretariat_editor(_user(actor)):
        return
    meeting = registration.meeting
    last_day = meeting.end_date or meeting.start_date
    if last_day and last_day < timezone.localdate():
        raise TravelError(_("The meeting is over: travel details can no longer be changed."),
                          code="meeting_over")


def travel_details_save(*, registration, data, actor=None) -> TravelDetails:
    """Set a person's travel details (`data`: EDITABLE_FIELDS, the registration's dates and
    needs included) and book their hotel nights.

    Guarantees: the dates are in order and near the meeting; a transfer has its flight's
    time and airport; no night of a hotel is booked beyond its room block, even when many
    book at once (the hotel's row is locked while its rooms are counted); a focal point
    changes only its own delegation. Logged on the registration as
    `logistics.travel_details.changed` with the actor. Raises TravelError."""
    clean = normalise_data(data)
    with transaction.atomic():
        fresh = (Registration.objects.select_for_update(of=("self",))
                 .select_related("meeting").get(pk=registration.pk))
        _check_scope(fresh, actor)
        _check_still_open(fresh, actor)
        details = TravelDetails.objects.filter(registration=fresh).first() or TravelDetails(
            registration=fresh)
        for field, value in clean.items():
            setattr(fresh if field in REGISTRATION_FIELDS else details, field, value)
        check_travel_dates(fresh, details)
        nights = _check_hotel(fresh, details)
        if nights:
            lock_hotel(details.hotel)
            check_rooms_free(hotel=details.hotel, nights=nights, registration_id=fresh.pk)
        changed = [field for field in REGISTRATION_FIELDS if field in clean]
        if changed:
            fresh.save(update_fields=[*changed, "updated_at"])
        details.updated_by = _user(actor)
        details.save()
        RegistrationLogEntry.objects.create(
            registration=fresh, action=LOG_ACTION, from_status=fresh.status,
            to_status=fresh.status, actor=_user(actor))
    for field in REGISTRATION_FIELDS:
        setattr(registration, field, getattr(fresh, field))
    return details


def travel_details_erase(*, registration):
    """Forget a person's travel details and hotel booking (the privacy tools' eraser,
    `delegates.erasure`); their room goes back to the block."""
    TravelDetails.objects.filter(registration_id=registration.pk).delete()


def registration_released(registration, *, actor=None):
    """The registration no longer holds its seat (cancelled, rejected, put on the waiting
    list): its hotel nights go back to the room blocks and are forgotten, so that a person
    promoted from the waiting list later books again within what is free then, and no night
    is ever counted beyond its block. Flights, transfers and the diet are kept. Called by
    `delegates.services` (`delegates.extensions`) with the registration locked."""
    booked = TravelDetails.objects.filter(registration_id=registration.pk,
                                          hotel__isnull=False).select_related("hotel").first()
    if booked is None:
        return
    note = f"{booked.hotel.name}, {booked.check_in.isoformat()} to {booked.check_out.isoformat()}"
    booked.hotel, booked.check_in, booked.check_out = None, None, None
    booked.save(update_fields=["hotel", "check_in", "check_out", "updated_at"])
    RegistrationLogEntry.objects.create(
        registration_id=registration.pk, action="logistics.hotel_nights.released",
        from_status=registration.status, to_status=registration.status, actor=_user(actor),
        note=note)


def check_imported_travel(*, meeting, data):
    """The travel of one imported row (`data`: the registration's arrival and departure
    dates and any of IMPORTABLE_FIELDS), normalised and checked by the rules of
    `travel_details_save`; returns the travel fields to store. Raises TravelError."""
    travel = normalise_data({field: data[field] for field in IMPORTABLE_FIELDS
                             if field in data})
    registration = Registration(meeting=meeting, arrival_date=data.get("arrival_date"),
                                departure_date=data.get("departure_date"))
    check_travel_dates(registration, TravelDetails(**travel))
    return travel


def travel_details_import(*, travels, actor=None):
    """Store the travel of newly imported registrations at once: `travels` are
    (registration, travel fields from `check_imported_travel`) pairs; a pair whose fields
    all are empty stores nothing. No hotel: no room quota is involved."""
    details = [TravelDetails(registration=registration, updated_by=_user(actor), **travel)
               for registration, travel in travels if any(travel.values())]
    TravelDetails.objects.bulk_create(details, batch_size=500)
    RegistrationLogEntry.objects.bulk_create([
        RegistrationLogEntry(registration=detail.registration, action=LOG_ACTION,
                             from_status=detail.registration.status,
                             to_status=detail.registration.status, actor=_user(actor),
                             note="Imported with the delegation.")
        for detail in details], batch_size=500)
    return len(details)
