import datetime as dt
import re

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from action_plans.models import ActionPoint, ProgressReport
from delegates.enums import RegistrationStatus
from delegates.models import Registration
from meetings.enums import MeetingStatus
from meetings.models import Meeting
from public.selectors import meeting_attendance


def test_load_demo_loads_the_twelfth_meeting_as_the_seed_tells_it(loaded_demo):
    twelfth = Meeting.objects.get(number=12, series__slug="asem-customs-dg-c")
    assert twelfth.city == "Berlin"
    assert twelfth.host_member.code == "DE"
    assert (twelfth.start_date, twelfth.end_date) == (dt.date(2017, 10, 16), dt.date(2017, 10, 17))
    assert twelfth.status == MeetingStatus.HELD
    plan = twelfth.action_plans.get()
    assert (plan.period_start, plan.period_end) == (2018, 2019)
    assert plan.points.count() == 8
    assert plan.points.filter(is_new=True).count() == 5


def test_demo_attendance_is_more_than_140_delegates_from_45_partners(loaded_demo):
    twelfth = Meeting.objects.get(slug="12th-asem-customs-dg-c-meeting")
    attendance = meeting_attendance(twelfth)
    assert attendance.delegates > 140
    assert attendance.members == 45


def test_load_demo_twice_adds_nothing(db):
    call_command("load_demo", verbosity=0)
    counts = (Meeting.objects.count(), Registration.objects.count(), ActionPoint.objects.count())

    call_command("load_demo", verbosity=0)

    assert (Meeting.objects.count(), Registration.objects.count(),
            ActionPoint.objects.count()) == counts


def test_demo_meeting_is_open_for_registration(loaded_demo):
    demo = Meeting.objects.get(slug="demonstration-meeting")
    assert demo.series.is_demo
    assert demo.registration_is_open()
    assert demo.registrations.filter(status=RegistrationStatus.WAITLISTED).exists()


def test_demo_delegates_have_invented_example_org_addresses(loaded_demo):
    emails = Registration.objects.values_list("email", flat=True)
    assert all(email.endswith(".example.org") for email in emails)


def _feed_entries(client):
    import xml.etree.ElementTree as ET

    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.fromstring(client.get(reverse("public:summaries_feed")).content)  # noqa: S314
    return {
        entry.find(f"{atom}title").text: (entry.find(f"{atom}published").text,
                                          entry.find(f"{atom}updated").text)
        for entry in feed.findall(f"{atom}entry")
    }


def test_demo_feed_dates_the_meetings_when_their_story_was_told_not_today(client, demo):
    entries = _feed_entries(client)

    assert entries["12th ASEM Customs Directors-General and Commissioners Meeting"] == (
        "2017-10-20T08:00:00+00:00", "2017-10-20T08:00:00+00:00")
    assert entries["13th ASEM Customs Directors-General and Commissioners Meeting"][0] == (
        "2017-10-20T08:00:00+00:00")


def test_demonstration_meeting_stays_out_of_the_feed_and_the_sitemap(client, demo):
    entries = _feed_entries(client)
    sitemap = client.get(reverse("public:sitemap")).text

    assert "Demonstration Meeting of ASEM Customs Directors-General" not in entries
    assert "/meetings/demonstration-meeting/" not in sitemap
    assert demo["demonstration"].series.get_absolute_url() not in sitemap
    assert demo["twelfth"].get_absolute_url() in sitemap


def test_demonstration_meeting_counts_in_no_members_participation(client, demo):
    members = client.get(reverse("public:member_list")).text
    japan = client.get("/members/jp/")
    thailand = client.get("/members/th/").text

    # Japan sent a delegation to the 12th Meeting and registered for the demonstration one.
    assert re.search(r'>Japan</a> <span class="text-body-secondary small">1 meeting</span>',
                     members)
    assert list(japan.context["participation"]) == [demo["twelfth"]]
    assert "Demonstration Meeting" not in japan.text
    assert "Demonstration Meeting" not in thailand


def test_demo_progress_report_history_is_dated_as_the_work_was_done(client, demo):
    from tests.delegates.staff_helpers import editor

    report = ProgressReport.objects.get(member__code="TH", report_date=dt.date(2019, 8, 15))
    client.force_login(editor())

    text = client.get(reverse("plans:progress_report_detail", args=[report.pk])).text

    assert "15 Aug 2019, 12:00</time> · Draft" in text
    assert "16 Aug 2019, 12:00</time> · Submitted" in text
    assert "16 August 2019, 12:00" in text
    assert timezone.now().strftime("%-d %b %Y") not in text


def test_demo_point_history_records_each_change_when_it_happened(client, demo):
    from tests.delegates.staff_helpers import editor

    carried, completed = (ActionPoint.objects.get(plan__slug="action-plan-2018-2019", number=n)
                          for n in (3, 2))
    client.force_login(editor())

    carried_text = client.get(reverse("plans:point_history", args=[carried.pk])).text
    completed_text = client.get(reverse("plans:point_history", args=[completed.pk])).text

    assert "<td>31 Dec 2019, 12:00</td>" in carried_text  # carried over into 2020-2021
    assert "<td>15 Jul 2019, 12:00</td>" in completed_text  # China's report of 30 June
    today = timezone.now().strftime("%-d %b %Y")
    assert today not in carried_text
    assert today not in completed_text


def test_demo_meeting_agenda_spans_its_two_days(client, demo):
    response = client.get(reverse("public:meeting_agenda", args=["demonstration-meeting"]))

    days = [day.day for day in response.context["agenda_days"]]
    meeting = demo["demonstration"]
    assert days == [meeting.start_date, meeting.end_date]


def test_demo_meeting_registrations_arrive_over_the_weeks_since_opening(demo):
    from secretariat.dashboard import registrations_over_time

    meeting = demo["demonstration"]
    series = registrations_over_time(meeting)
    registrations = list(meeting.registrations.order_by("created_at"))

    assert len(series) >= 10
    assert series[-1][2] == len(registrations) == 18
    assert all(meeting.registration_opens_at <= r.created_at <= timezone.now()
               for r in registrations)
    # Those on the waiting list came after the seats of their delegation were taken.
    for waiting in [r for r in registrations if r.status == RegistrationStatus.WAITLISTED]:
        ahead = [r for r in registrations if r.member_id == waiting.member_id
                 and r.status != RegistrationStatus.WAITLISTED]
        assert all(r.created_at < waiting.created_at for r in ahead)
    confirmed = [r for r in registrations if r.status == RegistrationStatus.CONFIRMED]
    assert all(r.status_changed_at >= r.created_at for r in confirmed)
    assert all(entry.created_at <= timezone.now() and entry.created_at >= r.created_at
               for r in registrations for entry in r.log_entries.all())


def test_demo_twelfth_meeting_has_its_documents_at_each_access_level(client, db):
    from documents.models import Document

    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)

    twelfth = Meeting.objects.get(slug="12th-asem-customs-dg-c-meeting")
    documents = Document.objects.filter(meeting=twelfth).order_by("symbol")
    assert [(d.symbol, d.kind, d.access, d.illustrative, d.generated) for d in documents] == [
        ("ASEM/DGC/12/1", "provisional_agenda", "public", False, True),
        ("ASEM/DGC/12/2", "action_plan", "public", False, True),
        ("ASEM/DGC/12/3", "working_paper", "participants", True, False),
        ("ASEM/DGC/12/4", "country_report", "participants", True, False),
        ("ASEM/DGC/12/5", "information_note", "secretariat", True, False),
        ("ASEM/DGC/12/6", "summary_record", "public", True, False),
    ]
    assert documents.get(kind="working_paper").agenda_item.position == 3
    page = client.get(twelfth.get_absolute_url()).content.decode()
    assert "ASEM/DGC/12/1" in page and "ASEM/DGC/12/2" in page
    assert "Country report of Germany" not in page
