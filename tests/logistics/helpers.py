"""A meeting with hotels and a few people's travel, for the lists' tests."""

import datetime as dt

from logistics.enums import Diet
from logistics.services import travel_details_save
from tests.factories import MeetingFactory, RegistrationFactory, hotel_with_rooms, member


def meeting_with_travel():
    """Three people holding a seat (two with flights and transfers, one at each hotel), one
    cancelled (who never appears)."""
    meeting = MeetingFactory()
    eve, first = meeting.start_date - dt.timedelta(days=1), meeting.start_date
    last = meeting.end_date
    sofitel = hotel_with_rooms(meeting, 10, name="Sofitel Legend Metropole")
    melia = hotel_with_rooms(meeting, 2, name="Melia Hanoi")
    nguyen = RegistrationFactory(meeting=meeting, member=member("VN"), given_name="Lan",
                                 family_name="Nguyễn", family_name_first=True,
                                 phone="+000 555 0100")
    travel_details_save(registration=nguyen, data={
        "arrival_date": eve, "arrival_time": dt.time(16, 5), "arrival_flight": "VN 31",
        "arrival_airport": "Noi Bai (HAN)", "arrival_transfer": True,
        "departure_date": last, "departure_time": dt.time(21, 40), "departure_flight": "VN31",
        "departure_airport": "Noi Bai (HAN)", "departure_transfer": True,
        "hotel": sofitel, "check_in": eve, "check_out": last, "diet": Diet.VEGETARIAN,
        "accessibility_needs": "Wheelchair access"})
    weber = RegistrationFactory(meeting=meeting, member=member("DE"), given_name="Jonas",
                                family_name="Weber", status="confirmed")
    travel_details_save(registration=weber, data={
        "arrival_date": eve, "arrival_time": dt.time(9, 15), "arrival_flight": "LH 782",
        "arrival_airport": "Noi Bai (HAN)", "departure_date": last,
        "hotel": melia, "check_in": first, "check_out": last, "diet": Diet.ALLERGY,
        "dietary_needs": "Peanuts"})
    dupont = RegistrationFactory(meeting=meeting, member=member("FR"), given_name="Claire",
                                 family_name="Dupont", arrival_date=first)
    cancelled = RegistrationFactory(meeting=meeting, member=member("FR"), given_name="Paul",
                                    family_name="Martin", arrival_date=first,
                                    accessibility_needs="Never shown")
    cancelled.status = "cancelled"
    cancelled.save()
    return meeting, {"nguyen": nguyen, "weber": weber, "dupont": dupont,
                     "sofitel": sofitel, "melia": melia}
