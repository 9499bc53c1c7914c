import json
import re
import xml.etree.ElementTree as ET

from django.urls import reverse

from tests.factories import MeetingFactory

ATOM = "{http://www.w3.org/2005/Atom}"


def test_atom_feed_lists_meetings_with_a_summary(client, demo):
    MeetingFactory(summary="")

    response = client.get(reverse("public:summaries_feed"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = ET.fromstring(response.content)  # noqa: S314 - our own output
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.find(f"{ATOM}title").text for entry in entries] == [
        "13th ASEM Customs Directors-General and Commissioners Meeting",
        "12th ASEM Customs Directors-General and Commissioners Meeting",
    ]
    twelfth = entries[1]
    assert twelfth.find(f"{ATOM}link").get("href") == (
        "http://testserver/meetings/12th-asem-customs-dg-c-meeting/"
    )
    assert twelfth.find(f"{ATOM}summary").text.startswith(
        "Berlin, Germany, 16\u201317 October 2017\n\nAt the invitation of"
    )
    assert feed.find(f"{ATOM}author/{ATOM}name").text == "ASEM Customs Secretariat"


def test_every_page_announces_the_feed(client, demo):
    text = client.get("/").text

    assert (f'<link rel="alternate" type="application/atom+xml" '
            f'href="{reverse("public:summaries_feed")}"') in text


def json_ld(text):
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)
    assert len(found) == 1
    return json.loads(found[0])


def test_meeting_page_describes_the_event_in_json_ld(client, demo):
    data = json_ld(client.get(demo["twelfth"].get_absolute_url()).text)

    assert data["@type"] == "Event"
    assert data["name"] == "12th ASEM Customs Directors-General and Commissioners Meeting"
    assert data["startDate"] == "2017-10-16"
    assert data["endDate"] == "2017-10-17"
    assert data["url"] == "http://testserver/meetings/12th-asem-customs-dg-c-meeting/"
    assert data["location"]["address"] == {
        "@type": "PostalAddress", "addressLocality": "Berlin", "addressCountry": "DE",
    }
    assert data["organizer"][0] == {
        "@type": "Organization", "name": "German Customs, Federal Ministry of Finance",
    }


def test_json_ld_cannot_be_broken_out_of(client, db):
    meeting = MeetingFactory(title="</script><script>alert(1)</script> & more")

    text = client.get(meeting.get_absolute_url()).text

    assert "</script><script>alert(1)" not in text
    assert json_ld(text)["name"] == "</script><script>alert(1)</script> & more"


def test_meeting_page_has_open_graph_tags(client, demo):
    text = client.get(demo["twelfth"].get_absolute_url()).text

    assert ('<meta property="og:title" content="12th ASEM Customs Directors-General and '
            'Commissioners Meeting">') in text
    assert ('<meta property="og:url" '
            'content="http://testserver/meetings/12th-asem-customs-dg-c-meeting/">') in text
    assert '<meta property="og:description" content="At the invitation of' in text
    assert '<meta property="og:image" content="http://testserver/static/img/og-image.png">' in text


def test_announced_meeting_json_ld_gives_only_the_year(client, demo):
    data = json_ld(client.get(demo["thirteenth"].get_absolute_url()).text)

    assert data["startDate"] == "2019"
    assert "endDate" not in data
