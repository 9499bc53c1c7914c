"""The public endpoints: anyone reads, nobody writes, no delegate's personal data."""

import json

import pytest
from django.test import override_settings

from action_plans.enums import ProgressReportState
from action_plans.models import ProgressReport
from delegates.enums import RegistrationStatus
from meetings.models import Member, Speaker
from tests.factories import (
    ActionPlanFactory,
    ActionPointFactory,
    AgendaItemFactory,
    MeetingFactory,
    RegistrationFactory,
    TopicFactory,
    member,
)

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"


def test_meetings_list_shows_meetings_latest_first(anonymous):
    older = MeetingFactory(number=11, year=2015, slug="eleventh")
    newer = MeetingFactory(number=12, slug="twelfth")
    response = anonymous.get("/api/v1/meetings/")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert [m["slug"] for m in body["results"]] == [newer.slug, older.slug]
    first = body["results"][0]
    assert first["series"]["slug"] == "asem-customs-dg-c"
    assert first["host_member"] == "VN"
    assert first["registration_window"] == "open"
    assert first["agenda_url"] == "http://127.0.0.1:8000/api/v1/meetings/twelfth/agenda/"


@pytest.mark.parametrize("count", [1, 3])
def test_meetings_list_queries_do_not_grow_with_meetings(anonymous, count,
                                                          django_assert_num_queries):
    MeetingFactory.create_batch(count)
    with django_assert_num_queries(2):  # count, page
        assert anonymous.get("/api/v1/meetings/").status_code == 200


def test_meetings_filter_by_series_year_and_status(anonymous):
    MeetingFactory(slug="a", year=2030, start_date=None, end_date=None, status="announced")
    MeetingFactory(slug="b")
    response = anonymous.get("/api/v1/meetings/", {"status": "announced"})
    assert [m["slug"] for m in response.json()["results"]] == ["a"]
    response = anonymous.get("/api/v1/meetings/", {"series": "none"})
    assert response.json()["count"] == 0


def test_meetings_pages(anonymous):
    MeetingFactory.create_batch(3)
    body = anonymous.get("/api/v1/meetings/", {"page_size": 2}).json()
    assert (body["count"], len(body["results"])) == (3, 2)
    assert body["next"].endswith("page=2&page_size=2")


def test_meeting_never_shows_delegates(anonymous):
    meeting = MeetingFactory(publish_participants=True)
    RegistrationFactory(meeting=meeting, email="secret-person@example.org",
                        family_name="Geheim", status=RegistrationStatus.CONFIRMED)
    for path in (f"/api/v1/meetings/{meeting.slug}/", f"/api/v1/meetings/{meeting.slug}/agenda/",
                 "/api/v1/meetings/", "/api/v1/members/DE/"):
        text = anonymous.get(path).content.decode()
        assert "secret-person" not in text and "Geheim" not in text


def test_unknown_meeting_is_a_problem_404(anonymous):
    response = anonymous.get("/api/v1/meetings/nothing-here/")
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM
    assert response.json() == {"type": "about:blank", "title": "Not Found", "status": 404,
                               "detail": "Not found."}


def test_unknown_api_address_is_a_problem_404(anonymous):
    response = anonymous.get("/api/v2/meetings/")
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM
    assert response.json()["status"] == 404


def test_public_endpoints_refuse_writes(anonymous):
    meeting = MeetingFactory()
    response = anonymous.post("/api/v1/meetings/", {}, format="json")
    assert response.status_code == 405
    assert response["Content-Type"] == PROBLEM
    response = anonymous.delete(f"/api/v1/meetings/{meeting.slug}/")
    assert response.status_code == 405


def test_side_events_list_their_seats_publicly(anonymous, django_assert_num_queries):
    from side_events.services import signup_create
    from tests.side_events.helpers import people, side_event

    dinner = side_event(capacity=1, name="Official dinner")
    for registration in people(dinner.meeting, 2):
        signup_create(event=dinner, registration=registration)
    with django_assert_num_queries(2):  # meeting, events with their counts
        response = anonymous.get(f"/api/v1/meetings/{dinner.meeting.slug}/side-events/")
    [event] = response.json()
    assert (event["name"], event["capacity"], event["seats_taken"], event["waiting"]) == (
        "Official dinner", 1, 1, 1)
    assert "signups" not in event and "registration" not in str(event)


def test_agenda_lists_items_with_speakers(anonymous, django_assert_num_queries):
    meeting = MeetingFactory()
    topic = TopicFactory(slug="risk-management")
    second = AgendaItemFactory(meeting=meeting, position=2, title="Risk management")
    second.topics.add(topic)
    AgendaItemFactory(meeting=meeting, position=1, title="Opening")
    Speaker.objects.create(agenda_item=second, name="Speaker One", position="Director",
                           member=member("JP"))
    with django_assert_num_queries(5):  # meeting, items, speakers, topics, bodies
        response = anonymous.get(f"/api/v1/meetings/{meeting.slug}/agenda/")
    items = response.json()
    assert [item["title"] for item in items] == ["Opening", "Risk management"]
    assert items[1]["topics"] == ["risk-management"]
    assert items[1]["speakers"] == [{"order": 1, "name": "Speaker One", "position": "Director",
                                     "organisation": "", "member": "JP"}]


def test_topics(anonymous):
    TopicFactory(name="Trade facilitation", slug="trade-facilitation")
    assert anonymous.get("/api/v1/topics/").json()["results"] == [
        {"slug": "trade-facilitation", "name": "Trade facilitation", "description": ""}]
    assert anonymous.get("/api/v1/topics/trade-facilitation/").status_code == 200


def test_members_by_code_in_any_case(anonymous):
    body = anonymous.get("/api/v1/members/de/").json()
    assert body == {"code": "DE", "name": "Germany", "kind": "partner", "region": "europe",
                    "joined_year": 1996}
    assert anonymous.get("/api/v1/members/", {"page_size": 200}).json()["count"] == (
        Member.objects.count())


def test_action_plan_shows_points_with_accepted_progress_only(anonymous):
    plan = ActionPlanFactory(slug="plan-2018")
    point = ActionPointFactory(plan=plan, number=1, title="Data exchange")
    point.lead_members.add(member("KR"))
    for state, text in ((ProgressReportState.ACCEPTED, "Pilot running"),
                        (ProgressReportState.SUBMITTED, "Not yet reviewed")):
        ProgressReport.objects.create(action_point=point, member=member("KR"), text=text,
                                      proposed_status="in_progress", state=state)
    listing = anonymous.get("/api/v1/action-plans/").json()
    assert [p["slug"] for p in listing["results"]] == ["plan-2018"]
    assert "points" not in listing["results"][0]
    detail = anonymous.get("/api/v1/action-plans/plan-2018/").json()
    assert detail["points"][0]["lead_members"] == ["KR"]
    assert [r["text"] for r in detail["points"][0]["accepted_progress"]] == ["Pilot running"]


def test_public_read_has_an_etag_and_answers_304(anonymous):
    meeting = MeetingFactory()
    first = anonymous.get(f"/api/v1/meetings/{meeting.slug}/")
    etag = first["ETag"]
    assert etag.startswith('"') and first["Cache-Control"] == "public, max-age=60"
    again = anonymous.get(f"/api/v1/meetings/{meeting.slug}/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    meeting.title = "Renamed"
    meeting.save()
    changed = anonymous.get(f"/api/v1/meetings/{meeting.slug}/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


@override_settings(API_ANONYMOUS_RATE="2/minute")
def test_anonymous_callers_are_throttled_per_address(anonymous):
    assert anonymous.get("/api/v1/topics/").status_code == 200
    assert anonymous.get("/api/v1/topics/").status_code == 200
    response = anonymous.get("/api/v1/topics/")
    assert response.status_code == 429
    assert response["Content-Type"] == PROBLEM
    assert int(response["Retry-After"]) > 0
    assert json.loads(response.content)["title"] == "Too Many Requests"
    other = anonymous.get("/api/v1/topics/", REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_action_plan_queries_do_not_grow_with_points(anonymous, count,
                                                     django_assert_num_queries):
    plan = ActionPlanFactory(slug="plan")
    for point in ActionPointFactory.create_batch(count, plan=plan):
        point.lead_members.add(member("KR"))
        ProgressReport.objects.create(action_point=point, member=member("KR"), text="Done",
                                      proposed_status="completed",
                                      state=ProgressReportState.ACCEPTED)
    # plan, points, leads, participants, status changes, accepted reports (and their
    # members), and the same three for the points carried over from (none here)
    with django_assert_num_queries(6):
        assert anonymous.get("/api/v1/action-plans/plan/").status_code == 200


def test_members_list_is_two_queries(anonymous, django_assert_num_queries):
    with django_assert_num_queries(2):
        assert anonymous.get("/api/v1/members/").status_code == 200
