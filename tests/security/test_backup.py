"""Back-ups: the whole site survives dumpdata, an empty database and loaddata."""

import io
import json

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection

from delegates.models import Registration
from meetings.models import Meeting, Member

# Rebuilt by migrate/flush on any database; dumped by natural key where referenced. The
# seats held (`delegates.HeldSeats`) are written again by their trigger as the registrations
# load (on PostgreSQL; empty elsewhere).
NOT_DUMPED = ["contenttypes", "auth.permission", "sessions", "delegates.heldseats"]


def _counts():
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in {"contenttypes", "sessions"}
        and model._meta.label != "auth.Permission"
    }


def _snapshot():
    twelfth = Meeting.objects.get(number=12)
    registration = Registration.objects.order_by("pk").last()
    return {
        "meeting": (twelfth.title, twelfth.start_date, twelfth.capacity, twelfth.summary),
        "registration": (registration.full_name, registration.email, registration.badge_code,
                         registration.status, registration.member.code,
                         registration.history.count()),
        "members": list(Member.objects.order_by("code").values_list("code", "name")),
        "editor_permissions": sorted(
            Group.objects.get(name="Secretariat editor").permissions.values_list(
                "codename", flat=True)),
    }


@pytest.mark.django_db
def test_whole_site_dump_flush_load_round_trip(demo, tmp_path, settings):
    before_counts, before = _counts(), _snapshot()
    assert before_counts["delegates.Registration"] > 100
    dump = tmp_path / "site.json"

    call_command("dumpdata", "--natural-foreign", "--natural-primary", "--indent", "0",
                 *[f"--exclude={label}" for label in NOT_DUMPED], output=str(dump),
                 stdout=io.StringIO())
    if connection.vendor == "postgresql":
        # Inside the test's transaction: let deferred checks run so TRUNCATE may proceed.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # back to Django's default
    assert Registration.objects.count() == 0
    assert Member.objects.count() == 0
    settings.SIMPLE_HISTORY_ENABLED = False  # as docs/security.md says for a restore
    call_command("loaddata", str(dump), verbosity=0)

    assert _counts() == before_counts
    assert _snapshot() == before
    assert json.loads(dump.read_text(encoding="utf-8"))  # a readable JSON document
