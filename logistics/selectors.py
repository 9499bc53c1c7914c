"""Reads of a meeting's logistics: the lists the host asks for and the dashboard's counts.

Everyone in these lists holds a seat (pending or confirmed): a cancelled, rejected or
waiting registration travels nowhere yet. No list carries passport details."""

from collections import Counter
from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from delegates.enums import SEAT_HOLDING_STATUSES
from delegates.models import Registration

from .enums import Diet
from .models import Hotel, RoomBlock, TravelDetails


def travelling(meeting):
    """The seat-holding registrations of `meeting` with their travel details and hotel."""
    return (Registration.objects.filter(meeting=meeting, status__in=SEAT_HOLDING_STATUSES)
            .select_related("member", "travel", "travel__hotel"))


def travel_of(registration):
    """The registration's travel details, or an unsaved empty one."""
    try:
        return registration.travel
    except TravelDetails.DoesNotExist:
        return TravelDetails(registration=registration)


def arrivals(meeting):
    """[(day, [registration, ...])] by arrival date, then time (unknown times last)."""
    return _by_day(travelling(meeting).filter(arrival_date__isnull=False)
                   .order_by("arrival_date", "travel__arrival_time", "member__name",
                             "family_name", "given_name", "pk"), "arrival_date")


def departures(meeting):
    """[(day, [registration, ...])] by departure date, then time."""
    return _by_day(travelling(meeting).filter(departure_date__isnull=False)
                   .order_by("departure_date", "travel__departure_time", "member__name",
                             "family_name", "given_name", "pk"), "departure_date")


def _by_day(queryset, date_field):
    return [(day, list(people))
            for day, people in groupby(queryset, key=lambda r: getattr(r, date_field))]


@dataclass(frozen=True)
class Transfer:
    day: object
    time: object
    direction: str
    flight: str
    airport: str
    registration: Registration
    hotel: str


def transfers(meeting):
    """Every airport transfer wanted, in the order the drivers make them."""
    wanted = travelling(meeting).filter(Q(travel__arrival_transfer=True)
                                        | Q(travel__departure_transfer=True))
    rows = []
    for registration in wanted:
        travel = registration.travel
        hotel = travel.hotel.name if travel.hotel else ""
        if travel.arrival_transfer:
            rows.append(Transfer(registration.arrival_date, travel.arrival_time,
                                 str(_("From the airport")), travel.arrival_flight,
                                 travel.arrival_airport, registration, hotel))
        if travel.departure_transfer:
            rows.append(Transfer(registration.departure_date, travel.departure_time,
                                 str(_("To the airport")), travel.departure_flight,
                                 travel.departure_airport, registration, hotel))
    return sorted(rows, key=lambda t: (t.day, t.time, t.registration.member.name,
                                       t.registration.family_name, t.registration.pk))


@dataclass
class HotelNights:
    hotel: Hotel
    nights: list = field(default_factory=list)  # [(night, rooms held, [registration])]

    @property
    def booked(self):
        return sum(len(people) for _night, _rooms, people in self.nights)

    @property
    def held(self):
        return sum(rooms for _night, rooms, _people in self.nights)


def rooming(meeting):
    """Each hotel of the meeting with, for each night of its room block, the rooms held
    and the people who sleep there (a night booked beyond the block appears too, so the
    host sees it)."""
    hotels = list(Hotel.objects.filter(meeting=meeting).prefetch_related("room_blocks"))
    guests = {hotel.pk: {} for hotel in hotels}
    for registration in travelling(meeting).filter(travel__hotel__isnull=False).order_by(
            "member__name", "family_name", "given_name", "pk"):
        for night in registration.travel.nights:
            guests[registration.travel.hotel_id].setdefault(night, []).append(registration)
    result = []
    for hotel in hotels:
        quotas = {block.night: block.rooms for block in hotel.room_blocks.all()}
        nights = sorted(set(quotas) | set(guests[hotel.pk]))
        result.append(HotelNights(hotel, [(night, quotas.get(night, 0),
                                           guests[hotel.pk].get(night, []))
                                          for night in nights]))
    return result


@dataclass(frozen=True)
class DietCount:
    diet: str
    label: str
    count: int


def dietary_counts(meeting, *, registrations=None):
    """How many of each diet (everyone holding a seat, or the `registrations` given: those
    coming to a side event; "No special diet" included), and the people whose needs are
    written out, for the caterer of the official dinner."""
    people = travelling(meeting)
    if registrations is not None:
        people = people.filter(pk__in=registrations)
    people = list(people.order_by("member__name", "family_name", "given_name", "pk"))
    counts = Counter(_diet_counted(registration) for registration in people)
    labels = dict(Diet.choices)
    table = [DietCount(value, str(labels[value]), counts[value])
             for value in Diet.values if counts[value]]
    written = [r for r in people if r.dietary_needs or travel_of(r).diet]
    return table, written


def _diet_counted(registration):
    """The diet chosen; needs only written out (as the registration form asks them) count
    as "Other", so that the caterer reads them in the list by person."""
    diet = travel_of(registration).diet
    if not diet and registration.dietary_needs:
        return Diet.OTHER
    return diet


def accessibility_needs(meeting):
    """The people who told their accessibility needs, by member."""
    return list(travelling(meeting).exclude(accessibility_needs="").order_by(
        "member__name", "family_name", "given_name", "pk"))


@dataclass(frozen=True)
class Summary:
    people: int
    arrivals_known: int
    flights_known: int
    transfers: int
    room_nights_booked: int
    room_nights_held: int
    special_diets: int
    accessibility: int


def summary(meeting):
    """The counts the dashboard shows, in three queries."""
    people = travelling(meeting).aggregate(
        people=Count("pk"),
        arrivals_known=Count("pk", filter=Q(arrival_date__isnull=False)),
        flights_known=Count("pk", filter=~Q(travel__arrival_flight="")
                            & Q(travel__isnull=False)),
        transfers=Count("pk", filter=Q(travel__arrival_transfer=True))
        + Count("pk", filter=Q(travel__departure_transfer=True)),
        special_diets=Count("pk", filter=(~Q(travel__diet="") & Q(travel__isnull=False))
                            | ~Q(dietary_needs="")),
        accessibility=Count("pk", filter=~Q(accessibility_needs="")),
    )
    booked = sum(len(travel.nights) for travel in TravelDetails.objects.filter(
        registration__meeting=meeting, registration__status__in=SEAT_HOLDING_STATUSES,
        hotel__isnull=False).only("hotel", "check_in", "check_out"))
    held = RoomBlock.objects.filter(hotel__meeting=meeting).aggregate(n=Sum("rooms"))["n"]
    return Summary(room_nights_booked=booked, room_nights_held=held or 0, **people)


def hotels_with_rooms_left(meeting):
    """The meeting's hotels, each with `rooms_left`: {night: rooms free} (for the forms)."""
    hotels = list(Hotel.objects.filter(meeting=meeting).prefetch_related("room_blocks"))
    booked = Counter()
    for travel in TravelDetails.objects.filter(
            hotel__meeting=meeting, registration__status__in=SEAT_HOLDING_STATUSES).only(
            "hotel", "check_in", "check_out"):
        for night in travel.nights:
            booked[travel.hotel_id, night] += 1
    for hotel in hotels:
        hotel.rooms_left = {block.night: max(block.rooms - booked[hotel.pk, block.night], 0)
                            for block in hotel.room_blocks.all()}
    return hotels
