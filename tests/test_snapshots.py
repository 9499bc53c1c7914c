"""The `demo` fixture writes the demo back from a snapshot (tests/snapshots.py): what the
tests read must be what loading the demo makes."""

from pathlib import Path

from accreditation.models import Credentials
from delegates.models import Registration
from tests.snapshots import _models, on_migrated_content


def _content():
    counts = {model._meta.label: model._base_manager.count() for model in _models()}
    people = sorted(Registration.objects.values_list(
        "meeting__slug", "member__code", "given_name", "family_name", "status", "role"))
    files = sorted((Path(credentials.file.name).name, credentials.file.size)
                   for credentials in Credentials.objects.all())
    return counts, people, files


def test_the_demo_written_back_is_the_demo_loaded(demo, _demo_snapshot):
    written_back = _content()

    def load_afresh(cursor):
        _demo_snapshot.load()
        return _content()

    loaded = on_migrated_content(load_afresh)

    assert written_back[0]["delegates.Registration"] > 140
    assert written_back[2], "the credentials' letters are stored files"
    assert written_back == loaded
