"""Every mail has a default template; a meeting's own wording wins over the wording for all
meetings, which wins over the default; the sandbox lets a template reach nothing but its
placeholders, and an unusable wording never costs a mail."""

import pytest
from django.conf import settings
from django.core import mail

from delegates import services
from mail.kinds import all_kinds
from mail.models import MailTemplate, OutgoingEmail
from mail.rendering import render_mail
from mail.sandbox import MailTemplateError, render_source
from mail.services import MailTemplateInvalid, mail_template_reset, mail_template_save
from tests.delegates.staff_helpers import editor
from tests.factories import MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def _values(kind):
    return {name: f"<{name}>" for name in kind.all_placeholders}


@pytest.mark.parametrize("kind", all_kinds(), ids=lambda kind: kind.name)
def test_every_kind_has_a_default_that_renders_with_its_placeholders(kind):
    values = {**_values(kind), "hours": 48, "pending": 2}
    subject, body = render_mail(kind.name, values=values)

    assert subject and "\n" not in subject
    assert body.endswith(f"--\nASEM Customs Secretariat\n{settings.SITE_URL}\n")
    assert "{%" not in body and "{{" not in body


def test_the_expected_kinds_are_registered():
    assert {kind.name for kind in all_kinds()} == {
        "registration_received", "registration_confirmed", "registration_waitlisted",
        "registration_promoted", "registration_changed", "registration_rejected",
        "registration_cancelled", "registration_confirm_address", "registration_link",
        "focal_point_invitation", "password_reset", "circular", "reminder_deadline",
        "reminder_pending", "reminder_practical", "progress_report_submitted",
        "progress_report_accepted", "progress_report_rejected", "record_circulated",
        "record_comment_answered", "record_adopted", "record_published", "record_commented",
        "document_submitted", "document_accepted", "document_returned",
        "credentials_accepted", "credentials_returned", "side_event_promoted",
    }


@pytest.mark.parametrize("source", [
    "{% load static %}", "{% include 'base.html' %}", "{% extends 'base.html' %}",
    "{% debug %}", "{% for c in name %}{{ c }}{% endfor %}", "{{ name|ljust:'99999' }}",
    "{{ name.__class__ }}", "{{ registration.passport_number }}", "{% if %}",
    "{% url 'admin:index' %}", "{% csrf_token %}",
])
def test_the_sandbox_refuses_what_could_reach_further(source):
    with pytest.raises(MailTemplateError):
        render_source(source, placeholders={"name": ""}, values={"name": "Ana"})


def test_the_sandbox_renders_placeholders_as_plain_text_only():
    text = render_source("{{ name|upper }} {% if name %}yes{% endif %}",
                         placeholders={"name": ""}, values={"name": "Ana <b>"})

    assert text == "ANA <B> yes"


def _registration():
    return RegistrationFactory(meeting=MeetingFactory(title="Thirteenth Meeting"),
                               given_name="Ana", family_name="Example")


def test_a_meeting_own_wording_wins_over_the_wording_for_all_meetings(
        django_capture_on_commit_callbacks):
    registration = _registration()
    other = RegistrationFactory(meeting=MeetingFactory())
    mail_template_save(kind="registration_confirmed", subject="For all: {{ meeting }}",
                       body="All meetings, {{ name }}.", actor=editor())
    mail_template_save(kind="registration_confirmed", meeting=registration.meeting,
                       subject="Welcome to {{ meeting }}", body="Dear {{ name }}:\n{{ link }}",
                       actor=editor("editor2"))

    with django_capture_on_commit_callbacks(execute=True):
        services.registration_confirm(registration=registration, actor=editor("e3"))
        services.registration_confirm(registration=other, actor=editor("e4"))

    mine, theirs = mail.outbox
    assert mine.subject == "Welcome to Thirteenth Meeting"
    assert mine.body.startswith(f"Dear Ana Example:\n{settings.SITE_URL}/registrations/")
    assert theirs.subject == f"For all: {other.meeting.title}"
    assert theirs.body.startswith(f"All meetings, {other.full_name}.")


def test_a_wording_gives_each_mail_its_own_values_and_a_rewording_counts_at_once(
        django_capture_on_commit_callbacks):
    # Wordings are compiled once per process (`mail.sandbox.compile_template`).
    first, second = _registration(), RegistrationFactory(
        meeting=MeetingFactory(), given_name="Bo", family_name="Sample")
    mail_template_save(kind="registration_confirmed", subject="Hello {{ name }}",
                       body="Text for {{ name }}.", actor=editor())
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_confirm(registration=first, actor=editor("e2"))
        services.registration_confirm(registration=second, actor=editor("e3"))
    mail_template_save(kind="registration_confirmed", subject="Reworded for {{ name }}",
                       body="New text.", actor=editor("e4"))
    third = RegistrationFactory(meeting=MeetingFactory(), given_name="Cy", family_name="Test")
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_confirm(registration=third, actor=editor("e5"))

    assert [m.subject for m in mail.outbox] == [
        "Hello Ana Example", "Hello Bo Sample", "Reworded for Cy Test"]
    assert mail.outbox[1].body.startswith("Text for Bo Sample.")
    assert mail.outbox[2].body.startswith("New text.")


def test_back_to_the_default_removes_the_meeting_wording(django_capture_on_commit_callbacks):
    registration = _registration()
    mail_template_save(kind="registration_confirmed", meeting=registration.meeting,
                       subject="Own", body="Own text", actor=editor())

    assert mail_template_reset(kind="registration_confirmed", meeting=registration.meeting,
                               actor=editor("e2")) is True
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_confirm(registration=registration, actor=editor("e3"))

    assert mail.outbox[0].subject == "Registration confirmed: Thirteenth Meeting"
    assert MailTemplate.objects.count() == 0
    assert MailTemplate.history.filter(history_type="-").count() == 1


def test_a_wording_that_cannot_render_is_refused_when_saved():
    with pytest.raises(MailTemplateInvalid, match=r"Unknown placeholder: \{\{ passport \}\}"):
        mail_template_save(kind="registration_confirmed", subject="Hi",
                           body="{{ passport }}", actor=editor())
    with pytest.raises(MailTemplateInvalid):
        mail_template_save(kind="focal_point_invitation", meeting=MeetingFactory(),
                           subject="Hi", body="Hi", actor=editor("e2"))

    assert MailTemplate.objects.count() == 0


def test_a_stored_wording_that_no_longer_renders_falls_back_to_the_default(
        django_capture_on_commit_callbacks):
    registration = _registration()
    # As after a change of the product that dropped a tag the wording used.
    MailTemplate.objects.create(kind="registration_confirmed", meeting=registration.meeting,
                                subject="{% broken %}", body="x")

    with django_capture_on_commit_callbacks(execute=True):
        services.registration_confirm(registration=registration, actor=editor())

    assert mail.outbox[0].subject == "Registration confirmed: Thirteenth Meeting"
    assert OutgoingEmail.objects.get().sent_at is not None


def test_a_mail_has_an_html_part_with_the_same_text_in_the_branding(
        django_capture_on_commit_callbacks):
    registration = _registration()
    registration.family_name = "Example & <Sons>"
    registration.save()

    with django_capture_on_commit_callbacks(execute=True):
        services.registration_confirm(registration=registration, actor=editor())

    message = mail.outbox[0]
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "Dear Ana Example &amp; &lt;Sons&gt;," in html
    assert "<Sons>" not in html
    assert f'<a href="{settings.SITE_URL}/registrations/' in html
    assert "#0b2f55" in html
    assert "Dear Ana Example & <Sons>," in message.body


def test_the_html_part_links_every_address_a_mail_program_would():
    from mail.rendering import html_of

    html = html_of("Programme", "Dear delegates,\n\nThe programme is at www.example.org/programme "
                   "and HTTPS://EXAMPLE.ORG/plan.\n\nWrite to secretariat@customs.example.\n\n"
                   "Or visit customs.example.com.\n\nNo link here: 3.5 km, 10:30 (room A).")

    assert '<a href="http://www.example.org/programme" rel="nofollow">' in html
    assert '<a href="https://EXAMPLE.ORG/plan" rel="nofollow">HTTPS://EXAMPLE.ORG/plan</a>.' in html
    assert '<a href="mailto:secretariat@customs.example">' in html
    assert '<a href="http://customs.example.com" rel="nofollow">' in html
    assert "No link here: 3.5 km, 10:30 (room A)." in html
