"""The lists the host asks for: what each holds, in which order, as the staff read them on
the page, in the PDF and in the XLSX; who may read them; the dashboard's counts."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from logistics.selectors import summary
from logistics.tables import logistics_table
from secretariat.exports import logistics_xlsx
from secretariat.pdf.logistics import logistics_pdf
from tests.delegates.staff_helpers import Client, viewer
from tests.factories import FocalPointFactory, MeetingFactory, UserFactory
from tests.logistics.helpers import meeting_with_travel
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return meeting_with_travel()


def rows(meeting, kind):
    return [(section.heading, section.rows) for section in logistics_table(meeting, kind)
            .sections]


def test_arrivals_by_day_in_order_of_landing(world):
    meeting, _people = world
    (eve, eve_rows), (first, first_rows) = rows(meeting, "arrivals")
    assert eve.endswith(": 2 people")
    assert [row[:6] for row in eve_rows] == [
        ["09:15", "Jonas Weber", "Germany", "LH 782", "Noi Bai (HAN)", ""],
        ["16:05", "Nguyễn Lan", "Viet Nam", "VN 31", "Noi Bai (HAN)", "Yes"],
    ]
    assert [row[1] for row in first_rows] == ["Claire Dupont"]  # the cancelled one is not


def test_transfers_both_ways_with_the_phone_and_hotel(world):
    meeting, _people = world
    [(heading, transfers)] = rows(meeting, "transfers")
    assert heading == "2 transfers"
    assert [(row[1], row[2], row[3], row[5], row[8]) for row in transfers] == [
        ("16:05", "From the airport", "Nguyễn Lan", "+000 555 0100",
         "Sofitel Legend Metropole"),
        ("21:40", "To the airport", "Nguyễn Lan", "+000 555 0100",
         "Sofitel Legend Metropole"),
    ]


def test_rooming_list_per_hotel_and_night(world):
    meeting, _people = world
    sections = dict(rows(meeting, "rooming"))
    assert [row[:2] + row[5:] for row in sections["Melia Hanoi: guests"]] == [
        ["Jonas Weber", "Germany", "1"]]
    nights = sections["Melia Hanoi: rooms per night"]
    assert [row[1:] for row in nights] == [
        ["2", "0", "2", ""], ["2", "1", "1", "Jonas Weber"], ["2", "0", "2", ""]]
    assert [row[2] for row in sections["Sofitel Legend Metropole: rooms per night"]] == [
        "1", "1", "0"]


def test_dietary_counts_everyone_holding_a_seat(world):
    meeting, _people = world
    (_h1, counts), (_h2, people) = rows(meeting, "dietary")
    assert counts == [["No special diet", "1"], ["Vegetarian", "1"],
                      ["Food allergy (say which)", "1"], ["Everyone holding a seat", "3"]]
    assert people == [["Jonas Weber", "Germany", "Food allergy (say which)", "Peanuts"],
                      ["Nguyễn Lan", "Viet Nam", "Vegetarian", ""]]


def test_accessibility_needs_only_of_people_holding_a_seat(world):
    meeting, _people = world
    [(_heading, people)] = rows(meeting, "accessibility")
    assert people == [["Nguyễn Lan", "Viet Nam", "Delegate", "Wheelchair access",
                       "Sofitel Legend Metropole"]]


def test_summary_counts_for_the_dashboard(world):
    meeting, _people = world
    assert summary(meeting) == summary(meeting).__class__(
        people=3, arrivals_known=3, flights_known=2, transfers=2, room_nights_booked=3,
        room_nights_held=36, special_diets=2, accessibility=1)


def test_pdf_of_the_arrivals_reads_as_the_list(world):
    meeting, _people = world
    text = pdf_text(logistics_pdf(logistics_table(meeting, "arrivals"), meeting=meeting))
    assert "ARRIVALS BY DAY" in text
    assert text.index("Jonas Weber") < text.index("Nguyễn Lan") < text.index("Claire Dupont")
    assert "LH 782" in text


def test_pdf_of_an_empty_list_says_so():
    meeting = MeetingFactory()
    text = pdf_text(logistics_pdf(logistics_table(meeting, "transfers"), meeting=meeting))
    assert "Nobody." in text


def test_xlsx_has_each_section_under_its_heading(world):
    meeting, _people = world
    sheet = load_workbook(io.BytesIO(logistics_xlsx(logistics_table(meeting, "dietary")))
                          ).active
    values = [[cell for cell in row if cell is not None]
              for row in sheet.iter_rows(values_only=True)]
    assert values[:3] == [["Diets counted"], ["Diet", "People"], ["No special diet", "1"]]
    assert ["Jonas Weber", "Germany", "Food allergy (say which)", "Peanuts"] in values


def test_staff_page_shows_every_list_and_the_summary(world):
    meeting, _people = world
    client = Client()
    client.force_login(viewer())
    page = client.get(reverse("staff:logistics", args=[meeting.slug])).content.decode()
    for title in ("Arrivals by day", "Departures by day", "Airport transfers",
                  "Rooming list", "Dietary needs", "Accessibility needs"):
        assert title in page
    assert "Peanuts" in page and "Never shown" not in page
    dashboard = client.get(reverse("staff:dashboard", args=[meeting.slug])).content.decode()
    assert 'data-testid="room-nights">3 <span class="stat-of">/ 36' in dashboard


@pytest.mark.parametrize("kind", ["arrivals", "departures", "transfers", "rooming",
                                  "dietary", "accessibility"])
def test_every_list_downloads_as_pdf_and_xlsx(world, kind):
    meeting, _people = world
    client = Client()
    client.force_login(viewer())
    pdf = client.get(reverse("staff:logistics_export", args=[meeting.slug, kind, "pdf"]))
    xlsx = client.get(reverse("staff:logistics_export", args=[meeting.slug, kind, "xlsx"]))
    assert (pdf.status_code, pdf["Content-Type"], pdf.content[:5]) == (
        200, "application/pdf", b"%PDF-")
    assert (xlsx.status_code, xlsx.content[:2]) == (200, b"PK")
    assert xlsx["Content-Disposition"] == f'attachment; filename="{kind}-{meeting.slug}.xlsx"'


def test_an_unknown_list_or_format_is_not_found(world):
    meeting, _people = world
    client = Client()
    client.force_login(viewer())
    for kind, fmt in (("passports", "pdf"), ("arrivals", "csv")):
        url = reverse("staff:logistics_export", args=[meeting.slug, kind, fmt])
        assert client.get(url).status_code == 404


def test_focal_points_and_other_accounts_may_not_read_the_lists(world):
    meeting, _people = world
    url = reverse("staff:logistics", args=[meeting.slug])
    for user in (FocalPointFactory().user, UserFactory()):
        client = Client()
        client.force_login(user)
        assert client.get(url).status_code == 403
    assert Client().get(url).status_code == 302  # to sign in


@pytest.mark.parametrize("extra", [0, 3])
def test_staff_page_queries_do_not_grow_with_people(world, extra):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from logistics.services import travel_details_save
    from tests.factories import RegistrationFactory, member

    meeting, people = world
    for n in range(extra):
        travel_details_save(registration=RegistrationFactory(
            meeting=meeting, member=member("KR"), accessibility_needs=f"Need {n}"), data={
            "hotel": people["sofitel"], "check_in": meeting.start_date,
            "check_out": meeting.end_date, "diet": "halal", "arrival_flight": "KE 1"})
    client = Client()
    client.force_login(viewer())
    url = reverse("staff:logistics", args=[meeting.slug])
    client.get(url)

    with CaptureQueriesContext(connection) as queries:
        client.get(url)

    assert len(queries) == 16
