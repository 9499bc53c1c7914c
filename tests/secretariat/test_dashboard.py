import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from delegates import selectors as delegates_selectors
from delegates.enums import RegistrationStatus as Status
from delegates.enums import Role
from secretariat import dashboard
from tests.delegates.staff_helpers import viewer
from tests.factories import MeetingFactory, RegistrationFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    meeting = MeetingFactory(capacity=10, delegation_cap=3)
    RegistrationFactory(meeting=meeting, member=member("TH"), role=Role.HEAD_OF_DELEGATION,
                        status=Status.CONFIRMED, dietary_needs="Halal",
                        needs_visa_letter=True)
    RegistrationFactory(meeting=meeting, member=member("TH"), status=Status.PENDING,
                        dietary_needs="Halal", accessibility_needs="Wheelchair access")
    RegistrationFactory(meeting=meeting, member=member("DE"), status=Status.WAITLISTED,
                        dietary_needs="Vegetarian")
    RegistrationFactory(meeting=meeting, member=member("FR"), status=Status.CANCELLED)
    return meeting


def test_seats_held_and_left(meeting):
    seats = delegates_selectors.seats(meeting)

    assert (seats.capacity, seats.held, seats.left, seats.waiting, seats.percent_held) == (
        10, 2, 8, 1, 20)


def test_counts_by_status_and_region(meeting):
    assert [(value, n) for value, _label, n in dashboard.counts_by_status(meeting)] == [
        ("pending", 1), ("confirmed", 1), ("waitlisted", 1), ("rejected", 0),
        ("cancelled", 1), ("unconfirmed", 0), ("expired", 0)]
    assert [(str(label), n) for label, n in dashboard.counts_by_region(meeting)] == [
        ("Asia", 2), ("Europe", 0), ("Observer organisation", 0)]


def test_delegations_say_whether_a_head_is_named(meeting):
    rows = [(m.code, m.held, m.waitlisted, m.heads) for m in dashboard.delegations(meeting)]

    assert rows == [("DE", 0, 1, 0), ("TH", 2, 0, 1)]


def test_members_without_registration_leave_out_active_delegations(meeting):
    missing = set(dashboard.members_without_registration(meeting).values_list("code",
                                                                              flat=True))

    assert "TH" not in missing
    assert "DE" not in missing
    assert "FR" in missing  # only a cancelled registration
    assert "WCO" not in missing  # observers are not expected to register


def test_special_needs(meeting):
    needs = dashboard.special_needs(meeting)

    assert needs.diets == [("Halal", 2), ("Vegetarian", 1)]
    assert [r.accessibility_needs for r in needs.accessibility] == ["Wheelchair access"]
    assert needs.visa_letters == 1


def test_registrations_over_time_are_cumulative(meeting):
    series = dashboard.registrations_over_time(meeting)

    assert len(series) == 1
    assert series[0][1:] == (4, 4)


def test_dashboard_page_passes_chart_data_as_json(client, meeting):
    client.force_login(viewer())

    response = client.get(f"/staff/{meeting.slug}/")

    assert response.status_code == 200
    start = response.text.index('<script id="dashboard-data" type="application/json">')
    payload = response.text[start:].split(">", 1)[1].split("</script>", 1)[0]
    assert json.loads(payload)["status"]["values"] == [1, 1, 1, 0, 1, 0, 0]
    assert '<script id="dashboard-data" type="application/json">' in response.text
    assert "/static/js/dashboard.js" in response.text
    assert "<script>" not in response.text


@pytest.mark.parametrize("extra", [0, 20])
def test_dashboard_query_count_does_not_grow_with_registrations(client, meeting, extra):
    for n in range(extra):
        RegistrationFactory(meeting=meeting, member=member("KR"), status=Status.WAITLISTED,
                            accessibility_needs=f"Need {n}")
    client.force_login(viewer())

    with CaptureQueriesContext(connection) as queries:
        client.get(f"/staff/{meeting.slug}/")

    # The passport check asks the permissions already loaded; the meeting's accreditation
    # rule and its questions are two more, the counts of the logistics three
    # (`logistics.selectors.summary`).
    assert len(queries) == 19


def test_dashboard_names_delegations_without_a_head(client, meeting):
    client.force_login(viewer())

    response = client.get(f"/staff/{meeting.slug}/")

    assert "1 head of delegation named; missing for Germany." in " ".join(
        response.text.split())


def test_observer_organisations_are_not_asked_for_a_head(client, meeting):
    RegistrationFactory(meeting=meeting, member=member("WCO"), role=Role.OBSERVER,
                        status=Status.CONFIRMED)
    client.force_login(viewer())

    response = client.get(f"/staff/{meeting.slug}/")

    assert [m.code for m in response.context["heads_missing"]] == ["DE"]


def test_registrations_over_time_chart_has_its_numbers_in_a_table(client, meeting):
    client.force_login(viewer())

    content = client.get(f"/staff/{meeting.slug}/").text

    table = content.split('data-testid="over-time"')[1].split("</table>")[0]
    assert "<caption class=\"visually-hidden\">Registrations over time</caption>" in table
    day = dashboard.registrations_over_time(meeting)[0][0]
    assert (f'<tr><th scope="row"><time datetime="{day}">{day}</time></th>'
            '<td class="text-end">4</td><td class="text-end">4</td></tr>') in table
