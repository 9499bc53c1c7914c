"""Mail is written in its recipient's language: the one of the page they registered or were
invited on, kept with the registration or the focal point, whoever acts later."""

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone, translation
from django.utils.translation import gettext

from delegates import services
from delegates.enums import Role
from delegates.models import FocalPoint, Registration
from mail.models import MailTemplate, OutgoingEmail
from tests.delegates.staff_helpers import editor
from tests.factories import MeetingFactory, RegistrationFactory, member

pytestmark = pytest.mark.django_db


def _register(meeting, language, n=0):
    with translation.override(language):
        return services.registration_submit(meeting=meeting, data={
            "member": member("VN"), "given_name": "Thị Minh Khai", "family_name": "Nguyễn",
            "email": f"khai{n}@vn.example.org", "role": Role.DELEGATE,
            "privacy_consent_at": timezone.now(),
        })


def _in(language, msgid):
    with translation.override(language):
        return gettext(msgid)


def test_the_public_form_keeps_the_language_of_its_page(client):
    meeting = MeetingFactory()

    response = client.post(f"/meetings/{meeting.slug}/register/", {
        "given_name": "Minh", "family_name": "Trần", "member": member("VN").pk,
        "role": Role.DELEGATE, "email": "minh@vn.example.org", "privacy_consent": "on",
    }, headers={"accept-language": "vi"})

    assert response.status_code == 302
    assert Registration.objects.get().language == "vi"
    email = OutgoingEmail.objects.get()
    assert email.language == "vi"
    subject = _in("vi", "Please confirm your registration: %(title)s")
    assert subject != "Please confirm your registration: %(title)s"  # in the catalogue
    assert email.subject == subject % {"title": meeting.title}


@pytest.mark.parametrize("language", ["fr", "vi"])
def test_the_received_mail_is_in_the_registrations_language(language):
    meeting = MeetingFactory()

    registration = _register(meeting, language)

    email = OutgoingEmail.objects.get()
    assert registration.language == email.language == language
    phrase = _in(language, "See, change or cancel your registration here:")
    assert phrase != "See, change or cancel your registration here:"  # in the catalogue
    assert phrase in email.body


def test_the_secretariat_acting_in_english_writes_in_the_persons_language():
    meeting = MeetingFactory()
    registration = _register(meeting, "fr")
    OutgoingEmail.objects.all().delete()

    with translation.override("en"):
        services.registration_confirm(registration=registration, actor=editor())

    email = OutgoingEmail.objects.get(kind="registration_confirmed")
    assert email.language == "fr"
    assert _in("fr", "Status:") in email.body
    assert _in("fr", "Status:") != "Status:"


def test_a_wording_of_the_language_wins_and_no_other_language_is_sent():
    meeting = MeetingFactory()
    MailTemplate.objects.create(kind="registration_received", language="fr",
                                subject="Inscription reçue : {{ meeting }}",
                                body="Bonjour {{ name }}.")
    MailTemplate.objects.create(kind="registration_received", language="en",
                                subject="Got it: {{ meeting }}", body="Hello {{ name }}.")

    _register(meeting, "fr", 1)
    _register(meeting, "vi", 2)
    _register(meeting, "en", 3)

    subjects = dict(OutgoingEmail.objects.values_list("to", "subject"))
    assert subjects["khai1@vn.example.org"] == f"Inscription reçue : {meeting.title}"
    # No Vietnamese wording: the default, in Vietnamese, never the English rewording.
    assert subjects["khai2@vn.example.org"] != f"Got it: {meeting.title}"
    assert subjects["khai3@vn.example.org"] == f"Got it: {meeting.title}"


def test_the_html_part_and_signature_are_in_the_recipients_language(
        django_capture_on_commit_callbacks):
    meeting = MeetingFactory()

    with django_capture_on_commit_callbacks(execute=True):
        _register(meeting, "vi")

    (message,) = mail.outbox
    html, _mimetype = message.alternatives[0]
    assert '<html lang="vi">' in html
    assert _in("vi", "ASEM Customs Secretariat") in message.body


def test_a_focal_point_is_invited_in_the_language_of_the_page_and_keeps_it():
    with translation.override("fr"):
        focal_point = services.focal_point_invite(
            user_email="focal@fr.example.org", member=member("FR"), actor=editor())
    with translation.override("vi"):
        services.focal_point_invite(
            user_email="focal@fr.example.org", member=member("FR"), actor=editor())

    assert FocalPoint.objects.get(pk=focal_point.pk).language == "fr"
    assert list(OutgoingEmail.objects.values_list("language", flat=True)) == ["fr", "fr"]


def test_staff_change_a_persons_language_in_the_admin(client):
    registration = RegistrationFactory(status="pending")
    client.force_login(editor())

    response = client.post(f"/admin/delegates/registration/{registration.pk}/change/", {
        "member": registration.member.pk, "role": registration.role,
        "given_name": registration.given_name, "family_name": registration.family_name,
        "email": registration.email, "language": "vi",
        "privacy_consent_at_0": "2026-01-01", "privacy_consent_at_1": "10:00:00",
        "log_entries-TOTAL_FORMS": "0", "log_entries-INITIAL_FORMS": "0",
    })

    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.language == "vi"
    assert registration.history.latest().language == "vi"


def test_every_language_of_the_site_can_be_kept():
    codes = {code for code, _name in settings.LANGUAGES}

    assert codes == {"en", "fr", "vi"}
    assert {code for code, _name in Registration._meta.get_field("language").choices} == codes


def test_the_practical_reminder_is_in_each_delegates_language():
    from communications.enums import ReminderKind
    from communications.models import Reminder
    from communications.services import reminder_recipients

    meeting = MeetingFactory()
    registration = _register(meeting, "vi")
    services.registration_confirm(registration=registration, actor=editor())
    reminder = Reminder(meeting=meeting, kind=ReminderKind.PRACTICAL, days_before=3)

    with translation.override("en"):
        (message,) = reminder_recipients(reminder)

    assert message["registration"].language == "vi"
    assert _in("vi", "Status:") in message["context"]["details"]


def test_mail_known_only_by_address_reaches_a_focal_point_in_its_language(
        django_capture_on_commit_callbacks):
    from documents import services as documents
    from documents.enums import DocumentKind
    from tests.documents.helpers import focal_point_of, upload

    meeting = MeetingFactory(number=12)
    focal = focal_point_of("DE")
    FocalPoint.objects.filter(user=focal).update(language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        document = documents.document_submit(
            meeting=meeting, member=member("DE"), title="Country report of Germany",
            kind=DocumentKind.COUNTRY_REPORT, file=upload(), actor=focal)
        documents.document_accept(document=document, actor=editor())

    to_secretariat, to_focal_point = OutgoingEmail.objects.order_by("pk")
    assert (to_secretariat.to, to_secretariat.language) == (settings.SECRETARIAT_EMAIL, "en")
    assert to_secretariat.subject == f"Germany submitted a document for the {meeting.title}"
    assert (to_focal_point.to, to_focal_point.language) == (focal.email, "fr")
    assert to_focal_point.subject != f"Your document for the {meeting.title} was accepted"
    assert meeting.title in to_focal_point.subject
    assert [m.subject for m in mail.outbox] == [to_secretariat.subject, to_focal_point.subject]
