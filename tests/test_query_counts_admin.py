"""Every admin changelist runs as many queries for many rows as for a few: no query per row.

The registrations changelist is measured at 10 and 1,000 registrations; the others at 2 and
12 rows, each row with its own related objects so that a missing select_related shows.
"""

import datetime as dt

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from action_plans.enums import ActionPointStatus
from action_plans.models import (
    ActionPlanLogEntry,
    ActionPointStatusChange,
    ProgressReport,
    ProgressReportAttachment,
)
from delegates.enums import RegistrationStatus, Role
from delegates.models import Registration, RegistrationLogEntry
from documents.models import Document, MeetingRecord, RecordComment, RecordDecision
from logistics.models import Hotel, RoomBlock, TravelDetails
from meetings.enums import MemberKind
from meetings.models import Member, ReportingBody, Speaker
from side_events.models import SideEvent, SideEventSignup
from tests.factories import (
    ActionAreaFactory,
    ActionPlanFactory,
    ActionPointFactory,
    AgendaItemFactory,
    FocalPointFactory,
    MeetingFactory,
    RegistrationFactory,
    SeriesFactory,
    TopicFactory,
    UserFactory,
)
from tests.project_apps import project_app_labels

APPS = (*project_app_labels(), "auth")


def members():
    return list(Member.objects.order_by("code"))


def _meeting(tag, index):
    series = SeriesFactory(name=f"Series {tag}{index}", slug=f"series-{tag}-{index}")
    return MeetingFactory(series=series, host_member=members()[index % len(members())])


def build_members(count, tag):
    Member.objects.bulk_create(
        Member(name=f"Observer {tag}{i}", code=f"O{tag}{i}", kind=MemberKind.OBSERVER)
        for i in range(count)
    )


def build_series(count, tag):
    for i in range(count):
        SeriesFactory(name=f"Series {tag}{i}", slug=f"series-{tag}-{i}")


def build_meetings(count, tag):
    for i in range(count):
        _meeting(tag, i)


def build_topics(count, tag):
    TopicFactory.create_batch(count)


def build_reporting_bodies(count, tag):
    ReportingBody.objects.bulk_create(
        ReportingBody(name=f"Body {tag}{i}", slug=f"body-{tag}-{i}") for i in range(count)
    )


def build_agenda_items(count, tag):
    for i in range(count):
        item = AgendaItemFactory(meeting=_meeting(tag, i))
        item.topics.add(TopicFactory())


def build_speakers(count, tag):
    for i in range(count):
        Speaker.objects.create(
            agenda_item=AgendaItemFactory(meeting=_meeting(tag, i)), name=f"Speaker {i}",
            member=members()[i],
        )


def build_action_areas(count, tag):
    for i in range(count):
        ActionAreaFactory(name=f"Area {tag}{i}", slug=f"area-{tag}-{i}")


def build_action_plans(count, tag):
    for i in range(count):
        ActionPlanFactory(meeting=_meeting(tag, i), slug=f"plan-{tag}-{i}")


def _point(tag, i):
    plan = ActionPlanFactory(meeting=_meeting(tag, i), slug=f"plan-{tag}-{i}")
    point = ActionPointFactory(
        plan=plan, area=ActionAreaFactory(name=f"Area {tag}{i}", slug=f"area-{tag}-{i}")
    )
    point.lead_members.add(members()[i])
    return point


def build_action_points(count, tag):
    for i in range(count):
        _point(tag, i)


def _report(tag, i):
    return ProgressReport.objects.create(
        action_point=_point(tag, i), member=members()[i], text="Done.",
        proposed_status=ActionPointStatus.COMPLETED,
        author=UserFactory(username=f"author-{tag}-{i}"),
    )


def build_progress_reports(count, tag):
    for i in range(count):
        _report(tag, i)


def build_attachments(count, tag):
    for i in range(count):
        ProgressReportAttachment.objects.create(
            report=_report(tag, i), file=f"progress-reports/2026/report-{tag}-{i}.pdf"
        )


def build_status_changes(count, tag):
    for i in range(count):
        ActionPointStatusChange.objects.create(
            action_point=_point(tag, i), from_status=ActionPointStatus.NOT_STARTED,
            to_status=ActionPointStatus.IN_PROGRESS, report=_report(f"{tag}r", i),
            actor=UserFactory(username=f"actor-{tag}-{i}"),
        )


def build_plan_log_entries(count, tag):
    for i in range(count):
        report = _report(tag, i)
        ActionPlanLogEntry.objects.create(
            action="action_plans.progress_report.accepted", plan=report.action_point.plan,
            action_point=report.action_point, progress_report=report,
            actor=UserFactory(username=f"plan-actor-{tag}-{i}"),
        )

def _meeting_record(tag, i):
    meeting = _meeting(f"r{tag}", i)
    document = Document.objects.create(meeting=meeting, symbol=f"R/{tag}/{i}",
                                       title=f"Summary record {tag}{i}", kind="summary_record")
    return MeetingRecord.objects.create(meeting=meeting, document=document)


def build_meeting_records(count, tag):
    for i in range(count):
        _meeting_record(tag, i)


def build_record_comments(count, tag):
    for i in range(count):
        RecordComment.objects.create(record=_meeting_record(tag, i), round=1,
                                     member=members()[i], text="A comment.")


def build_record_decisions(count, tag):
    for i in range(count):
        meeting_record = _meeting_record(tag, i)
        RecordDecision.objects.create(
            record=meeting_record, text="Decided.",
            agenda_item=AgendaItemFactory(meeting=meeting_record.meeting, position=1))


def build_focal_points(count, tag):
    for i in range(count):
        FocalPointFactory(
            user=UserFactory(username=f"focal-{tag}-{i}"), member=members()[i],
            invited_by=UserFactory(username=f"inviter-{tag}-{i}"),
        )


def _hotel(tag, i):
    hotel = Hotel.objects.create(meeting=_meeting(f"h{tag}", i), name=f"Hotel {tag}{i}")
    RoomBlock.objects.create(hotel=hotel, night=hotel.meeting.start_date, rooms=5)
    return hotel


def _side_event(tag, i):
    meeting = _meeting(f"e{tag}", i)
    return SideEvent.objects.create(
        meeting=meeting, name=f"Dinner {tag}{i}", capacity=10,
        starts_at=timezone.make_aware(dt.datetime.combine(meeting.start_date, dt.time(19))))


def build_side_events(count, tag):
    for i in range(count):
        _side_event(tag, i)


def build_side_event_signups(count, tag):
    for i in range(count):
        event = _side_event(tag, i)
        registration = Registration.objects.create(
            meeting=event.meeting, member=members()[i], given_name="Anna",
            family_name=f"Dinner {tag}{i}", email=f"e-{tag}-{i}@example.org")
        SideEventSignup.objects.create(event=event, registration=registration)


def build_hotels(count, tag):
    for i in range(count):
        _hotel(tag, i)


def build_travel_details(count, tag):
    for i in range(count):
        hotel = _hotel(tag, i)
        registration = Registration.objects.create(
            meeting=hotel.meeting, member=members()[i], given_name="Anna",
            family_name=f"Travel {tag}{i}", email=f"t-{tag}-{i}@example.org")
        TravelDetails.objects.create(
            registration=registration, hotel=hotel, check_in=hotel.meeting.start_date,
            check_out=hotel.meeting.start_date + dt.timedelta(days=1), arrival_flight="VN 31")


def build_registrations(count, tag):
    """`count` registrations over five meetings and every member, in bulk."""
    meetings, people = [_meeting(tag, i) for i in range(5)], members()
    Registration.objects.bulk_create(
        Registration(
            meeting=meetings[i % 5], member=people[i % len(people)], given_name="Anna",
            family_name=f"Schmidt {tag}{i}", email=f"d-{tag}-{i}@example.org",
            role=Role.DELEGATE, status=RegistrationStatus.PENDING,
            privacy_consent_at=timezone.now(),
        )
        for i in range(count)
    )


def build_log_entries(count, tag):
    for i in range(count):
        RegistrationLogEntry.objects.create(
            registration=RegistrationFactory(meeting=_meeting(tag, i)),
            action="delegates.registration.submitted", to_status=RegistrationStatus.PENDING,
            actor=UserFactory(username=f"actor-{tag}-{i}"),
        )


def build_import_batches(count, tag):
    import datetime as dt

    from django.utils import timezone

    ImportBatch = apps.get_model("delegates", "ImportBatch")
    for i in range(count):
        ImportBatch.objects.create(
            meeting=_meeting(tag, i), member=members()[i % 5],
            uploaded_by=UserFactory(username=f"uploader-{tag}-{i}"), rows=[],
            expires_at=timezone.now() + dt.timedelta(hours=1),
        )


def build_photos(count, tag):
    from django.utils import timezone

    RegistrationPhoto = apps.get_model("delegates", "RegistrationPhoto")
    for i in range(count):
        RegistrationPhoto.objects.create(
            registration=RegistrationFactory(meeting=_meeting(tag, i)), file="photos/x/photo.jpg",
            width=450, height=600, size=1000, uploaded_at=timezone.now(),
            uploaded_by=UserFactory(username=f"photographer-{tag}-{i}"))


def build_jobs(count, tag):
    Job = apps.get_model("secretariat", "Job")
    for i in range(count):
        Job.objects.create(kind="badges", meeting=_meeting(tag, i), total=3,
                           created_by=UserFactory(username=f"starter-{tag}-{i}"))


def build_outgoing_emails(count, tag):
    OutgoingEmail = apps.get_model("mail", "OutgoingEmail")
    for i in range(count):
        OutgoingEmail.objects.create(
            to=f"d-{tag}-{i}@example.org", subject="Your registration", body="Hello.",
            kind="registration_received",
            registration=RegistrationFactory(meeting=_meeting(tag, i)),
            next_attempt_at=timezone.now() + dt.timedelta(minutes=i),
        )


def build_users(count, tag):
    for i in range(count):
        UserFactory(username=f"user-{tag}-{i}")


def build_groups(count, tag):
    Group.objects.bulk_create(Group(name=f"Group {tag}{i}") for i in range(count))


def _document(tag, i):
    Document = apps.get_model("documents", "Document")
    return Document.objects.create(meeting=_meeting(tag, i), symbol=f"D/{tag}/{i}",
                                   title=f"Paper {tag}{i}", kind="working_paper",
                                   created_by=UserFactory(username=f"author-{tag}-{i}"))


def build_documents(count, tag):
    for i in range(count):
        _document(tag, i)


def build_document_files(count, tag):
    DocumentFile = apps.get_model("documents", "DocumentFile")
    for i in range(count):
        DocumentFile.objects.create(document=_document(tag, i), file=f"documents/x/{tag}{i}.pdf",
                                    name=f"{tag}{i}.pdf", content_type="application/pdf",
                                    size=10, sha256="0" * 64)


def build_document_log_entries(count, tag):
    DocumentLogEntry = apps.get_model("documents", "DocumentLogEntry")
    for i in range(count):
        DocumentLogEntry.objects.create(document=_document(tag, i),
                                        action="documents.document.added",
                                        actor=UserFactory(username=f"actor-{tag}-{i}"))


def build_symbol_patterns(count, tag):
    SymbolPattern = apps.get_model("documents", "SymbolPattern")
    for i in range(count):
        series = SeriesFactory(name=f"Pattern series {tag}{i}", slug=f"pattern-{tag}-{i}")
        SymbolPattern.objects.create(series=series, pattern=f"S{tag}{i}/{{number}}/{{seq}}")

def build_api_tokens(count, tag):
    from api import services

    for i in range(count):
        services.token_create(user=UserFactory(username=f"holder-{tag}-{i}"), name="HR",
                              scope="read", days=30)


def build_webhook_endpoints(count, tag):
    WebhookEndpoint = apps.get_model("api", "WebhookEndpoint")
    for i in range(count):
        WebhookEndpoint.objects.create(meeting=_meeting(tag, i), member=members()[i % 5],
                                       url=f"https://93.184.215.14/{tag}/{i}",
                                       events=["registration.confirmed"])


def build_webhook_deliveries(count, tag):
    WebhookDelivery = apps.get_model("api", "WebhookDelivery")
    build_webhook_endpoints(1, f"{tag}d")
    endpoint = apps.get_model("api", "WebhookEndpoint").objects.latest("pk")
    for _i in range(count):
        WebhookDelivery.objects.create(endpoint=endpoint, event="registration.confirmed",
                                       payload={})


def build_mail_templates(count, tag):
    MailTemplate = apps.get_model("mail", "MailTemplate")
    for i in range(count):
        MailTemplate.objects.create(kind="registration_confirmed", meeting=_meeting(tag, i),
                                    subject="S", body="B",
                                    updated_by=UserFactory(username=f"wr-{tag}-{i}"))


def _circular(tag, i):
    Circular = apps.get_model("communications", "Circular")
    return Circular.objects.create(meeting=_meeting(tag, i), audience="heads", subject="S",
                                   body="B", total=1)


def build_circulars(count, tag):
    for i in range(count):
        _circular(tag, i)


def build_circular_deliveries(count, tag):
    Delivery = apps.get_model("communications", "CircularDelivery")
    for i in range(count):
        Delivery.objects.create(circular=_circular(tag, i), email=f"c-{tag}-{i}@example.org")


def _reminder(tag, i):
    Reminder = apps.get_model("communications", "Reminder")
    return Reminder.objects.create(meeting=_meeting(tag, i), kind="deadline", days_before=7)


def build_reminders(count, tag):
    for i in range(count):
        _reminder(tag, i)


def build_reminder_runs(count, tag):
    ReminderRun = apps.get_model("communications", "ReminderRun")
    for i in range(count):
        ReminderRun.objects.create(reminder=_reminder(tag, i))


def build_held_seats(count, tag):
    """Rows as the trigger writes them (on SQLite, where none does, written here)."""
    HeldSeats = apps.get_model("delegates", "HeldSeats")
    meeting = _meeting(tag, 0)
    members = apps.get_model("meetings", "Member").objects.order_by("pk")[:count]
    HeldSeats.objects.bulk_create([
        HeldSeats(meeting_id=meeting.pk, member_id=member.pk, participation="in_person", held=1)
        for member in members])


def build_meeting_accreditations(count, tag):
    MeetingAccreditation = apps.get_model("accreditation", "MeetingAccreditation")
    for i in range(count):
        MeetingAccreditation.objects.create(meeting=_meeting(tag, i), credentials_required=True)


def build_questions(count, tag):
    Question = apps.get_model("accreditation", "Question")
    for i in range(count):
        Question.objects.create(meeting=_meeting(tag, i), label=f"Question {tag}{i}")


def build_answers(count, tag):
    Answer = apps.get_model("accreditation", "Answer")
    Question = apps.get_model("accreditation", "Question")
    for i in range(count):
        registration = RegistrationFactory(meeting=_meeting(tag, i))
        question = Question.objects.create(meeting=registration.meeting, label=f"Q {tag}{i}")
        Answer.objects.create(registration=registration, question=question, value="A")


def _credentials(tag, i):
    Credentials = apps.get_model("accreditation", "Credentials")
    return Credentials.objects.create(
        meeting=_meeting(tag, i), member=members()[i % len(members())],
        file=f"credentials/x/{tag}{i}.pdf", name=f"{tag}{i}.pdf",
        content_type="application/pdf", size=10, sha256="0" * 64,
        submitted_at=timezone.now())


def build_credentials(count, tag):
    for i in range(count):
        _credentials(tag, i)


def build_credentials_log_entries(count, tag):
    CredentialsLogEntry = apps.get_model("accreditation", "CredentialsLogEntry")
    for i in range(count):
        CredentialsLogEntry.objects.create(credentials=_credentials(tag, i),
                                           action="accreditation.credentials.submitted",
                                           actor=UserFactory(username=f"cred-{tag}-{i}"))


BUILDERS = {
    "accreditation.MeetingAccreditation": build_meeting_accreditations,
    "accreditation.Question": build_questions,
    "accreditation.Answer": build_answers,
    "accreditation.Credentials": build_credentials,
    "accreditation.CredentialsLogEntry": build_credentials_log_entries,
    "delegates.RegistrationPhoto": build_photos,
    "delegates.HeldSeats": build_held_seats,
    "mail.MailTemplate": build_mail_templates,
    "communications.Circular": build_circulars,
    "communications.CircularDelivery": build_circular_deliveries,
    "communications.Reminder": build_reminders,
    "communications.ReminderRun": build_reminder_runs,
    "meetings.Member": build_members,
    "meetings.MeetingSeries": build_series,
    "meetings.Meeting": build_meetings,
    "meetings.Topic": build_topics,
    "meetings.ReportingBody": build_reporting_bodies,
    "meetings.AgendaItem": build_agenda_items,
    "meetings.Speaker": build_speakers,
    "action_plans.ActionArea": build_action_areas,
    "action_plans.ActionPlan": build_action_plans,
    "action_plans.ActionPoint": build_action_points,
    "action_plans.ActionPointStatusChange": build_status_changes,
    "action_plans.ActionPlanLogEntry": build_plan_log_entries,
    "action_plans.ProgressReport": build_progress_reports,
    "action_plans.ProgressReportAttachment": build_attachments,
    "delegates.FocalPoint": build_focal_points,
    "logistics.Hotel": build_hotels,
    "logistics.RoomBlock": build_hotels,
    "logistics.TravelDetails": build_travel_details,
    "side_events.SideEvent": build_side_events,
    "side_events.SideEventSignup": build_side_event_signups,
    "documents.MeetingRecord": build_meeting_records,
    "documents.RecordComment": build_record_comments,
    "documents.RecordDecision": build_record_decisions,
    "delegates.Registration": build_registrations,
    "delegates.RegistrationLogEntry": build_log_entries,
    "delegates.ImportBatch": build_import_batches,
    "secretariat.Job": build_jobs,
    "documents.Document": build_documents,
    "documents.DocumentFile": build_document_files,
    "documents.DocumentLogEntry": build_document_log_entries,
    "documents.SymbolPattern": build_symbol_patterns,
    "mail.OutgoingEmail": build_outgoing_emails,
    "auth.User": build_users,
    "auth.Group": build_groups,
    "api.ApiToken": build_api_tokens,
    "api.WebhookEndpoint": build_webhook_endpoints,
    "api.WebhookDelivery": build_webhook_deliveries,
}


def admin_labels():
    return sorted(
        model._meta.label for model in admin.site._registry if model._meta.app_label in APPS
    )


@pytest.fixture
def superuser_client(client, db):
    user = UserFactory(username="chief", is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


def changelist_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_registrations_changelist_queries_do_not_grow_with_rows(superuser_client):
    url = reverse("admin:delegates_registration_changelist")
    build_registrations(10, "a")
    superuser_client.get(url)  # first request: content types, permissions
    with_ten = changelist_queries(superuser_client, url)

    build_registrations(990, "b")

    assert Registration.objects.count() == 1000
    assert changelist_queries(superuser_client, url) == with_ten


@pytest.mark.parametrize("label", sorted(BUILDERS))
def test_changelist_queries_do_not_grow_with_rows(superuser_client, label):
    model = apps.get_model(label)
    if model not in admin.site._registry:
        pytest.skip(f"{label} is not in the admin")
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    BUILDERS[label](2, "a")
    superuser_client.get(url)
    with_few = changelist_queries(superuser_client, url)

    BUILDERS[label](10, "b")

    assert changelist_queries(superuser_client, url) == with_few


def test_every_admin_changelist_of_the_project_is_guarded():
    assert [label for label in admin_labels() if label not in BUILDERS] == []


def test_registrations_are_listed_over_several_meetings(db):
    build_registrations(10, "a")

    assert Registration.objects.values("meeting").distinct().count() == 5
    assert Registration.objects.values("member").distinct().count() == 10
