"""The list of participants as CSV and XLSX, and the rule every export follows: a cell never
becomes a spreadsheet formula and never carries a character its format cannot hold.

CSV has no cell types, so a value a spreadsheet would read as a formula gets a leading
apostrophe. XLSX cells are typed: every value is written as a string cell, which no
spreadsheet evaluates, so it reads exactly as stored (a phone `+000 555 5001`, not
`'+000 555 5001`)."""

import csv
import io
import re
from types import SimpleNamespace

from django.db.models import Case, IntegerField, Value, When
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from accreditation.selectors import answer_display
from delegates.enums import Participation, RegistrationStatus, Role
from delegates.models import Registration
from delegates.validators import strip_unprintable
from logistics.enums import Diet
from logistics.models import TravelDetails
from side_events.enums import ACTIVE_SIGNUP_STATUSES, SignupStatus
from side_events.models import SideEventSignup

# A value starting with one of these would be read as a formula by a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_FIRST_CHARACTERS = frozenset(FORMULA_STARTS)
# What the lists never read of a registration (the passport details above all): left in the
# database rather than loaded for 50,000 people.
NOT_LISTED = ("passport_number", "passport_nationality", "passport_issued_on",
              "passport_expires_on", "date_of_birth", "privacy_consent_at", "rejection_reason",
              "created_at", "updated_at", "status_changed_at", "anonymised_at",
              "travel__updated_at")
# Characters a worksheet's name cannot hold.
SHEET_TITLE_FORBIDDEN = re.compile(r"[\\/*?:\[\]]")


def plain_cell(value):
    """The value as any export can hold it: control characters (except the line feed),
    Unicode non-characters and lone surrogates removed."""
    if value is None:
        return ""
    if not isinstance(value, str):
        return value
    if value.isprintable():  # the common case, checked in C: nothing to remove
        return value
    return strip_unprintable(value, keep="\n")


def clean_cell(value):
    """The value safe for a CSV cell: `plain_cell`, and a leading apostrophe before
    anything a spreadsheet would take for a formula."""
    if value.__class__ is str and value.isprintable():  # the common case, quickly
        return "'" + value if value[:1] in FORMULA_FIRST_CHARACTERS else value
    cleaned = plain_cell(value)
    if isinstance(value, str) and (value.startswith(FORMULA_STARTS)
                                   or cleaned.startswith(FORMULA_STARTS)):
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
    queryset = queryset.select_related("travel", "travel__hotel")
    return queryset.annotate(host_rank=host_first, head_rank=head_first).order_by(
        "host_rank", Lower("member__name"), "member_id", "head_rank",
        Lower("family_name"), Lower("given_name"), "id",
    )


def _ours(value):
    """Mark a column's value as made by the product alone (a label, a date, yes or no),
    never typed by anyone: its cells need no check for formulas or stray characters."""
    value.ours = True
    return value


def participant_columns(questions=(), *, side_events=None):
    """(heading, value of a registration) for each column of the spreadsheet exports, then
    one for each of the meeting's `questions` the secretariat chose (their answers);
    `side_events` are those of `side_events_by_registration`."""
    # Labels translated once: get_role_display() would translate every choice on every row.
    roles = {value: str(label) for value, label in Role.choices}
    participations = {value: str(label) for value, label in Participation.choices}
    yes, no = _("Yes"), _("No")
    return [
        (_("Member"), lambda r: r.member.name),
        (_("Honorific"), lambda r: r.honorific),
        (_("Name as written"), lambda r: r.full_name),
        (_("Given name"), lambda r: r.given_name),
        (_("Family name"), lambda r: r.family_name),
        (_("Name in Latin letters"), lambda r: r.name_latin),
        (_("Role"), _ours(lambda r: roles.get(r.role, r.role))),
        (_("Position"), lambda r: r.position),
        (_("Organisation"), lambda r: r.organisation),
        (_("Email"), lambda r: r.email),
        (_("Phone"), lambda r: r.phone),
        (_("Checked in"), _ours(lambda r: r.attended_at.strftime("%Y-%m-%d %H:%M")
                                if r.attended_at else "")),
        # The host's logistics (`logistics.TravelDetails`), empty for who told none.
        *travel_columns(),
        # Dates as YYYY-MM-DD, as the import reads them back.
        (_("Arrival date"), _ours(lambda r: _iso(r.arrival_date))),
        (_("Departure date"), _ours(lambda r: _iso(r.departure_date))),
        (_("Dietary needs"), lambda r: r.dietary_needs),
        (_("Accessibility needs"), lambda r: r.accessibility_needs),
        (_("Visa letter requested"), _ours(lambda r: yes if r.needs_visa_letter else no)),
        (_("Participation"),
         _ours(lambda r: participations.get(r.participation, r.participation))),
        (_("Side events"), lambda r: (side_events or {}).get(r.pk, "")),
        *[(question.label, _answer_of(question)) for question in questions],
    ]


def side_events_by_registration(queryset):
    """{registration id: the side events the person comes to, and those they wait for, in
    time order}, for the registrations of `queryset`, in one query."""
    waiting = _("%(event)s (waiting)")
    found = {}
    signups = SideEventSignup.objects.filter(
        registration__in=queryset.values("pk"), status__in=ACTIVE_SIGNUP_STATUSES,
    ).order_by("event__starts_at", "event__name").values_list(
        "registration_id", "event__name", "status")
    for registration_id, name, status in signups:
        found.setdefault(registration_id, []).append(
            name if status == SignupStatus.SIGNED_UP else waiting % {"event": name})
    return {registration_id: "; ".join(names) for registration_id, names in found.items()}


def _answer_of(question):
    def value(registration):
        for answer in registration.answers.all():  # prefetched by participant_rows
            if answer.question_id == question.pk:
                return answer_display(question, answer.value)
        return ""
    return value


def travel_columns():
    """(heading, value of a registration) for the travel details of the export."""
    yes, no = _("Yes"), _("No")
    diets = {value: str(label) for value, label in Diet.choices}
    # The row's travel details, looked up once for its twelve columns; one empty record
    # for everyone who told none (rather than one made per person and column).
    none_told = TravelDetails()
    current = {"registration": None, "details": none_told}

    def details_of(registration):
        if current["registration"] is not registration:
            current["registration"] = registration
            try:
                current["details"] = registration.travel or none_told
            except TravelDetails.DoesNotExist:
                current["details"] = none_told
        return current["details"]

    def travel(attribute, shown=str):
        def value(registration):
            found = getattr(details_of(registration), attribute)
            return shown(found) if found not in (None, "") else ""
        return value

    def flag(attribute):
        return _ours(lambda r: yes if getattr(details_of(r), attribute) else no)

    return [
        (_("Arrival time"), _ours(travel("arrival_time", lambda t: t.strftime("%H:%M")))),
        (_("Arrival flight"), travel("arrival_flight")),
        (_("Arrival airport"), travel("arrival_airport")),
        (_("Transfer from the airport"), flag("arrival_transfer")),
        (_("Departure time"), _ours(travel("departure_time", lambda t: t.strftime("%H:%M")))),
        (_("Departure flight"), travel("departure_flight")),
        (_("Departure airport"), travel("departure_airport")),
        (_("Transfer to the airport"), flag("departure_transfer")),
        (_("Hotel"), travel("hotel", lambda hotel: hotel.name)),
        (_("Hotel check-in"), _ours(travel("check_in", _iso))),
        (_("Hotel check-out"), _ours(travel("check_out", _iso))),
        (_("Diet"), _ours(travel("diet", lambda diet: diets.get(diet, diet)))),
    ]


def _iso(day):
    return day.isoformat() if day else ""


# What the columns read of a registration and of its travel details, without questions.
LISTED_FIELDS = ("pk", "honorific", "given_name", "family_name", "family_name_first",
                 "name_latin", "role", "position", "organisation", "email", "phone",
                 "attended_at", "arrival_date", "departure_date", "dietary_needs",
                 "accessibility_needs", "needs_visa_letter", "participation")
LISTED_TRAVEL_FIELDS = ("arrival_time", "arrival_flight", "arrival_airport",
                        "arrival_transfer", "departure_time", "departure_flight",
                        "departure_airport", "departure_transfer", "check_in", "check_out",
                        "diet")


class _ListedRegistration:
    """What the columns read of a registration, made from one row of values: building the
    registration, its member, travel details and hotel as model instances took a third of
    the time of a list of 50,000."""

    __slots__ = (*LISTED_FIELDS, "member", "travel")
    full_name = Registration.full_name  # the model's own rule for the name as written


def _listed_registrations(queryset):
    # The travel details are read (twelve more columns and two joins) only when someone
    # told some: a meeting without the host's logistics lists faster.
    with_travel = TravelDetails.objects.filter(registration__in=queryset.values("pk")).exists()
    fields = (*LISTED_FIELDS, "member__name")
    if with_travel:
        fields += ("travel__id", "travel__hotel__name",
                   *(f"travel__{name}" for name in LISTED_TRAVEL_FIELDS))
    own, travel_at = len(LISTED_FIELDS), len(LISTED_FIELDS) + 3
    for values in queryset.values_list(*fields).iterator(chunk_size=2000):
        registration = _ListedRegistration()
        for name, value in zip(LISTED_FIELDS, values[:own], strict=True):
            setattr(registration, name, value)
        registration.member = SimpleNamespace(name=values[own])
        registration.travel = None
        if with_travel and values[own + 1] is not None:
            registration.travel = SimpleNamespace(
                hotel=None if values[own + 2] is None else SimpleNamespace(name=values[own + 2]),
                **dict(zip(LISTED_TRAVEL_FIELDS, values[travel_at:], strict=True)))
        yield registration


def participant_rows(queryset, *, clean=clean_cell, questions=()):
    """Header then one cleaned row per registration, read from the database in chunks:
    as rows of values, or as registrations with their answers when `questions` are
    printed."""
    columns = participant_columns(questions, side_events=side_events_by_registration(queryset))
    if questions:
        registrations = queryset.prefetch_related("answers").defer(*NOT_LISTED).iterator(
            chunk_size=2000)
    else:
        registrations = _listed_registrations(queryset)
    yield [heading for heading, _value in columns]
    values = [(value, getattr(value, "ours", False)) for _heading, value in columns]
    for registration in registrations:
        yield [value(registration) if ours else clean(value(registration))
               for value, ours in values]


class _Echo:
    """A file-like object whose write returns what it was given, for streaming CSV."""

    def write(self, value):
        return value


CSV_LINES_PER_CHUNK = 500


def participants_csv_chunks(queryset, *, questions=()):
    """CSV text, `CSV_LINES_PER_CHUNK` lines at a time (UTF-8 with a byte order mark so
    spreadsheets detect the encoding), for a StreamingHttpResponse: a few hundred writes to
    the socket for 50,000 people, not one per line, in the same flat memory."""
    writer = csv.writer(_Echo())
    yield "\ufeff"
    lines = []
    for row in participant_rows(queryset, questions=questions):
        lines.append(writer.writerow(row))
        if len(lines) == CSV_LINES_PER_CHUNK:
            yield "".join(lines)
            lines = []
    if lines:
        yield "".join(lines)


def participants_xlsx(queryset, *, title, progress=None, questions=()):
    """XLSX bytes of the list, written in openpyxl's streaming (write-only) mode;
    `progress(done)`, when given, is called after each row."""
    workbook = Workbook(write_only=True)
    sheet_title = SHEET_TITLE_FORBIDDEN.sub(" ", plain_cell(title).replace("\n", " "))
    sheet = workbook.create_sheet(title=sheet_title.strip(" '")[:31] or "Participants")
    sheet.freeze_panes = "A2"
    widths = (24, 10, 30, 18, 20, 26, 18, 30, 34, 32, 18, 16,
              8, 10, 22, 10, 8, 10, 22, 10, 28, 12, 12, 16,  # the travel details
              12, 12, 30, 30, 10, 12, 30, *(30 for _question in questions))
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    rows = participant_rows(queryset, clean=plain_cell, questions=questions)
    bold = Font(bold=True)
    header = []
    for heading in next(rows):
        cell = _string_cell(sheet, heading)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for done, row in enumerate(rows, start=1):
        sheet.append([_string_cell(sheet, value) for value in row])
        if progress:
            progress(done)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _string_cell(sheet, value):
    """A cell typed as text: openpyxl would make a formula of a string starting with "="."""
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def logistics_xlsx(table):
    """XLSX bytes of one of the host's lists (`logistics.tables.Table`): one sheet, each
    section under its heading, every cell a string."""
    workbook = Workbook(write_only=True)
    sheet_title = SHEET_TITLE_FORBIDDEN.sub(" ", plain_cell(table.title))
    sheet = workbook.create_sheet(title=sheet_title.strip(" '")[:31] or "List")
    widths = {}
    for section in table.sections:
        for index, heading in enumerate(section.columns):
            longest = max([len(heading)] + [len(row[index]) for row in section.rows])
            widths[index] = min(max(widths.get(index, 10), longest + 2), 60)
    for index, width in widths.items():
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    bold = Font(bold=True)
    for section in table.sections:
        heading = _string_cell(sheet, plain_cell(section.heading))
        heading.font = Font(bold=True, size=12)
        sheet.append([heading])
        columns = []
        for text in section.columns:
            cell = _string_cell(sheet, plain_cell(text))
            cell.font = bold
            columns.append(cell)
        sheet.append(columns)
        for row in section.rows:
            sheet.append([_string_cell(sheet, plain_cell(value)) for value in row])
        sheet.append([])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
