"""Query counts of the secretariat's list pages, pinned at one and three items."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from delegates.enums import RegistrationStatus as Status
from tests.delegates.staff_helpers import editor
from tests.factories import MeetingFactory, RegistrationFactory, member

pytestmark = pytest.mark.django_db
CODES = ["DE", "TH", "KR"]


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def editor_client(client):
    client.force_login(editor())
    return client


def test_registration_changelist_queries_do_not_grow(editor_client):
    meeting = MeetingFactory()
    url = f"/admin/delegates/registration/?meeting__id__exact={meeting.pk}"
    RegistrationFactory(meeting=meeting, member=member("DE"))
    one = count_queries(editor_client, url)
    for code in CODES[1:]:
        RegistrationFactory(meeting=meeting, member=member(code))

    assert count_queries(editor_client, url) == one


def test_visa_letters_list_queries_do_not_grow(editor_client):
    meeting = MeetingFactory()
    url = f"/staff/{meeting.slug}/visa-letters/"
    RegistrationFactory(meeting=meeting, member=member("DE"), needs_visa_letter=True)
    one = count_queries(editor_client, url)
    for code in CODES[1:]:
        RegistrationFactory(meeting=meeting, member=member(code), needs_visa_letter=True)

    assert count_queries(editor_client, url) == one


def test_staff_index_queries_do_not_grow(editor_client):
    MeetingFactory()
    one = count_queries(editor_client, "/staff/")
    MeetingFactory()
    MeetingFactory()

    assert count_queries(editor_client, "/staff/") == one


def test_checkin_page_queries_do_not_grow(editor_client):
    meeting = MeetingFactory()
    url = f"/staff/{meeting.slug}/check-in/"
    first = RegistrationFactory(meeting=meeting, member=member("DE"), status=Status.CONFIRMED)
    editor_client.post(f"{url}scan/", {"code": first.badge_code})
    one = count_queries(editor_client, url)
    for code in CODES[1:]:
        other = RegistrationFactory(meeting=meeting, member=member(code),
                                    status=Status.CONFIRMED)
        editor_client.post(f"{url}scan/", {"code": other.badge_code})

    assert count_queries(editor_client, url) == one
