import xml.etree.ElementTree as ET

from django.urls import reverse

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_sitemap_lists_every_public_page(client, demo):
    response = client.get(reverse("public:sitemap"))

    assert response.status_code == 200
    locations = {
        loc.text.removeprefix("http://testserver")
        for loc in ET.fromstring(response.content).iter(f"{SITEMAP}loc")  # noqa: S314
    }
    twelfth = demo["twelfth"]
    assert {
        "/", "/meetings/", "/members/", "/topics/",
        twelfth.get_absolute_url(),
        reverse("public:meeting_agenda", args=[twelfth.slug]),
        twelfth.series.get_absolute_url(),
        twelfth.action_plans.get().get_absolute_url(),
        "/members/de/",
        "/topics/passenger-name-records/",
    } <= locations


def test_robots_txt_points_to_the_sitemap(client, db):
    response = client.get(reverse("public:robots_txt"))

    assert response.text.splitlines()[-1] == "Sitemap: http://testserver/sitemap.xml"
