"""Every page of every role, at desktop and phone size: axe-core (WCAG 2.0–2.2 A and AA) finds
no serious or critical problem, nothing scrolls sideways, no script fails (see `Journey.step`).

A new page is one line in PAGES: its address, with `{name}` for a value of `page_values`
(slugs, ids, signed links of the demo). Each role signs in once per screen (a session cookie,
both factors for the secretariat), then walks its list in one browser tab.
"""

import pytest
from django.conf import settings
from django.urls import reverse

from action_plans.models import ActionPoint
from delegates import links, services
from delegates.enums import RegistrationStatus
from delegates.models import Registration
from logistics.models import Hotel
from meetings.models import Member, Topic
from side_events.models import SideEvent
from tests.delegates.staff_helpers import Client, editor

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PAGES = {
    "visitor": [
        "/",
        "/meetings/",
        "/meetings/{twelfth}/",
        "/meetings/{twelfth}/agenda/",
        "/meetings/{thirteenth}/",
        "/meetings/{demo}/",
        "/meetings/{demo}/register/",
        "/members/",
        "/members/TH/",
        "/topics/",
        "/topics/{topic}/",
        "/plans/action-plan-2018-2019/",
        "/meetings/{twelfth}/documents/",
        "/meetings/{twelfth}/record/",
        "/documents/search/?q=customs",
        "/registrations/lost-link/",
        "/privacy/",
        "/accounts/login/",
        "{manage_link}",
        "{change_link}",
        "{cancel_link}",
        "{travel_link}",
        "{events_link}",
        "{photo_link}",
    ],
    "focal_point": [
        "/focal/",
        "/focal/meetings/{demo}/",
        "/focal/meetings/{demo}/register/",
        "/focal/registrations/{focal_registration}/change/",
        "/focal/registrations/{focal_registration}/travel/",
        "/focal/registrations/{focal_registration}/events/",
        "/focal/registrations/{focal_registration}/photo/",
        "/focal/documents/{demo}/",
        "/focal/meetings/{demo}/credentials/",
        "/api/tokens/",
    ],
    "secretariat": [
        "/staff/",
        "/staff/{demo}/",
        "/staff/{demo}/badges/",
        "/staff/{demo}/logistics/",
        "/staff/{demo}/side-events/",
        "/staff/{demo}/side-events/{side_event}/",
        "/staff/{demo}/certificates/",
        "/staff/{demo}/visa-letters/",
        "/staff/{demo}/check-in/",
        "/staff/{demo}/credentials/",
        "/staff/{demo}/import/",
        "/staff/focal-points/",
        "/staff/privacy/",
        "/staff/documents/meetings/{twelfth}/",
        "/staff/documents/records/{twelfth}/",
        "/staff/documents/records/{demo}/",
        "/staff/{demo}/circulars/",
        "/staff/{demo}/circulars/new/",
        "/staff/{demo}/reminders/",
        "/staff/mail/",
        "/staff/{demo}/mail/",
        "/admin/",
        "/admin/delegates/registration/",
        "/admin/delegates/registration/{registration}/change/",
        "/admin/delegates/registration/{registration}/history/",
        "/admin/delegates/registration/{registration}/photo/",
        "/admin/delegates/registration/add/",
        "/admin/meetings/meeting/",
        "/admin/meetings/meeting/{demo_pk}/change/",
        "/admin/meetings/member/",
        "/admin/meetings/agendaitem/{agenda_item}/change/",
        "/admin/action_plans/actionpoint/",
        "/admin/action_plans/actionpoint/{action_point}/change/",
        "/admin/logistics/hotel/{hotel}/change/",
        "/admin/logistics/traveldetails/",
        "/admin/side_events/sideevent/",
        "/admin/side_events/sideeventsignup/",
    ],
}


@pytest.fixture
def page_values(e2e_data):
    """The values the addresses of PAGES take, from the demo (with the 12th Meeting's
    documents and record)."""
    from demo.documents import load_documents
    from demo.logistics import load_demo_meeting_logistics
    from demo.photos import load_demo_photos
    from demo.record import load_record
    from demo.side_events import load_demo_side_events

    demo, twelfth = e2e_data["demonstration"], e2e_data["twelfth"]
    load_documents(twelfth)
    load_record(twelfth)
    load_demo_meeting_logistics(demo)
    load_demo_side_events(demo)
    load_demo_photos(demo)  # the photo pages show one
    registration = Registration.objects.filter(
        meeting=demo, status=RegistrationStatus.CONFIRMED).order_by("pk").first()
    thai = Registration.objects.filter(meeting=demo, member__code="TH").order_by("pk").first()
    item = twelfth.agenda_items.order_by("position").first()
    topic = Topic.objects.filter(agenda_items__isnull=False).order_by("pk").first()
    point = ActionPoint.objects.order_by("pk").first()
    return {
        "demo": demo.slug, "demo_pk": demo.pk, "twelfth": twelfth.slug,
        "thirteenth": e2e_data["thirteenth"].slug, "topic": topic.slug,
        "registration": registration.pk,
        "focal_registration": thai.pk, "agenda_item": item.pk, "action_point": point.pk,
        "manage_link": links.registration_path(registration),
        "change_link": links.registration_path(registration, "change"),
        "cancel_link": links.registration_path(registration, "cancel"),
        "travel_link": reverse("logistics:travel", args=[links.registration_token(
            registration)]),
        "events_link": reverse("side_events:events", args=[links.registration_token(
            registration)]),
        "side_event": SideEvent.objects.filter(meeting=demo).order_by("pk").first().pk,
        "hotel": Hotel.objects.filter(meeting=demo).order_by("pk").first().pk,
        "photo_link": links.registration_path(registration, "photo"),
    }


def _user_of(role):
    if role == "secretariat":
        return editor("a11y.editor")
    if role == "focal_point":
        focal_point = services.focal_point_invite(
            user_email="somchai.focal@th.customs.example.org", member=Member.objects.get(
                code="TH"), actor=None, first_name="Somchai", last_name="Focal")
        return focal_point.user
    return None


def sign_in(journey, user, base_url):
    """Sign `user` in to the journey's browser with a session cookie (both factors for the
    secretariat: tests/delegates/staff_helpers)."""
    client = Client()
    client.force_login(user)
    journey.page.context.add_cookies([{
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": base_url,
    }])


def check_pages(journey, addresses, values):
    """Open each address and check it (`Journey.step`): a page that does not answer 200
    is a problem too."""
    for address in addresses:
        url = address.format(**values)
        response = journey.page.goto(url)
        if response.status != 200:
            journey.problems.append(f"{journey.name}: {url} answered {response.status}")
        journey.step(url)


@pytest.mark.parametrize("screen", ["desktop", "phone"])
@pytest.mark.parametrize("role", list(PAGES))
def test_every_page_is_accessible(role, screen, page_values, open_journey, live_server):
    journey = open_journey(f"pages-{role}", screen=screen)
    user = _user_of(role)
    if user is not None:
        sign_in(journey, user, live_server.url)
    check_pages(journey, PAGES[role], page_values)
