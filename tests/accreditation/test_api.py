"""The answers to a meeting's questions in the registrations of the API."""

import pytest

from accreditation.models import Answer, Question
from tests.api.conftest import client_with, token_for
from tests.delegates.staff_helpers import viewer
from tests.factories import FocalPointFactory, MeetingFactory, RegistrationFactory, member

pytestmark = pytest.mark.django_db
LIST = "/api/v1/registrations/"


def answered_registration():
    meeting = MeetingFactory()
    registration = RegistrationFactory(meeting=meeting, member=member("DE"))
    for label, visible_to, kind, value in [
            ("Sessions", "delegates", "several_choices", "WCO briefing\nOfficial dinner"),
            ("Clearance", "focal_points", "short_text", "SC-42"),
            ("Protocol rank", "staff", "short_text", "Vice-minister")]:
        question = Question.objects.create(meeting=meeting, label=label, kind=kind,
                                           visible_to=visible_to, choices="WCO briefing\n"
                                           "Official dinner")
        Answer.objects.create(registration=registration, question=question, value=value)
    return registration


def test_secretariat_reads_every_answer():
    registration = answered_registration()
    body = client_with(token_for(viewer())).get(f"{LIST}{registration.pk}/").json()
    assert [(answer["label"], answer["value"], answer["text"]) for answer in body["answers"]] == [
        ("Sessions", "WCO briefing\nOfficial dinner", "WCO briefing, Official dinner"),
        ("Clearance", "SC-42", "SC-42"),
        ("Protocol rank", "Vice-minister", "Vice-minister"),
    ]


def test_focal_point_reads_no_staff_only_answer():
    registration = answered_registration()
    focal = FocalPointFactory(member=member("DE")).user
    body = client_with(token_for(focal)).get(f"{LIST}{registration.pk}/").json()
    assert [answer["label"] for answer in body["answers"]] == ["Sessions", "Clearance"]


@pytest.mark.parametrize("count", [1, 3])
def test_answers_add_no_query_per_registration(count, django_assert_num_queries):
    for _index in range(count):
        answered_registration()
    client = client_with(token_for(viewer()))
    client.get(LIST)
    # token, user's tokens, permissions (groups, user), focal point, count, page, answers,
    # their questions, side event sign-ups
    with django_assert_num_queries(9):
        assert client.get(LIST).status_code == 200
