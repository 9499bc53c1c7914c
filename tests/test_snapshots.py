"""The `demo` fixture writes the demo back from a snapshot (tests/snapshots.py): what the
tests read must be what loading the demo makes."""

from pathlib import Path

from django.db.models import Count

from accreditation.models import Credentials
from delegates.enums import SEAT_HOLDING_STATUSES
from delegates.models import HeldSeats, Registration
from meetings.models import Meeting, Member
from tests.snapshots import KEPT_BY_TRIGGERS, _models, on_migrated_content


def _content():
    counts = {model._meta.label: model._base_manager.count() for model in _models()
              if model._meta.db_table not in KEPT_BY_TRIGGERS}  # compared in _seats_held
    people = sorted(Registration.objects.values_list(
        "meeting__slug", "member__code", "given_name", "family_name", "status", "role"))
    files = sorted((Path(credentials.file.name).name, credentials.file.size)
                   for credentials in Credentials.objects.all())
    return counts, people, files, _seats_held()


def _seats_held():
    """(the seats held as `HeldSeats` says, as the registrations count them), by slug and
    code: on PostgreSQL a trigger keeps the first, which the snapshot leaves to it."""
    slugs = dict(Meeting.objects.values_list("pk", "slug"))
    codes = dict(Member.objects.values_list("pk", "code"))
    kept = {(slugs[row.meeting_id], codes[row.member_id], row.participation): row.held
            for row in HeldSeats.objects.exclude(held=0)}
    counted = {(slug, code, participation): held for slug, code, participation, held in
               Registration.objects.filter(status__in=SEAT_HOLDING_STATUSES)
               .values_list("meeting__slug", "member__code", "participation")
               .annotate(held=Count("id"))}
    return kept, counted


def test_the_demo_written_back_is_the_demo_loaded(demo, _demo_snapshot):
    written_back = _content()

    def load_afresh(cursor):
        _demo_snapshot.load()
        return _content()

    loaded = on_migrated_content(load_afresh)

    assert written_back[0]["delegates.Registration"] > 140
    assert written_back[2], "the credentials' letters are stored files"
    assert written_back == loaded
    kept, counted = written_back[3]
    assert counted, "the demo's delegates hold seats"
    if kept:  # PostgreSQL: the trigger's count, whatever wrote the rows back
        assert kept == counted
