"""Plausible logistics for the demonstration meeting (Bangkok): two invented hotels holding
rooms from the eve of the meeting to its last night, and the travel of most people holding
a seat, entered through the same service as the delegates' pages. Flights are invented
numbers of airlines serving Bangkok. The 12th Meeting (Berlin, 2017) gets none: its
published account says nothing of hotels or transfers, and it is long past."""

import datetime as dt
import random

from django.db import transaction

from asem_customs.roles import SYSTEM
from delegates.enums import SEAT_HOLDING_STATUSES
from logistics.enums import Diet
from logistics.models import Hotel, RoomBlock
from logistics.services import TravelError, travel_details_save

HOTELS = [
    ("Riverside Demonstration Hotel", "1 Example Road, Bang Rak, Bangkok", 20,
     "Demonstration rate with breakfast; ten minutes' walk to the venue."),
    ("Garden Demonstration Hotel", "2 Example Soi, Pathum Wan, Bangkok", 8,
     "Demonstration rate; shuttle to the venue each morning."),
]
AIRPORTS = ["Suvarnabhumi (BKK)", "Suvarnabhumi (BKK)", "Don Mueang (DMK)"]
AIRLINES = {"TH": ["TG"], "JP": ["JL", "NH", "TG"], "DE": ["LH", "TG"], "FR": ["AF", "TG"],
            "KR": ["KE", "OZ", "TG"], "SG": ["SQ", "TG"]}
DIETS = [Diet.NONE] * 6 + [Diet.VEGETARIAN, Diet.HALAL, Diet.NO_PORK, Diet.ALLERGY]


def _time(rng, first_hour, last_hour):
    return dt.time(rng.randint(first_hour, last_hour), rng.choice([0, 10, 25, 40, 55]))


@transaction.atomic
def load_demo_meeting_logistics(meeting):
    """Hotels, room blocks and travel details for `meeting`; nothing when it has hotels
    already. Returns how many people's travel was entered."""
    if meeting.start_date is None or Hotel.objects.filter(meeting=meeting).exists():
        return 0
    eve, last = meeting.start_date - dt.timedelta(days=1), meeting.end_date
    nights = [eve + dt.timedelta(days=n) for n in range((last - eve).days)]
    hotels = []
    for name, address, rooms, note in HOTELS:
        hotel = Hotel.objects.create(meeting=meeting, name=name, address=address, note=note)
        RoomBlock.objects.bulk_create(RoomBlock(hotel=hotel, night=night, rooms=rooms)
                                      for night in nights)
        hotels.append(hotel)
    rng = random.Random(20)
    entered = 0
    for registration in meeting.registrations.filter(
            status__in=SEAT_HOLDING_STATUSES).select_related("member").order_by("pk"):
        if rng.random() < 0.2:  # some have not told their travel yet
            continue
        entered += _enter_travel(registration, rng, hotels, eve, last)
    return entered


def _enter_travel(registration, rng, hotels, eve, last):
    code = registration.member.code
    local = code == "TH"
    airline = rng.choice(AIRLINES.get(code, ["TG"]))
    airport = rng.choice(AIRPORTS)
    data = {
        "arrival_date": eve if rng.random() < 0.8 else eve + dt.timedelta(days=1),
        "departure_date": last if rng.random() < 0.7 else last + dt.timedelta(days=1),
        "diet": rng.choice(DIETS),
        "dietary_needs": "Peanuts" if rng.random() < 0.05 else "",
        "accessibility_needs": "Step-free access to the rooms" if rng.random() < 0.06 else "",
    }
    if data["diet"] == Diet.ALLERGY:
        data["dietary_needs"] = rng.choice(["Shellfish", "Peanuts", "Sesame"])
    if not local:
        transfer = rng.random() < 0.6
        inbound, outbound = rng.randint(100, 989), rng.randint(100, 989)
        data.update({
            "arrival_time": _time(rng, 6, 22), "arrival_flight": f"{airline} {inbound}",
            "arrival_airport": airport, "arrival_transfer": transfer,
            "departure_time": _time(rng, 8, 23), "departure_flight": f"{airline} {outbound}",
            "departure_airport": airport, "departure_transfer": transfer,
            "hotel": rng.choice(hotels), "check_in": data["arrival_date"],
            "check_out": min(data["departure_date"], last),
        })
        if data["check_out"] <= data["check_in"]:
            data["check_out"] = data["check_in"] + dt.timedelta(days=1)
    try:
        travel_details_save(registration=registration, data=data, actor=SYSTEM)
    except TravelError:  # the hotel drawn is full: the other one, else no room
        data["hotel"] = hotels[0] if data.get("hotel") == hotels[1] else hotels[1]
        try:
            travel_details_save(registration=registration, data=data, actor=SYSTEM)
        except TravelError:
            data.pop("hotel"), data.pop("check_in"), data.pop("check_out")
            travel_details_save(registration=registration, data=data, actor=SYSTEM)
    return 1
