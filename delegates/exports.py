"""The list of participants as CSV and XLSX, and the rule every export follows: a cell never
becomes a spreadsheet formula and never carries control characters."""

import csv
import io
import re

from django.db.models import Case, IntegerField, Value, When
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from .enums import RegistrationStatus, Role
from .models import Registration

# A value starting with one of these would be read as a formula by a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# C0 and C1 control characters, except the line feed that multi-line fields may hold.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def clean_cell(value):
    """The value safe for a spreadsheet: control characters removed, and a leading
    apostrophe before anything a spreadsheet would take for a formula."""
    if value is None:
        return ""
    if not isinstance(value, str):
        return value
    cleaned = CONTROL_CHARACTERS.sub("", value)
    if value.startswith(FORMULA_STARTS) or cleaned.startswith(FORMULA_STARTS):
        cleaned = "'" + cleaned
    return cleaned


def participants_for_list(meeting, *, consented_only=False,
                          statuses=(RegistrationStatus.CONFIRMED,)):
    """Registrations (confirmed unless `statuses` says otherwise) in the order of the list
    of participants: members alphabetically (the host first when the meeting says so),
    head of delegation first, then by family and given name."""
    queryset = Registration.objects.filter(
        meeting=meeting, status__in=statuses
    ).select_related("member")
    if consented_only:
        queryset = queryset.filter(publish_name=True)
    host_first = Value(1)
    if meeting.list_host_first and meeting.host_member_id:
        host_first = Case(When(member_id=meeting.host_member_id, then=Value(0)),
                          default=Value(1), output_field=IntegerField())
    head_first = Case(When(role=Role.HEAD_OF_DELEGATION, then=Value(0)),
                      default=Value(1), output_field=IntegerField())
    return queryset.annotate(host_rank=host_first, head_rank=head_first).order_by(
        "host_rank", Lower("member__name"), "member_id", "head_rank",
        Lower("family_name"), Lower("given_name"), "id",
    )


def participant_columns():
    """(heading, value of a registration) for each column of the spreadsheet exports."""
    # Labels translated once: get_role_display() would translate every choice on every row.
    roles = {value: str(label) for value, label in Role.choices}
    return [
        (_("Member"), lambda r: r.member.name),
        (_("Honorific"), lambda r: r.honorific),
        (_("Name as written"), lambda r: r.full_name),
        (_("Given name"), lambda r: r.given_name),
        (_("Family name"), lambda r: r.family_name),
        (_("Name in Latin letters"), lambda r: r.name_latin),
        (_("Role"), lambda r: roles.get(r.role, r.role)),
        (_("Position"), lambda r: r.position),
        (_("Organisation"), lambda r: r.organisation),
        (_("Email"), lambda r: r.email),
        (_("Phone"), lambda r: r.phone),
        (_("Checked in"), lambda r: r.attended_at.strftime("%Y-%m-%d %H:%M")
         if r.attended_at else ""),
    ]


def participant_rows(queryset):
    """Header then one cleaned row per registration, read from the database in chunks."""
    columns = participant_columns()
    yield [heading for heading, _value in columns]
    for registration in queryset.iterator(chunk_size=2000):
        yield [clean_cell(value(registration)) for _heading, value in columns]


class _Echo:
    """A file-like object whose write returns what it was given, for streaming CSV."""

    def write(self, value):
        return value


def participants_csv_chunks(queryset):
    """CSV text, one line at a time (UTF-8 with a byte order mark so spreadsheets detect
    the encoding), for a StreamingHttpResponse."""
    writer = csv.writer(_Echo())
    yield "\ufeff"
    for row in participant_rows(queryset):
        yield writer.writerow(row)


def participants_xlsx(queryset, *, title):
    """XLSX bytes of the list, written in openpyxl's streaming (write-only) mode."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=clean_cell(title)[:31] or "Participants")
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGHIJKL", (24, 10, 30, 18, 20, 26, 18, 30, 34, 32, 18, 16),
                             strict=True):
        sheet.column_dimensions[letter].width = width
    rows = participant_rows(queryset)
    bold = Font(bold=True)
    header = []
    for heading in next(rows):
        cell = WriteOnlyCell(sheet, value=heading)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
