"""A spreadsheet that is small to upload and huge to open is refused with a message while
it is read, and reading it never grows the process by more than 100 MB."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from secretariat import imports
from tests.secretariat import hostile_spreadsheets as hostile

pytestmark = pytest.mark.django_db

MEASURE = """
import json, os, resource, sys
import django
os.environ["DJANGO_SETTINGS_MODULE"] = "asem_customs.settings"
os.environ.setdefault("DJANGO_DEBUG", "1")
django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from secretariat import imports
path = sys.argv[1]
data = open(path, "rb").read()
upload = SimpleUploadedFile(os.path.basename(path), data)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    imports.read_rows(upload)
    message = None
except imports.UnreadableFile as exc:
    message = str(exc)
growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
print(json.dumps({"message": message, "growth_mb": growth / 1024}))
"""


def read_in_a_fresh_process(path):
    """(message of the refusal, peak memory growth in MB) of reading the file."""
    done = subprocess.run([sys.executable, "-c", MEASURE, str(path)], capture_output=True,  # noqa: S603
                          text=True, timeout=300, cwd=settings.BASE_DIR, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return result["message"], result["growth_mb"]


def write(tmp_path, name, data):
    path = Path(tmp_path) / name
    path.write_bytes(data)
    return path


def test_xlsx_with_a_200_mb_shared_string_is_refused_within_100_mb(tmp_path):
    data = hostile.huge_shared_string(200 * 1024 * 1024)
    assert len(data) < 300_000  # small to upload

    message, growth = read_in_a_fresh_process(write(tmp_path, "strings.xlsx", data))

    assert message == "This XLSX file unpacks to more than 128 MB."
    assert growth < 100


def test_xlsx_with_a_shared_string_table_over_its_cap_is_refused():
    upload = SimpleUploadedFile("strings.xlsx", hostile.huge_shared_string(20 * 1024 * 1024))

    with pytest.raises(imports.UnreadableFile) as refused:
        imports.read_rows(upload)

    assert str(refused.value) == (
        "This XLSX file unpacks to more than 8 MB in one part; save the delegation alone in "
        "a new workbook and upload that.")


def test_xlsx_with_a_shared_string_longer_than_a_cell_may_be_is_refused():
    upload = SimpleUploadedFile("long.xlsx", hostile.huge_shared_string(1024 * 1024))

    with pytest.raises(imports.UnreadableFile, match="A cell holds more than 1000 characters."):
        imports.read_rows(upload)


def test_xlsx_declaring_a_huge_dimension_is_refused_within_100_mb(tmp_path):
    data = hostile.huge_dimension()
    assert len(data) < 3_000

    message, growth = read_in_a_fresh_process(write(tmp_path, "dimension.xlsx", data))

    assert message == "The sheet has more than 40 columns."
    assert growth < 100


def test_xlsx_with_300000_rows_is_refused_within_100_mb(tmp_path):
    data = hostile.many_rows(300_000)

    message, growth = read_in_a_fresh_process(write(tmp_path, "rows.xlsx", data))

    assert message == "The file has more than 5000 rows."
    assert growth < 100


def test_csv_with_300000_rows_is_refused_within_100_mb(tmp_path):
    data = b"Email\n" + b"x@example.org\n" * 300_000
    assert len(data) < imports.MAX_BYTES

    message, growth = read_in_a_fresh_process(write(tmp_path, "rows.csv", data))

    assert message == "The file has more than 5000 rows."
    assert growth < 100


def test_the_row_limit_is_a_setting(settings):
    settings.IMPORT_MAX_ROWS = 3
    body = "".join(f"p{n}@example.org\n" for n in range(4)).encode()

    with pytest.raises(imports.UnreadableFile, match="The file has more than 3 rows."):
        imports.read_rows(SimpleUploadedFile("rows.csv", b"Email\n" + body))
    assert len(imports.read_rows(SimpleUploadedFile("rows.csv", b"Email\n" + body[:-17]))) == 3


def test_csv_cell_longer_than_1000_characters_is_refused():
    upload = SimpleUploadedFile("long.csv", b"Email,Position\na@example.org," + b"x" * 1001)

    with pytest.raises(imports.UnreadableFile, match="A cell holds more than 1000 characters."):
        imports.read_rows(upload)


def test_csv_with_more_than_40_columns_is_refused():
    upload = SimpleUploadedFile("wide.csv", b"Email" + b",x" * 40 + b"\n")

    with pytest.raises(imports.UnreadableFile, match="The sheet has more than 40 columns."):
        imports.read_rows(upload)


def test_upload_page_shows_the_refusal(client):
    from tests.delegates.staff_helpers import editor
    from tests.factories import MeetingFactory, member

    meeting = MeetingFactory()
    client.force_login(editor())

    response = client.post(f"/staff/{meeting.slug}/import/", {
        "member": member("KR").pk, "consent": "on",
        "file": SimpleUploadedFile("dimension.xlsx", hostile.huge_dimension())})

    assert response.status_code == 200
    assert "The sheet has more than 40 columns." in response.text


def test_a_file_with_nul_characters_is_refused_with_a_message():
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("nul.csv", b"Email,Given name\nann@example.org,A\x00nn\n")

    with pytest.raises(imports.UnreadableFile, match="NUL characters"):
        imports.read_rows(upload)
