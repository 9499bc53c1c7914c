"""Every public page runs the same number of queries with 10 and with 1,000 registrations,
agenda items and action points (built in bulk). Pages are measured with an empty cache, as a
first visitor finds them; a second visitor's page costs no query at all (test_cache)."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from action_plans.models import ActionPoint
from delegates.enums import RegistrationStatus, Role
from delegates.models import Registration
from meetings.enums import AgendaItemKind, MeetingStatus
from meetings.models import AgendaItem, Member, ReportingBody, Speaker, Topic
from tests.factories import ActionAreaFactory, ActionPlanFactory, MeetingFactory

# Queries of each page on a first visit (empty cache); the same at both sizes.
EXPECTED_QUERIES = {
    "home": 3,
    "meeting_list": 4,
    "series": 5,
    "meeting": 13,  # + the public documents, + the published decisions of the record;
    # the meetings before and after it in one query
    # the meeting, its counts, the page's count and its names (a page at a time, whatever
    # the size), and what every cached page asks (the meeting's scopes, the next change)
    "participants": 6,
    "agenda": 13,
    "calendar": 7,
    "plan": 8,
    "member_list": 2,
    "member": 4,
    "topic_list": 2,
    "topic": 3,
    "feed": 3,
    "sitemap": 13,
}


def build(size):
    """A held meeting with `size` published participants, agenda items (each with a speaker,
    a topic and a reporting body) and action points; a later meeting of `size` agenda items,
    one of which reviews the plan."""
    meeting = MeetingFactory(
        status=MeetingStatus.HELD, publish_participants=True,
        start_date=timezone.localdate() - dt.timedelta(days=40),
        end_date=timezone.localdate() - dt.timedelta(days=39),
        registration_opens_at=timezone.now() - dt.timedelta(days=90),
        registration_closes_at=timezone.now() - dt.timedelta(days=50),
    )
    later = MeetingFactory(series=meeting.series)
    members = list(Member.objects.all())
    Registration.objects.bulk_create(
        Registration(
            meeting=meeting, member=members[i % len(members)], given_name=f"Given{i}",
            family_name=f"Family{i}", email=f"person{i}@example.org",
            status=RegistrationStatus.CONFIRMED, publish_name=True,
            role=Role.HEAD_OF_DELEGATION if i < len(members) else Role.DELEGATE,
        )
        for i in range(size)
    )
    plan = ActionPlanFactory(meeting=meeting)
    area = ActionAreaFactory()
    ActionPoint.objects.bulk_create(
        ActionPoint(plan=plan, number=i + 1, title=f"Point {i}", area=area)
        for i in range(size)
    )
    topic = Topic.objects.create(name="Measured topic", slug="measured-topic")
    body = ReportingBody.objects.create(name="Measured body", slug="measured-body")
    start = dt.datetime.combine(meeting.start_date, dt.time(8), tzinfo=dt.UTC)
    kinds = list(AgendaItemKind)
    for target in (meeting, later):
        items = AgendaItem.objects.bulk_create(
            AgendaItem(
                meeting=target, position=i + 1, kind=kinds[i % len(kinds)], title=f"Item {i}",
                starts_at=start + dt.timedelta(minutes=10 * i),
                ends_at=start + dt.timedelta(minutes=10 * i + 5),
                reviews_plan=plan if (target == later and i == 0) else None,
            )
            for i in range(size)
        )
        Speaker.objects.bulk_create(
            Speaker(agenda_item=item, name=f"Speaker {item.position}") for item in items
        )
        AgendaItem.topics.through.objects.bulk_create(
            AgendaItem.topics.through(agendaitem=item, topic=topic) for item in items
        )
        AgendaItem.reporting_bodies.through.objects.bulk_create(
            AgendaItem.reporting_bodies.through(agendaitem=item, reportingbody=body)
            for item in items
        )
    return {
        "home": "/",
        "meeting_list": reverse("public:meeting_list"),
        "series": meeting.series.get_absolute_url(),
        "meeting": meeting.get_absolute_url(),
        "agenda": reverse("public:meeting_agenda", args=[later.slug]),
        "participants": reverse("public:meeting_participants", args=[meeting.slug]),
        "calendar": reverse("public:meeting_ical", args=[meeting.slug]),
        "plan": plan.get_absolute_url(),
        "member_list": reverse("public:member_list"),
        "member": reverse("public:member_detail", args=[members[0].code.lower()]),
        "topic_list": reverse("public:topic_list"),
        "topic": topic.get_absolute_url(),
        "feed": reverse("public:summaries_feed"),
        "sitemap": reverse("public:sitemap"),
    }


def measure(client, urls):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for page, url in urls.items():
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, page
        counts[page] = len(queries)
    return counts


@pytest.mark.parametrize("size", [10, 1000])
def test_public_page_queries_do_not_grow_with_the_data(
    client, db, django_assert_num_queries, size
):
    urls = build(size)

    assert measure(client, urls) == EXPECTED_QUERIES
    for page, url in urls.items():  # and once more, as django_assert_num_queries tells it
        cache.clear()
        with django_assert_num_queries(EXPECTED_QUERIES[page]):
            client.get(url)
