import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from delegates.enums import RegistrationStatus, Role
from meetings.enums import AgendaItemKind, MeetingStatus
from tests.factories import (
    ActionPlanFactory,
    AgendaItemFactory,
    MeetingFactory,
    RegistrationFactory,
    TopicFactory,
    member,
)


def test_home_lists_the_twelfth_meeting(client, demo):
    response = client.get("/")

    assert response.status_code == 200
    assert "12th ASEM Customs Directors-General and Commissioners Meeting" in response.text


def test_home_calls_to_register_while_registration_is_open(client, db):
    meeting = MeetingFactory(title="Open Meeting")

    response = client.get("/")

    assert response.context["next_meeting"] == meeting
    assert reverse("delegates:register", args=[meeting.slug]) in response.text
    assert "Register now" in response.text


def test_home_has_no_call_to_register_once_registration_closed(client, db):
    MeetingFactory(
        status=MeetingStatus.REGISTRATION_OPEN,
        registration_opens_at=timezone.now() - dt.timedelta(days=10),
        registration_closes_at=timezone.now() - dt.timedelta(days=1),
    )

    response = client.get("/")

    assert response.context["registration_open"] is False
    assert "Register now" not in response.text


def test_meeting_page_shows_the_seed_facts(client, demo):
    response = client.get(demo["twelfth"].get_absolute_url())

    text = response.text
    assert response.status_code == 200
    assert "Berlin, Germany, 16\u201317 October 2017" in text
    assert "German Customs, Federal Ministry of Finance" in text
    assert "more than 140 delegates from 45 ASEM Members" in text
    assert "Dr. Michael Meister" in text
    assert "Dr. Kunio Mikuriya" in text
    assert "Passenger Name Records" in text
    assert "ASEM Customs Action Plan 2018-2019" in text
    assert "consisting of 8 action points" in text
    assert "ASEM Working Group on Customs matters" in text
    assert "Customs-Trade Days" in text
    assert "will take place in Viet Nam, 2019" in text


def test_meeting_attendance_is_computed_from_confirmed_registrations(client, db):
    meeting = MeetingFactory(status=MeetingStatus.HELD)
    codes = ["DE", "FR", "IT", "JP", "CN", "VN", "TH"]
    for index in range(146):
        RegistrationFactory(
            meeting=meeting, member=member(codes[index % len(codes)]),
            status=RegistrationStatus.CONFIRMED,
        )
    RegistrationFactory(meeting=meeting, member=member("KR"), status=RegistrationStatus.PENDING)
    RegistrationFactory(meeting=meeting, member=member("SG"), status=RegistrationStatus.CANCELLED)

    response = client.get(meeting.get_absolute_url())

    assert response.context["attendance"].delegates == 146
    assert response.context["attendance"].members == 7
    assert "more than 140 delegates from 7 ASEM Members" in response.text


def test_meeting_page_names_opening_speakers_reports_topics_and_plan(client, db):
    meeting = MeetingFactory(status=MeetingStatus.HELD)
    opening = AgendaItemFactory(meeting=meeting, position=1, kind=AgendaItemKind.OPENING,
                                title="Opening of the Meeting")
    opening.speakers.create(name="Ms. Invented Speaker", position="Director-General")
    AgendaItemFactory(meeting=meeting, position=2, kind=AgendaItemKind.REPORT,
                      title="Report of the working group", outcome="Report heard.")
    deliberation = AgendaItemFactory(meeting=meeting, position=3)
    deliberation.topics.add(TopicFactory(name="Green Customs"))
    plan = ActionPlanFactory(meeting=meeting, title="Action Plan 2030-2031")

    text = client.get(meeting.get_absolute_url()).text

    assert "Ms. Invented Speaker</strong>, Director-General" in text
    assert "Report of the working group" in text
    assert "Green Customs" in text
    assert plan.get_absolute_url() in text


def test_meeting_page_links_the_meetings_before_and_after_it_in_its_series(client, db):
    tenth = MeetingFactory(number=10, title="10th Meeting", slug="tenth")
    series = tenth.series
    eleventh, twelfth, thirteenth = (
        MeetingFactory(series=series, number=number, title=f"{number}th Meeting",
                       slug=f"meeting-{number}") for number in (11, 12, 13))
    MeetingFactory(number=14, title="14th Meeting of another series", slug="other")

    page = client.get(twelfth.get_absolute_url()).content.decode()
    first = client.get(tenth.get_absolute_url()).content.decode()

    assert f'Previous meeting</dt><dd><a href="{eleventh.get_absolute_url()}">11th Meeting' in page
    assert f'Next meeting</dt><dd><a href="{thirteenth.get_absolute_url()}">13th Meeting' in page
    assert "Previous meeting" not in first and "10th Meeting" not in page
    assert "another series" not in page and "another series" not in first


def test_announced_meeting_that_knows_only_its_year_says_so(client, demo):
    response = client.get(demo["thirteenth"].get_absolute_url())

    assert response.status_code == 200
    assert "Viet Nam, 2019" in response.text
    assert "dates to be announced" in response.text


def _section(html, heading_id):
    """The text of the page's section under the heading with that id."""
    start = html.index(f'id="{heading_id}"')
    end = html.find("</section>", start)
    return html[start:end]


def test_an_announced_meeting_whose_year_is_over_is_still_upcoming(client, demo):
    response = client.get(reverse("public:meeting_list"))

    upcoming = _section(response.text, "upcoming-heading")
    past = _section(response.text, "past-heading")
    assert "13th ASEM Customs Directors-General" in upcoming
    assert "13th ASEM Customs Directors-General" not in past
    assert "Viet Nam, 2019" in upcoming
    assert "dates to be announced" in upcoming
    # Those with dates come first: the one open for registration leads.
    assert list(response.context["upcoming_meetings"]) == [demo["demonstration"],
                                                           demo["thirteenth"]]


def test_home_leads_with_the_dated_meeting_and_lists_the_announced_one_as_coming_up(
        client, demo):
    response = client.get("/")

    assert response.context["next_meeting"] == demo["demonstration"]
    assert "13th ASEM Customs Directors-General" in _section(response.text, "upcoming-heading")
    assert "13th ASEM Customs Directors-General" not in _section(response.text,
                                                                 "recent-heading")


def test_a_meeting_whose_dates_are_over_is_past_even_if_never_marked_held(client, db):
    ended = MeetingFactory(status=MeetingStatus.REGISTRATION_CLOSED, year=2019,
                           start_date=dt.date(2019, 11, 20), end_date=dt.date(2019, 11, 21))
    undated = MeetingFactory(status=MeetingStatus.REGISTRATION_CLOSED, year=2019,
                             start_date=None, end_date=None)

    response = client.get(reverse("public:meeting_list"))

    assert set(response.context["past_meetings"]) == {undated, ended}
    assert list(response.context["upcoming_meetings"]) == []


def test_announced_meeting_speaks_in_the_future_and_claims_nothing_adopted(client, demo):
    text = client.get(demo["thirteenth"].get_absolute_url()).text

    assert ("This meeting is announced for 2019 in Viet Nam. Its dates and venue are not known "
            "yet, so it is listed among the upcoming meetings") in text
    assert "Delegates adopted" not in text
    assert "Action plan adopted" not in text
    assert "Action plan proposed for adoption" in text
    assert ("The draft ASEM Customs Action Plan 2020-2021, of 2 action points so far, is to be "
            "put to delegates for adoption at this meeting.") in text


def test_a_draft_action_plan_is_not_said_to_be_adopted(client, demo):
    plan = demo["thirteenth"].action_plans.get()

    text = client.get(plan.get_absolute_url()).text

    assert "Adopted at the" not in text
    assert ("A draft for the period 2020\u20132021, to be put to delegates for adoption at the "
            "13th ASEM Customs Directors-General and Commissioners Meeting.") in text


def test_series_page_splits_upcoming_and_past(client, demo):
    series = demo["twelfth"].series

    response = client.get(series.get_absolute_url())

    assert list(response.context["past_meetings"]) == [demo["twelfth"]]
    assert list(response.context["upcoming_meetings"]) == [demo["thirteenth"]]


def test_agenda_groups_items_by_day_in_the_venue_time_zone(client, demo):
    response = client.get(reverse("public:meeting_agenda", args=[demo["twelfth"].slug]))

    days = response.context["agenda_days"]
    assert [day.day for day in days] == [dt.date(2017, 10, 16), dt.date(2017, 10, 17)]
    assert [len(day.items) for day in days] == [5, 4]
    assert '<time datetime="2017-10-16T09:30:00+02:00">09:30</time>' in response.text
    assert "Monday 16 October 2017" in response.text


def test_agenda_item_reviewing_a_plan_links_to_it(client, db):
    plan = ActionPlanFactory(title="Action Plan Under Review")
    later = MeetingFactory()
    AgendaItemFactory(meeting=later, position=1, title="Review", reviews_plan=plan)

    response = client.get(reverse("public:meeting_agenda", args=[later.slug]))

    assert plan.get_absolute_url() in response.text


def test_member_page_shows_counts_only(client, db):
    meeting = MeetingFactory(status=MeetingStatus.HELD)
    for _ in range(3):
        RegistrationFactory(meeting=meeting, member=member("DE"),
                            status=RegistrationStatus.CONFIRMED, given_name="Visible")
    RegistrationFactory(meeting=meeting, member=member("DE"), status=RegistrationStatus.PENDING)

    response = client.get(reverse("public:member_detail", args=["de"]))

    assert [(m, m.delegates) for m in response.context["participation"]] == [(meeting, 3)]
    assert "Visible" not in response.text
    assert "Schmidt" not in response.text


def test_member_list_counts_meetings_attended(client, db):
    for _ in range(2):
        RegistrationFactory(meeting=MeetingFactory(), member=member("JP"),
                            status=RegistrationStatus.CONFIRMED)

    response = client.get(reverse("public:member_list"))

    japan = next(m for m in response.context["members"] if m.code == "JP")
    assert japan.meetings_attended == 2


def test_topic_page_tells_where_and_when_it_was_discussed(client, demo):
    response = client.get(reverse("public:topic_detail", args=["passenger-name-records"]))

    assert [item.meeting for item in response.context["agenda_items"]] == [demo["twelfth"]]
    assert "Agenda item 6: Enforcement and protection of society" in response.text


def test_every_public_page_of_the_demo_answers(client, demo):
    twelfth = demo["twelfth"]
    urls = [
        reverse("public:meeting_list"),
        reverse("public:series_detail", args=[twelfth.series.slug]),
        reverse("public:meeting_agenda", args=[twelfth.slug]),
        twelfth.action_plans.get().get_absolute_url(),
        reverse("public:member_list"),
        reverse("public:member_detail", args=["de"]),
        reverse("public:topic_list"),
        reverse("public:topic_detail", args=["passenger-name-records"]),
        reverse("public:robots_txt"),
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_unknown_meeting_answers_a_helpful_404(client, db):
    response = client.get("/meetings/no-such-meeting/")

    assert response.status_code == 404
    assert "We could not find that page" in response.text


@pytest.mark.parametrize("role", [Role.HEAD_OF_DELEGATION])
def test_published_list_puts_the_host_and_heads_first(client, db, role):
    meeting = MeetingFactory(publish_participants=True, host_member=member("VN"))
    RegistrationFactory(meeting=meeting, member=member("AT"), given_name="Aaron",
                        family_name="Austria", status=RegistrationStatus.CONFIRMED,
                        publish_name=True)
    RegistrationFactory(meeting=meeting, member=member("VN"), given_name="Van",
                        family_name="Delegate", status=RegistrationStatus.CONFIRMED,
                        publish_name=True)
    RegistrationFactory(meeting=meeting, member=member("VN"), given_name="Head",
                        family_name="Zed", role=role, status=RegistrationStatus.CONFIRMED,
                        publish_name=True)

    columns = client.get(reverse("public:meeting_participants",
                                 args=[meeting.slug])).context["columns"]
    delegations = [delegation for column in columns for delegation in column]

    assert [(d.member.code, [p.full_name for p in d.participants]) for d in delegations] == [
        ("VN", ["Head Zed", "Van Delegate"]),
        ("AT", ["Aaron Austria"]),
    ]


@pytest.mark.parametrize("name", ["403.html", "404.html", "500.html", "503.html"])
def test_error_pages_carry_no_inline_style_or_script(name):
    from django.conf import settings

    text = (settings.BASE_DIR / "templates" / name).read_text()

    assert "<style" not in text
    assert "style=" not in text
    assert "<script>" not in text


def test_server_error_page_links_a_stylesheet_and_the_way_home(client, db):
    from django.template import loader

    # Rendered as Django's server_error renders it: no context, nothing from the database.
    text = loader.get_template("500.html").render()

    assert '<link rel="stylesheet" href="/static/css/error.css">' in text
    assert '<a href="/">Go to the home page</a>' in text
    response = client.get("/static/css/error.css")
    assert response.status_code == 200
    response.close()


def _public_urls():
    meeting = MeetingFactory()
    topic = TopicFactory()
    plan = ActionPlanFactory()
    return [
        "/", reverse("public:meeting_list"), reverse("public:summaries_feed"),
        reverse("public:series_detail", args=[meeting.series.slug]),
        meeting.get_absolute_url(), reverse("public:meeting_agenda", args=[meeting.slug]),
        reverse("public:meeting_ical", args=[meeting.slug]),
        reverse("public:member_list"), reverse("public:member_detail", args=["DE"]),
        reverse("public:topic_list"), reverse("public:topic_detail", args=[topic.slug]),
        plan.get_absolute_url(), reverse("public:sitemap"), reverse("public:robots_txt"),
    ]


def test_public_pages_answer_head_like_get_without_a_body(client, db):
    member("DE")
    for url in _public_urls():
        get = client.get(url)
        head = client.head(url)

        assert (url, head.status_code) == (url, 200)
        assert head["Content-Type"] == get["Content-Type"]
        assert head.content == b""


def test_public_pages_still_refuse_writes(client, db):
    for url in _public_urls():
        assert (url, client.post(url).status_code) == (url, 405)


def main_of(response):
    assert response.status_code == 200
    return response.text[response.text.index("<main"):response.text.index("</main>")]


@pytest.fixture
def long_list(db, monkeypatch):
    """A meeting that publishes its list: three of Austria, two of Viet Nam (one who did not
    agree to be named), two names a page."""
    from public import selectors

    monkeypatch.setattr(selectors, "PARTICIPANTS_PER_PAGE", 2)
    meeting = MeetingFactory(publish_participants=True, list_host_first=False)
    for code, given, publish in [("AT", "Anna", True), ("AT", "Bert", True), ("AT", "Carl", True),
                                 ("VN", "Dung", True), ("VN", "Hidden", False)]:
        RegistrationFactory(meeting=meeting, member=member(code), given_name=given,
                            family_name="Delegate", status=RegistrationStatus.CONFIRMED,
                            publish_name=publish)
    return meeting


def test_the_meeting_page_counts_the_participants_named_and_links_their_list(client, long_list):
    page = client.get(long_list.get_absolute_url()).text

    assert "Anna Delegate" not in page
    assert "Participants named: 4, of 2 delegations." in page
    assert reverse("public:meeting_participants", args=[long_list.slug]) in page


def test_the_list_of_participants_goes_a_page_at_a_time(client, long_list):
    url = reverse("public:meeting_participants", args=[long_list.slug])
    first, second, third = (main_of(client.get(url, {"page": n})) for n in (1, 2, 3))

    assert "Anna Delegate" in first and "Bert Delegate" in first and "Carl" not in first
    assert "Carl Delegate" in second and "Dung Delegate" in second
    assert "Austria <span class=\"small text-body-secondary fw-normal\">(continued)" in second
    assert "Names 3 to 4, page 2 of 2." in second
    assert "Hidden" not in first + second
    assert third == second  # past the end: the last page
    assert main_of(client.get(url, {"page": "x'; --"})) == first
    assert main_of(client.get(url, {"page": "0"})) == main_of(client.get(url, {"page": "-3"}))
    assert main_of(client.get(url, {"page": "-3"})) == first


def test_a_delegation_cut_between_the_two_columns_is_headed_again(client, long_list,
                                                                 monkeypatch):
    from public import selectors

    monkeypatch.setattr(selectors, "PARTICIPANTS_PER_PAGE", 10)
    response = client.get(reverse("public:meeting_participants", args=[long_list.slug]))

    columns = [[(d.member.code, [p.given_name for p in d.participants], d.from_column_before)
                for d in column] for column in response.context["columns"]]
    assert columns == [[("AT", ["Anna", "Bert"], False)],
                       [("AT", ["Carl"], True), ("VN", ["Dung"], False)]]
    # On a phone the one column runs on: the repeated heading is for wide screens only.
    assert ('<h3 class="h6 mb-1 d-none d-md-block">Austria <span class="small '
            'text-body-secondary fw-normal">(continued)</span>') in response.text


def test_a_meeting_that_publishes_no_list_has_no_list_page(client, db):
    meeting = MeetingFactory(publish_participants=False)
    RegistrationFactory(meeting=meeting, status=RegistrationStatus.CONFIRMED, publish_name=True)

    response = client.get(reverse("public:meeting_participants", args=[meeting.slug]))

    assert response.status_code == 404
    assert "Delegate" not in response.text
    assert "List of participants" not in client.get(meeting.get_absolute_url()).text


def test_a_list_with_nobody_named_yet_says_so(client, db):
    meeting = MeetingFactory(publish_participants=True)

    page = client.get(reverse("public:meeting_participants", args=[meeting.slug]))

    assert "No participant is named yet." in main_of(page)
    assert "List of participants" not in client.get(meeting.get_absolute_url()).text
