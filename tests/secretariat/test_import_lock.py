"""An import of thousands of rows holds the meeting's seat lock only for its short apply
step, against the real PostgreSQL database: a probe on another connection finds the lock
free while the rows are checked, and a public registration waits well under a second."""

import threading
import time

import pytest
from django.db import connection, transaction
from django.utils import timezone

from delegates import services
from delegates.models import Registration
from meetings.models import Meeting
from secretariat import imports
from tests.delegates.staff_helpers import editor
from tests.factories import MeetingFactory, member
from tests.secretariat.test_import import big_csv

pytestmark = [pytest.mark.postgres,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_2000_row_import_holds_the_seat_lock_only_while_it_applies():
    meeting = MeetingFactory(capacity=3000, delegation_cap=3000)
    actor, thai = editor(), member("TH")
    upload = big_csv(2000)
    phases = {}
    probes = []  # (time, lock free?)
    stop = threading.Event()

    def import_file():
        try:
            phases["checking"] = time.monotonic()
            rows = imports.preview(imports.read_rows(upload), meeting=meeting, member=thai)
            phases["checked"] = time.monotonic()
            imports.import_rows(meeting=meeting, member=thai, rows=rows, actor=actor)
            phases["imported"] = time.monotonic()
        finally:
            stop.set()
            connection.close()

    def probe():
        try:
            while not stop.is_set():
                with transaction.atomic():
                    try:
                        with transaction.atomic():
                            Meeting.objects.select_for_update(nowait=True).get(pk=meeting.pk)
                        probes.append((time.monotonic(), True))
                    except Exception:  # noqa: BLE001 - the lock is held: nowait fails
                        probes.append((time.monotonic(), False))
                time.sleep(0.005)
        finally:
            connection.close()

    threads = [threading.Thread(target=import_file), threading.Thread(target=probe)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert Registration.objects.filter(meeting=meeting).count() == 2000
    while_checking = [free for at, free in probes if phases["checking"] <= at <= phases["checked"]]
    assert len(while_checking) > 10
    assert all(while_checking)
    held = [at for at, free in probes if not free]
    assert held, "the probe never saw the import's lock"
    assert min(held) >= phases["checked"]
    assert max(held) - min(held) < 1.0


def test_a_public_registration_waits_less_than_a_second_for_a_2000_row_import():
    meeting = MeetingFactory(capacity=3000, delegation_cap=3000)
    actor, thai = editor(), member("TH")
    rows = imports.preview(imports.read_rows(big_csv(2000)), meeting=meeting, member=thai)
    waits = []
    started = threading.Event()

    def register_when_the_lock_is_held():
        try:
            started.wait(timeout=30)
            while True:
                try:
                    with transaction.atomic():
                        Meeting.objects.select_for_update(nowait=True).get(pk=meeting.pk)
                except Exception:  # noqa: BLE001 - held by the import: register now
                    break
                time.sleep(0.002)
            began = time.monotonic()
            services.registration_submit(meeting=meeting, data={
                "member": member("VN"), "given_name": "Lan", "family_name": "Nguyen",
                "email": "lan@example.org", "privacy_consent_at": timezone.now()})
            waits.append(time.monotonic() - began)
        finally:
            connection.close()

    public = threading.Thread(target=register_when_the_lock_is_held)
    public.start()
    started.set()
    imports.import_rows(meeting=meeting, member=thai, rows=rows, actor=actor)
    public.join(timeout=60)

    assert Registration.objects.filter(meeting=meeting).count() == 2001
    assert len(waits) == 1
    assert waits[0] < 1.0
