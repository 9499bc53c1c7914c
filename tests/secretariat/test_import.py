import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from delegates.enums import RegistrationStatus as Status
from delegates.models import Registration
from secretariat import imports
from tests.delegates.staff_helpers import editor
from tests.factories import MeetingFactory, RegistrationFactory, member

pytestmark = pytest.mark.django_db

HEADER = "Given name,Family name,Email,Role,Position,Arrival date,Needs visa letter\n"


def csv_file(body, name="delegation.csv"):
    return SimpleUploadedFile(name, (HEADER + body).encode("utf-8"), content_type="text/csv")


def xlsx_file(rows):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("delegation.xlsx", buffer.getvalue())


def test_preview_reports_row_level_errors():
    rows = imports.read_rows(csv_file(
        "Somchai,Jaidee,somchai@example.org,head,Director-General,2026-03-01,no\n"
        ",,nobody@example.org,delegate,,,\n"
        "Malee,Suksan,not-an-email,delegate,,,\n"
        "Anan,Chai,somchai@example.org,delegate,,03/01/2026,no\n"
    ))

    preview = imports.preview(rows)

    assert [row.number for row in preview] == [2, 3, 4, 5]
    assert preview[0].valid
    assert preview[0].data["needs_visa_letter"] is False
    assert preview[1].errors == ["Give a given name or a family name."]
    assert preview[2].errors == ["Email: Enter a valid email address."]
    assert preview[3].errors == ["Arrival date: Enter a valid date.",
                                 "The same email is on row 2."]


def test_xlsx_rows_are_read_like_csv_rows():
    import datetime as dt

    rows = imports.read_rows(xlsx_file([
        ["Given name", "Family name", "Email", "Arrival date", "Ignored column"],
        ["สมชาย", "ใจดี", "somchai@example.org", dt.datetime(2026, 3, 1), "x"],
        [None, None, None, None, None],
    ]))

    assert rows == [{"given_name": "สมชาย", "family_name": "ใจดี",
                     "email": "somchai@example.org", "arrival_date": "2026-03-01"}]


def test_file_without_email_column_is_refused():
    upload = SimpleUploadedFile("x.csv", b"Name\nAnna\n")

    with pytest.raises(imports.UnreadableFile, match="Email"):
        imports.read_rows(upload)


def test_import_submits_valid_rows_under_the_seat_rules():
    meeting = MeetingFactory(delegation_cap=2)
    rows = imports.preview(imports.read_rows(csv_file(
        "A,One,a@example.org,head,,,\nB,Two,b@example.org,,,,\nC,Three,c@example.org,,,,\n"
        "Bad,Row,bad,,,,\n"
    )))

    result = imports.import_rows(meeting=meeting, member=member("TH"), rows=rows,
                                 actor=editor())

    assert result == imports.ImportResult(pending=2, waitlisted=1)
    assert list(meeting.registrations.order_by("id").values_list("email", "status")) == [
        ("a@example.org", Status.PENDING), ("b@example.org", Status.PENDING),
        ("c@example.org", Status.WAITLISTED)]
    assert {r.member.code for r in meeting.registrations.all()} == {"TH"}


def test_import_failing_midway_keeps_nothing():
    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting, email="taken@example.org")
    rows = imports.preview(imports.read_rows(csv_file(
        "A,One,a@example.org,,,,\nB,Two,taken@example.org,,,,\nC,Three,c@example.org,,,,\n"
    )))

    with pytest.raises(imports.RowRejected) as caught:
        imports.import_rows(meeting=meeting, member=member("TH"), rows=rows, actor=editor())

    assert caught.value.row == 3
    assert caught.value.message == "This email address is already registered for this meeting."
    assert list(meeting.registrations.values_list("email", flat=True)) == ["taken@example.org"]


def test_upload_preview_and_import_pages(client, django_capture_on_commit_callbacks):
    meeting = MeetingFactory()
    client.force_login(editor())

    upload = client.post(f"/staff/{meeting.slug}/import/", {
        "member": member("KR").pk, "consent": "on",
        "file": csv_file("민준,김,minjun@example.org,head,,,\nX,Y,broken,,,,\n")})
    preview = client.get(f"/staff/{meeting.slug}/import/preview/")
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(f"/staff/{meeting.slug}/import/preview/", follow=True)

    assert upload.status_code == 302
    assert "1 valid row" in preview.text
    assert "1 row with errors (left out)" in preview.text
    assert "Email: Enter a valid email address." in preview.text
    assert "1 registration imported as pending, 0 on the waiting list." in done.text
    registration = Registration.objects.get()
    assert (registration.full_name, registration.member.code) == ("민준 김", "KR")
    assert registration.log_entries.get().actor.username == "editor"


def test_rows_are_checked_again_when_imported(client):
    meeting = MeetingFactory()
    client.force_login(editor())
    client.post(f"/staff/{meeting.slug}/import/", {
        "member": member("KR").pk, "consent": "on",
        "file": csv_file("A,One,a@example.org,,,,\nB,Two,taken@example.org,,,,\n")})
    assert "2 valid rows" in client.get(f"/staff/{meeting.slug}/import/preview/").text
    # Between the preview and the import, the person registers by the public form.
    RegistrationFactory(meeting=meeting, email="taken@example.org")

    done = client.post(f"/staff/{meeting.slug}/import/preview/", follow=True)

    assert "1 registration imported as pending, 0 on the waiting list." in done.text
    assert sorted(meeting.registrations.values_list("email", flat=True)) == [
        "a@example.org", "taken@example.org"]


@pytest.fixture
def jobs_in_request(settings, tmp_path, django_capture_on_commit_callbacks):
    """Without a broker the job's task runs eagerly, once the request's work commits."""
    settings.MEDIA_ROOT = tmp_path
    return django_capture_on_commit_callbacks


def test_a_large_import_runs_in_the_background_with_progress(client, jobs_in_request):
    meeting = MeetingFactory(capacity=500, delegation_cap=500)
    client.force_login(editor())
    count = imports.INLINE_ROWS + 1
    body = "".join(f"Ann{n},Lee{n},p{n}@example.org,,,,\n" for n in range(count))
    client.post(f"/staff/{meeting.slug}/import/", {
        "member": member("SG").pk, "consent": "on", "file": csv_file(body)})

    with jobs_in_request(execute=True):
        response = client.post(f"/staff/{meeting.slug}/import/preview/")
    token = response.url.rstrip("/").split("/")[-1]
    page = client.get(response.url)

    assert f"{count} registrations imported as pending, 0 on the waiting list." in page.text
    assert meeting.registrations.count() == count
    assert client.get(f"/staff/jobs/{token}/download/").status_code == 404


def test_a_large_import_crashing_midway_keeps_nothing(client, jobs_in_request):
    from django.db import DatabaseError, connection

    meeting = MeetingFactory(capacity=500, delegation_cap=500)
    client.force_login(editor())
    body = "".join(f"Ann{n},Lee{n},p{n}@example.org,,,,\n"
                   for n in range(imports.INLINE_ROWS + 1))
    client.post(f"/staff/{meeting.slug}/import/", {
        "member": member("SG").pk, "consent": "on", "file": csv_file(body)})
    # The rows go in by bulk inserts; the queued mails are the last of them, after the
    # registrations, their history and their log entries.

    def fail_when_the_mails_are_queued(execute, sql, params, many, context):
        if sql.startswith('INSERT INTO "delegates_outgoingemail"'):
            raise DatabaseError("disk full")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(fail_when_the_mails_are_queued), \
            jobs_in_request(execute=True):
        response = client.post(f"/staff/{meeting.slug}/import/preview/")
    page = client.get(response.url)

    assert "The work could not be finished." in page.text
    assert meeting.registrations.count() == 0


def test_csv_that_the_csv_module_cannot_parse_is_refused_with_a_message():
    huge = b"Email,Given name\n" + b"a@example.org," + b"x" * 200_000 + b"\n"

    with pytest.raises(imports.UnreadableFile, match="This CSV file cannot be read"):
        imports.read_rows(SimpleUploadedFile("huge.csv", huge))


def test_preview_flags_emails_already_registered_and_a_second_head():
    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting, member=member("KR"), role="head",
                        email="head@example.org")
    rows = imports.read_rows(csv_file(
        "A,One,HEAD@example.org,,,,\nB,Two,b@example.org,Head of delegation,,,\n"
        "C,Three,c@example.org,Adviser,,,\n"))

    preview = imports.preview(rows, meeting=meeting, member=member("KR"))

    assert [row.errors for row in preview] == [
        ["This email address is already registered for this meeting."],
        ["This delegation already has a head of delegation."],
        [],
    ]
    assert preview[2].data["role"] == "adviser"


def test_preview_keeps_the_rows_out_of_the_session(client):
    meeting = MeetingFactory()
    client.force_login(editor())
    client.post(f"/staff/{meeting.slug}/import/", {
        "member": member("KR").pk, "consent": "on",
        "file": csv_file("민준,김,minjun@example.org,head,,,\n")})

    preview = client.get(f"/staff/{meeting.slug}/import/preview/")

    assert "minjun@example.org" in preview.text
    stored = client.session.load()
    assert "minjun@example.org" not in repr(stored)
    assert not [key for key in stored if key.startswith("staff-import")]


def test_an_upload_is_previewed_and_imported_only_by_its_uploader(client):
    meeting = MeetingFactory()
    client.force_login(editor())
    client.post(f"/staff/{meeting.slug}/import/", {
        "member": member("KR").pk, "consent": "on",
        "file": csv_file("A,One,a@example.org,,,,\n")})
    client.force_login(editor("other-editor"))

    page = client.get(f"/staff/{meeting.slug}/import/preview/")
    done = client.post(f"/staff/{meeting.slug}/import/preview/")

    assert page.status_code == 302
    assert page.url == f"/staff/{meeting.slug}/import/"
    assert done.status_code == 302
    assert meeting.registrations.count() == 0


def test_an_imported_upload_cannot_be_imported_twice(client):
    meeting = MeetingFactory()
    client.force_login(editor())
    client.post(f"/staff/{meeting.slug}/import/", {
        "member": member("KR").pk, "consent": "on",
        "file": csv_file("A,One,a@example.org,,,,\n")})
    client.post(f"/staff/{meeting.slug}/import/preview/")

    again = client.post(f"/staff/{meeting.slug}/import/preview/")

    assert again.url == f"/staff/{meeting.slug}/import/"
    assert meeting.registrations.count() == 1


def big_csv(count):
    return csv_file("".join(f"Ann{n},Lee{n},p{n}@example.org,,,,\n" for n in range(count)))


def test_an_import_of_2000_rows_is_all_or_nothing():
    meeting = MeetingFactory(capacity=3000, delegation_cap=3000)
    rows = imports.preview(imports.read_rows(big_csv(2000)))
    # Registered by the public form after the preview: the 1,999th row is now taken.
    RegistrationFactory(meeting=meeting, email="p1998@example.org")

    with pytest.raises(imports.RowRejected) as caught:
        imports.import_rows(meeting=meeting, member=member("TH"), rows=rows, actor=editor())

    assert caught.value.explanation == (
        "Nothing was imported: row 2000 — This email address is already registered for this "
        "meeting.")
    assert meeting.registrations.count() == 1


def test_an_import_of_2000_rows_logs_and_mails_each_person(django_capture_on_commit_callbacks):
    from django.core import mail

    meeting = MeetingFactory(capacity=3000, delegation_cap=1990)
    rows = imports.preview(imports.read_rows(big_csv(2000)))

    with django_capture_on_commit_callbacks(execute=True):
        result = imports.import_rows(meeting=meeting, member=member("TH"), rows=rows,
                                     actor=editor())

    assert result == imports.ImportResult(pending=1990, waitlisted=10)
    last = meeting.registrations.get(email="p1999@example.org")
    assert last.status == Status.WAITLISTED
    assert last.log_entries.get().action == "delegates.registration.submitted"
    assert last.history.get().history_type == "+"
    assert len(mail.outbox) == 2000
    assert [m.to for m in mail.outbox][-1] == ["p1999@example.org"]
    assert "waiting list" in mail.outbox[-1].subject.lower() + mail.outbox[-1].body.lower()


def test_a_seat_taken_before_the_lock_moves_the_last_row_to_the_waiting_list(
        monkeypatch, django_capture_on_commit_callbacks):
    from django.core import mail

    from delegates import services

    meeting = MeetingFactory(capacity=3, delegation_cap=3)
    rows = imports.preview(imports.read_rows(big_csv(3)))
    lock_meeting = services.lock_meeting

    def someone_registers_first(locked):
        RegistrationFactory(meeting=meeting, email="quick@example.org")
        return lock_meeting(locked)

    monkeypatch.setattr(services, "lock_meeting", someone_registers_first)
    with django_capture_on_commit_callbacks(execute=True):
        result = imports.import_rows(meeting=meeting, member=member("TH"), rows=rows,
                                     actor=editor())

    assert result == imports.ImportResult(pending=2, waitlisted=1)
    last = meeting.registrations.get(email="p2@example.org")
    assert last.status == Status.WAITLISTED
    assert last.log_entries.get().to_status == Status.WAITLISTED
    assert last.history.get().status == Status.WAITLISTED
    mails = [m for m in mail.outbox if m.to == ["p2@example.org"]]
    assert len(mails) == 1
    assert "waiting list" in mails[0].body


TRAVEL_HEADER = ("Given name,Family name,Email,Arrival date,Arrival time,Arrival flight,"
                 "Arrival airport,Arrival transfer,Departure date,Departure flight,Diet\n")


def travel_rows(body, meeting):
    upload = SimpleUploadedFile("d.csv", (TRAVEL_HEADER + body).encode(), content_type="text/csv")
    return imports.preview(imports.read_rows(upload), meeting=meeting)


def test_an_import_carries_each_persons_travel_checked_as_the_travel_page_does():
    from logistics.models import TravelDetails

    meeting = MeetingFactory()
    day = meeting.start_date.isoformat()
    rows = travel_rows(
        f"Lan,Pham,lan@example.org,{day},14:35,vn-031,Suvarnabhumi,yes,{day},TG 560,Halal\n"
        f"Minh,Le,minh@example.org,,,,,,,,\n"
        f"Bad,Flight,bad@example.org,{day},09:00,31,BKK,,,,\n"
        f"No,Time,notime@example.org,{day},,VN 31,BKK,yes,,,\n"
        f"Odd,Diet,odd@example.org,,,,,,,,Raw food\n", meeting)

    assert [row.valid for row in rows] == [True, True, False, False, False]
    assert rows[2].errors == ["Arrival flight: Write the flight number as on the ticket, for "
                              "example VN 31 or LH 782."]
    assert rows[3].errors == ["Arrival time: An airport transfer needs the date and time of "
                              "the flight."]
    assert rows[4].errors[0].startswith("Diet: Write one of: Vegetarian, Vegan, Halal")

    imports.import_rows(meeting=meeting, member=member("VN"), rows=rows, actor=editor())

    travel = TravelDetails.objects.get(registration__email="lan@example.org")
    assert (travel.arrival_flight, travel.arrival_time.isoformat(), travel.arrival_transfer,
            travel.departure_flight, travel.diet) == ("VN 31", "14:35:00", True, "TG 560",
                                                      "halal")
    assert not TravelDetails.objects.filter(registration__email="minh@example.org").exists()


def test_an_xlsx_time_cell_is_read_as_the_time_it_shows():
    import datetime as dt

    meeting = MeetingFactory()
    rows = imports.preview(imports.read_rows(xlsx_file([
        ["Given name", "Email", "Arrival date", "Arrival time"],
        ["Lan", "lan@example.org", dt.datetime.combine(meeting.start_date, dt.time()),
         dt.time(14, 35)],
    ])), meeting=meeting)

    assert rows[0].valid, rows[0].errors
    assert rows[0].data["arrival_time"] == dt.time(14, 35)
