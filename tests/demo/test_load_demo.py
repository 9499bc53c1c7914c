import datetime as dt

from django.core.management import call_command

from action_plans.models import ActionPoint
from delegates.enums import RegistrationStatus
from delegates.models import Registration
from meetings.enums import MeetingStatus
from meetings.models import Meeting
from public.selectors import meeting_attendance


def test_load_demo_loads_the_twelfth_meeting_as_the_seed_tells_it(db):
    call_command("load_demo", verbosity=0)

    twelfth = Meeting.objects.get(number=12, series__slug="asem-customs-dg-c")
    assert twelfth.city == "Berlin"
    assert twelfth.host_member.code == "DE"
    assert (twelfth.start_date, twelfth.end_date) == (dt.date(2017, 10, 16), dt.date(2017, 10, 17))
    assert twelfth.status == MeetingStatus.HELD
    plan = twelfth.action_plans.get()
    assert (plan.period_start, plan.period_end) == (2018, 2019)
    assert plan.points.count() == 8
    assert plan.points.filter(is_new=True).count() == 5


def test_demo_attendance_is_more_than_140_delegates_from_45_partners(db):
    call_command("load_demo", verbosity=0)

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


def test_demo_meeting_is_open_for_registration(db):
    call_command("load_demo", verbosity=0)

    demo = Meeting.objects.get(slug="demonstration-meeting")
    assert demo.series.is_demo
    assert demo.registration_is_open()
    assert demo.registrations.filter(status=RegistrationStatus.WAITLISTED).exists()


def test_demo_delegates_have_invented_example_org_addresses(db):
    call_command("load_demo", verbosity=0)

    emails = Registration.objects.values_list("email", flat=True)
    assert all(email.endswith(".example.org") for email in emails)
