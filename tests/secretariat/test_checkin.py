import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from delegates.enums import RegistrationStatus as Status
from delegates.models import BADGE_ALPHABET, Registration, badge_code_candidates, new_badge_code
from delegates.services import registration_mark_attended, registration_undo_attendance
from tests.delegates.staff_helpers import editor
from tests.factories import MeetingFactory, RegistrationFactory, member

pytestmark = pytest.mark.django_db
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def meeting(client):
    client.force_login(editor())
    return MeetingFactory()


def scan(client, meeting, code, **headers):
    return client.post(f"/staff/{meeting.slug}/check-in/scan/", {"code": code}, **headers)


def undo(client, meeting, registration, **headers):
    return client.post(f"/staff/{meeting.slug}/check-in/undo/",
                       {"registration": registration.pk}, **headers)


def search(client, meeting, query):
    return client.get(f"/staff/{meeting.slug}/check-in/search.json", {"q": query})


# --- badge codes ------------------------------------------------------------------------------


def test_new_badge_codes_are_readable_groups_without_look_alikes():
    codes = {new_badge_code() for _ in range(200)}

    assert len(codes) == 200
    for code in codes:
        assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", code), code
        assert set(code.replace("-", "")) <= set(BADGE_ALPHABET)
        assert not set(code) & set("ILOU")


def test_a_typed_code_is_normalised():
    assert badge_code_candidates(" k7qx m2pd 9rta ") == {"K7QX-M2PD-9RTA"}
    assert badge_code_candidates("K7QXM2PD9RTA") == {"K7QXM2PD9RTA", "K7QX-M2PD-9RTA"}
    assert "10QX-M2PD-9RT0" in badge_code_candidates("lOqx-m2pd-9rto")
    assert "11QX-M2PD-9RT0" in badge_code_candidates("IiQX-M2PD-9RTO")
    assert badge_code_candidates("") == set()
    assert badge_code_candidates("bad\x00code") == set()


def test_badge_codes_printed_before_still_match_exactly_only():
    assert badge_code_candidates("bujxL1PSfbu3EWte") == {"bujxL1PSfbu3EWte"}


def test_lowercase_code_with_spaces_and_look_alikes_checks_in(client, meeting):
    registration = RegistrationFactory(meeting=meeting, status=Status.CONFIRMED,
                                       badge_code="K70X-M2PD-9R1A")

    answer = scan(client, meeting, "k7ox m2pd 9rla", **JSON)

    assert answer.status_code == 200
    assert answer.json()["result"] == "checked_in"
    registration.refresh_from_db()
    assert registration.attended_at is not None


def test_old_style_code_still_checks_in_but_not_in_another_case(client, meeting):
    registration = RegistrationFactory(meeting=meeting, status=Status.CONFIRMED,
                                       badge_code="bujxL1PSfbu3EWte")

    wrong_case = scan(client, meeting, "BUJXL1PSFBU3EWTE", **JSON).json()
    exact = scan(client, meeting, "bujxL1PSfbu3EWte", **JSON).json()

    assert wrong_case["result"] == "not_found"
    assert exact["result"] == "checked_in"
    assert exact["person"]["id"] == registration.pk


# --- scanning ---------------------------------------------------------------------------------


def test_scanning_a_badge_checks_in_once_and_says_when(client, meeting):
    registration = RegistrationFactory(meeting=meeting, status=Status.CONFIRMED,
                                       given_name="Hương", family_name="Nguyễn Thị",
                                       family_name_first=True, name_latin="Nguyen Thi Huong",
                                       member=member("VN"))

    first = scan(client, meeting, registration.badge_code, **JSON)
    second = scan(client, meeting, registration.badge_code, **JSON)

    registration.refresh_from_db()
    at = timezone.localtime(registration.attended_at).strftime("%H:%M")
    person = {"id": registration.pk, "name": "Nguyễn Thị Hương (Nguyen Thi Huong)", "lang": "",
              "member": "Viet Nam", "role": "Delegate", "status": "Confirmed",
              "can_check_in": True, "checked_in_at": at, "photo": None}
    assert (first.status_code, second.status_code) == (200, 200)
    assert first.json() == {"result": "checked_in", "person": person,
                            "message": "Nguyễn Thị Hương (Nguyen Thi Huong) checked in."}
    assert second.json() == {
        "result": "already", "person": person,
        "message": f"Nguyễn Thị Hương (Nguyen Thi Huong) was already checked in at {at}."}
    entries = registration.log_entries.filter(action="delegates.registration.attended")
    assert [entry.actor.username for entry in entries] == ["editor"]


def test_checked_in_another_day_says_the_date(client, meeting):
    registration = RegistrationFactory(meeting=meeting, status=Status.CONFIRMED)
    registration.attended_at = timezone.make_aware(dt.datetime(2024, 5, 3, 9, 12))
    registration.save()

    answer = scan(client, meeting, registration.badge_code, **JSON).json()

    assert answer["message"] == (f"{registration.full_name} was already checked in at "
                                 "3 May 2024 at 09:12.")


def test_unknown_code_answers_200_saying_so(client, meeting):
    answer = scan(client, meeting, "nope", **JSON)

    assert answer.status_code == 200
    assert answer.json() == {"result": "not_found", "person": None, "message":
                             "No badge has the code “nope”. Check the code, or search by name."}


def test_empty_code_is_asked_for(client, meeting):
    answer = scan(client, meeting, "  ", **JSON).json()

    assert answer["result"] == "not_found"
    assert answer["message"] == "Type or scan a badge code, or search by name."


def test_badge_of_another_meeting_says_which(client, meeting):
    other = RegistrationFactory(status=Status.CONFIRMED)

    answer = scan(client, meeting, other.badge_code, **JSON)

    assert answer.status_code == 200
    assert answer.json()["result"] == "not_registered_here"
    assert answer.json()["message"] == (
        f"This badge is for another meeting ({other.meeting.title}): {other.full_name} is not "
        "registered for this one.")
    other.refresh_from_db()
    assert other.attended_at is None


def test_waitlisted_registration_cannot_be_checked_in(client, meeting):
    waiting = RegistrationFactory(meeting=meeting, status=Status.WAITLISTED)

    response = scan(client, meeting, waiting.badge_code, **JSON)

    assert response.status_code == 200
    assert response.json()["result"] == "not_registered_here"
    assert response.json()["message"].startswith(f"{waiting.full_name} cannot be checked in: "
                                                 "Only a pending or confirmed registration")
    waiting.refresh_from_db()
    assert waiting.attended_at is None


def test_form_post_without_script_redirects_with_a_message(client, meeting):
    registration = RegistrationFactory(meeting=meeting, status=Status.CONFIRMED)

    response = scan(client, meeting, registration.badge_code, follow=True)

    assert response.redirect_chain == [(f"/staff/{meeting.slug}/check-in/", 302)]
    assert f"{registration.full_name} checked in." in response.text


def test_check_in_by_registration_of_a_search_result(client, meeting):
    registration = RegistrationFactory(meeting=meeting, status=Status.PENDING)
    elsewhere = RegistrationFactory(status=Status.CONFIRMED)
    url = f"/staff/{meeting.slug}/check-in/scan/"

    answer = client.post(url, {"registration": registration.pk}, **JSON).json()
    refused = [client.post(url, {"registration": value}, **JSON).json()
               for value in (elsewhere.pk, "x", "9" * 40, "١")]

    assert answer["result"] == "checked_in"
    assert [r["result"] for r in refused] == ["not_found"] * 4
    assert refused[0]["message"] == "This person is not registered for this meeting."
    registration.refresh_from_db()
    elsewhere.refresh_from_db()
    assert (registration.status, elsewhere.attended_at) == (Status.CONFIRMED, None)


# --- undo -------------------------------------------------------------------------------------


def test_undo_of_a_check_in(client, meeting):
    registration = RegistrationFactory(meeting=meeting, status=Status.CONFIRMED)
    scan(client, meeting, registration.badge_code, **JSON)

    answer = undo(client, meeting, registration, **JSON)

    assert answer.status_code == 200
    assert answer.json()["result"] == "undone"
    assert answer.json()["message"] == f"Check-in of {registration.full_name} undone."
    assert answer.json()["person"]["checked_in_at"] is None
    registration.refresh_from_db()
    assert (registration.attended_at, registration.status) == (None, Status.CONFIRMED)
    entry = registration.log_entries.first()
    assert (entry.action, entry.actor.username) == (
        "delegates.registration.attendance_undone", "editor")
    again = scan(client, meeting, registration.badge_code, **JSON).json()
    assert again["result"] == "checked_in"


def test_undo_when_not_checked_in_changes_nothing(client, meeting):
    registration = RegistrationFactory(meeting=meeting, status=Status.CONFIRMED)

    answer = undo(client, meeting, registration, **JSON).json()

    assert answer["message"] == f"{registration.full_name} was not checked in: nothing to undo."
    assert not registration.log_entries.exists()


def test_undo_without_script_redirects_with_a_message(client, meeting):
    registration = RegistrationFactory(meeting=meeting, status=Status.CONFIRMED)
    scan(client, meeting, registration.badge_code, **JSON)

    response = undo(client, meeting, registration, follow=True)

    assert response.redirect_chain == [(f"/staff/{meeting.slug}/check-in/", 302)]
    assert f"Check-in of {registration.full_name} undone." in response.text


def test_undo_puts_a_pending_registration_back_to_pending():
    actor = editor()
    registration = RegistrationFactory(status=Status.PENDING)
    registration_mark_attended(registration=registration, actor=actor)

    assert registration_undo_attendance(registration=registration, actor=actor) is True

    registration.refresh_from_db()
    assert (registration.status, registration.attended_at) == (Status.PENDING, None)
    assert registration_undo_attendance(registration=registration, actor=actor) is False


def test_undo_of_another_meetings_registration_is_refused(client, meeting):
    other = RegistrationFactory(status=Status.CONFIRMED)
    registration_mark_attended(registration=other, actor=None)

    answer = undo(client, meeting, other, **JSON).json()

    assert answer["result"] == "not_found"
    other.refresh_from_db()
    assert other.attended_at is not None


# --- search by name ---------------------------------------------------------------------------


def test_search_by_name_ignores_case_and_accents(client, meeting):
    huong = RegistrationFactory(meeting=meeting, status=Status.CONFIRMED, given_name="Hương",
                                family_name="Nguyễn Thị", family_name_first=True,
                                name_latin="Nguyen Thi Huong", member=member("VN"))
    soren = RegistrationFactory(meeting=meeting, status=Status.PENDING, given_name="Søren",
                                family_name="Ødegård", member=member("DK"))
    RegistrationFactory(meeting=meeting, status=Status.CANCELLED, given_name="Huong",
                        family_name="Cancelled")
    RegistrationFactory(status=Status.CONFIRMED, given_name="Huong", family_name="Elsewhere")

    by_latin = search(client, meeting, "nguyen huong").json()
    by_accents = search(client, meeting, "HƯƠNG").json()
    by_slashed = search(client, meeting, "soren odeg").json()

    assert [p["id"] for p in by_latin["people"]] == [huong.pk]
    assert [p["id"] for p in by_accents["people"]] == [huong.pk]
    assert by_slashed == {"query": "soren odeg", "more": False, "people": [
        {"id": soren.pk, "name": "Søren Ødegård", "lang": "", "member": "Denmark",
         "role": "Delegate", "status": "Pending", "can_check_in": True, "checked_in_at": None,
         "photo": None}]}


def test_search_needs_two_letters_and_shows_a_short_list(client, meeting):
    for n in range(10):
        RegistrationFactory(meeting=meeting, status=Status.CONFIRMED, family_name=f"Smith {n}")

    short = search(client, meeting, "s").json()
    many = search(client, meeting, "smith").json()

    assert short["people"] == []
    assert len(many["people"]) == 8
    assert many["more"] is True


def test_search_on_the_page_without_script_lists_people_to_check_in(client, meeting):
    registration = RegistrationFactory(meeting=meeting, status=Status.CONFIRMED,
                                       given_name="Amina", family_name="Diallo")

    page = client.get(f"/staff/{meeting.slug}/check-in/", {"q": "diallo"})
    nobody = client.get(f"/staff/{meeting.slug}/check-in/", {"q": "nobody"})

    assert page.status_code == 200
    assert "Amina Diallo" in page.text
    assert f'name="registration" value="{registration.pk}"' in page.text
    assert "Check in<span class=\"visually-hidden\"> Amina Diallo</span>" in page.text
    assert "Nobody of this meeting has this name." in nobody.text


def test_search_query_count_does_not_grow_with_people(client, meeting):
    counts = []
    for n in (1, 3):
        while Registration.objects.filter(meeting=meeting).count() < n:
            RegistrationFactory(meeting=meeting, status=Status.CONFIRMED, family_name="Lee")
        with CaptureQueriesContext(connection) as queries:
            assert len(search(client, meeting, "lee").json()["people"]) == n
        counts.append(len(queries))

    assert counts[0] == counts[1]


# --- the room ---------------------------------------------------------------------------------


def test_room_counts_checked_in_people_by_member(client, meeting):
    for code in ("DE", "DE", "FR"):
        registration = RegistrationFactory(meeting=meeting, member=member(code),
                                           status=Status.CONFIRMED)
        scan(client, meeting, registration.badge_code, **JSON)
    RegistrationFactory(meeting=meeting, member=member("AT"), status=Status.CONFIRMED)

    room = client.get(f"/staff/{meeting.slug}/check-in/room.json").json()

    assert room == {"total": 3, "members": [{"member": "Germany", "count": 2},
                                            {"member": "France", "count": 1}]}


def test_checkin_page_loads_scripts_from_the_site_only(client, meeting):
    page = client.get(f"/staff/{meeting.slug}/check-in/")

    assert page.status_code == 200
    assert "/static/vendor/jsqr/jsQR.js" in page.text
    assert "/static/js/checkin.js" in page.text
    assert "<script>" not in page.text
    assert "style=" not in page.text


def test_search_says_the_language_of_a_name_in_its_own_script(client):
    meeting = MeetingFactory()
    thai = RegistrationFactory(meeting=meeting, member=member("TH"), given_name="สมชาย",
                               family_name="ใจดี", name_latin="Somchai Jaidee")
    client.force_login(editor())

    found = client.get(f"/staff/{meeting.slug}/check-in/search.json?q=somchai").json()

    assert [(p["id"], p["lang"]) for p in found["people"]] == [(thai.pk, "th")]
