"""Documents generated from the data by the secretariat's PDF package, registered with the
documents app: the provisional agenda, the action plan, the list of participants."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from delegates.enums import RegistrationStatus
from documents import services
from documents.enums import Access, DocumentKind
from documents.models import Document
from tests.delegates.staff_helpers import editor
from tests.factories import (
    ActionPlanFactory,
    ActionPointFactory,
    AgendaItemFactory,
    MeetingFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db


def text_of(document):
    file = document.files.get(superseded_at__isnull=True)
    with file.file.open("rb") as handle:
        return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(handle.read())).pages)


def test_the_agenda_is_generated_then_generated_again_as_a_new_version(client):
    meeting = MeetingFactory(number=12)
    AgendaItemFactory(meeting=meeting, position=1, title="Opening of the meeting")
    client.force_login(editor())

    client.post(reverse("staff_documents:generate", args=[meeting.slug, "agenda"]))
    document = Document.objects.get()
    assert (document.kind, document.generated, document.access, document.symbol) == (
        DocumentKind.PROVISIONAL_AGENDA, True, Access.PUBLIC, "ASEM/DGC/12/1")
    assert "1. Opening of the meeting" in text_of(document)

    AgendaItemFactory(meeting=meeting, position=2, title="Adoption of the agenda")
    client.post(reverse("staff_documents:generate", args=[meeting.slug, "agenda"]))
    assert Document.objects.count() == 1
    assert list(document.files.values_list("version", "note")) == [
        (2, "Generated again from the data"), (1, "Generated from the data")]
    assert "2. Adoption of the agenda" in text_of(document)


def test_the_action_plan_is_generated_from_its_points():
    plan = ActionPlanFactory(title="Action Plan 2018-2019")
    ActionPointFactory(plan=plan, number=1, title="Strengthen customs enforcement")
    document = services.document_generate(meeting=plan.meeting, key="action_plan",
                                          actor=services.roles.SYSTEM)
    assert document.title == "Action Plan 2018-2019"
    assert "Strengthen customs enforcement" in text_of(document)


def test_the_list_of_participants_is_for_participants_and_names_only_consenting_people():
    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting, status=RegistrationStatus.CONFIRMED,
                        family_name="Consenting", publish_name=True)
    RegistrationFactory(meeting=meeting, status=RegistrationStatus.CONFIRMED,
                        family_name="Private", publish_name=False)
    document = services.document_generate(meeting=meeting, key="participants",
                                          actor=services.roles.SYSTEM)
    text = text_of(document)
    assert document.access == Access.PARTICIPANTS
    assert "Consenting" in text and "Private" not in text


def test_nothing_to_generate_from_is_a_message_not_an_error(client):
    meeting = MeetingFactory()
    client.force_login(editor())
    response = client.post(reverse("staff_documents:generate", args=[meeting.slug, "agenda"]),
                           follow=True)
    assert "This meeting has no data to make that document from." in response.content.decode()
    assert Document.objects.count() == 0
