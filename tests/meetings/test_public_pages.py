from django.urls import reverse


def test_home_lists_the_twelfth_meeting(client, demo):
    response = client.get("/")

    assert response.status_code == 200
    assert "12th ASEM Customs Directors-General and Commissioners Meeting" in response.text


def test_meeting_page_shows_the_seed_facts(client, demo):
    response = client.get(demo["twelfth"].get_absolute_url())

    text = response.text
    assert response.status_code == 200
    assert "Berlin, Germany, 16\u201317 October 2017" in text
    assert "German Customs, Federal Ministry of Finance" in text
    assert "more than 140 delegates from 45 ASEM Members" in text
    assert "Dr. Michael Meister" in text
    assert "Passenger Name Records" in text
    assert "ASEM Customs Action Plan 2018-2019" in text
    assert "consisting of 8 action points" in text
    assert "ASEM Working Group on Customs matters" in text
    assert "will take place in Viet Nam, 2019" in text


def test_announced_meeting_that_knows_only_its_year_says_so(client, demo):
    response = client.get(demo["thirteenth"].get_absolute_url())

    assert response.status_code == 200
    assert "Viet Nam, 2019" in response.text


def test_every_public_page_of_the_demo_answers(client, demo):
    twelfth = demo["twelfth"]
    urls = [
        reverse("meetings:meeting_list"),
        reverse("meetings:series_detail", args=[twelfth.series.slug]),
        reverse("meetings:meeting_agenda", args=[twelfth.slug]),
        twelfth.action_plans.get().get_absolute_url(),
        reverse("meetings:member_list"),
        reverse("meetings:member_detail", args=["de"]),
        reverse("meetings:topic_list"),
        reverse("meetings:topic_detail", args=["passenger-name-records"]),
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_unknown_meeting_answers_a_helpful_404(client, db):
    response = client.get("/meetings/no-such-meeting/")

    assert response.status_code == 404
    assert "We could not find that page" in response.text
