"""Bulk import of a delegation from a spreadsheet (CSV or XLSX).

Reading and checking make a preview: each row either has clean data or row-level errors.
Importing registers the valid rows through `registrations_submit_bulk`, so the seat rules
decide pending or waiting list exactly as for the public form, all or nothing: when one row
breaks a rule, nothing of the import stays. Everything is checked before the meeting's seat
lock is taken, and the lock is held only for a few bulk queries, so public registrations to
the same meeting wait a moment at most, even for thousands of rows.

A row may also tell the person's travel (flights, airports, transfers, diet: every travel
detail but the hotel, whose rooms are booked within the blocks on the travel page), checked
by the rules of the travel page (`logistics.services.check_imported_travel`) and stored with
the registrations once they are in (`travel_details_import`).
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from delegates.enums import RegistrationStatus, Role
from delegates.models import DUPLICATE_EMAIL, DUPLICATE_HEAD, ImportBatch, Registration
from delegates.selectors import emails_taken, head_taken
from delegates.services import BulkRowError, RegistrationError, registrations_submit_bulk
from delegates.validators import PrintableTextMixin, validate_has_a_name
from delegates.visa import visa_request_errors
from logistics.enums import Diet
from logistics.services import (
    IMPORTABLE_FIELDS,
    TravelError,
    check_imported_travel,
    travel_details_import,
)

from . import spreadsheets

MAX_COLUMNS = 40
MAX_CELL_CHARACTERS = 1000
# Above this many valid rows the import runs in the background (a row takes ~10-40 ms).
INLINE_ROWS = 100
MAX_BYTES = 5 * 1024 * 1024
# An uploaded file's rows wait this long for their import, then are deleted.
BATCH_KEEP = timedelta(hours=12)

# Column headings (case and spacing ignored) -> field names.
COLUMNS = {
    "honorific": "honorific", "given name": "given_name", "family name": "family_name",
    "family name first": "family_name_first", "name in latin letters": "name_latin",
    "position": "position", "organisation": "organisation", "email": "email",
    "phone": "phone", "role": "role", "dietary needs": "dietary_needs",
    "accessibility needs": "accessibility_needs", "arrival date": "arrival_date",
    "departure date": "departure_date", "needs visa letter": "needs_visa_letter",
    "passport number": "passport_number", "nationality": "passport_nationality",
    "passport issued on": "passport_issued_on", "passport expires on": "passport_expires_on",
    "date of birth": "date_of_birth", "publish name": "publish_name",
    "arrival time": "arrival_time", "arrival flight": "arrival_flight",
    "arrival airport": "arrival_airport", "arrival transfer": "arrival_transfer",
    "departure time": "departure_time", "departure flight": "departure_flight",
    "departure airport": "departure_airport", "departure transfer": "departure_transfer",
    "diet": "diet",
}
FLAGS = ("family_name_first", "needs_visa_letter", "publish_name", "arrival_transfer",
         "departure_transfer")
LABELS = {field: heading.capitalize() for heading, field in COLUMNS.items()}
TRUE_WORDS = {"yes", "y", "true", "1", "x", "oui", "ja"}
HONORIFIC_MAX_LENGTH = Registration._meta.get_field("honorific").max_length


class UnreadableFile(Exception):
    """The file cannot be read as a delegation spreadsheet at all."""


def iso_date():
    """Dates only as YYYY-MM-DD: 03/01/2026 means March in one country, January in another."""
    return forms.DateField(required=False, input_formats=["%Y-%m-%d"])


def local_time():
    """Times as 14:35 (or 14:35:00, as a spreadsheet writes a time cell)."""
    return forms.TimeField(required=False, input_formats=["%H:%M", "%H:%M:%S"])


class ImportRowForm(PrintableTextMixin, forms.Form):
    """One row, validated as the registration form would: a row asking for a visa letter
    carries the passport details the letter needs (`delegates.visa`)."""

    # Free text ("Dato'", "Hon."), cut to what the registration holds rather than refused.
    honorific = forms.CharField(required=False)
    given_name = forms.CharField(max_length=150, required=False)
    family_name = forms.CharField(max_length=150, required=False)
    family_name_first = forms.BooleanField(required=False)
    name_latin = forms.CharField(max_length=300, required=False)
    position = forms.CharField(max_length=250, required=False)
    organisation = forms.CharField(max_length=250, required=False)
    email = forms.EmailField(max_length=254)
    phone = forms.CharField(max_length=40, required=False)
    role = forms.ChoiceField(choices=Role.choices, required=False)
    dietary_needs = forms.CharField(max_length=500, required=False)
    accessibility_needs = forms.CharField(max_length=500, required=False)
    arrival_date = iso_date()
    departure_date = iso_date()
    needs_visa_letter = forms.BooleanField(required=False)
    passport_number = forms.CharField(max_length=40, required=False)
    passport_nationality = forms.CharField(max_length=100, required=False)
    passport_issued_on = iso_date()
    passport_expires_on = iso_date()
    date_of_birth = iso_date()
    publish_name = forms.BooleanField(required=False)
    arrival_time = local_time()
    arrival_flight = forms.CharField(max_length=20, required=False)
    arrival_airport = forms.CharField(max_length=100, required=False)
    arrival_transfer = forms.BooleanField(required=False)
    departure_time = local_time()
    departure_flight = forms.CharField(max_length=20, required=False)
    departure_airport = forms.CharField(max_length=100, required=False)
    departure_transfer = forms.BooleanField(required=False)
    diet = forms.CharField(max_length=40, required=False)

    def __init__(self, *args, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting

    def clean_role(self):
        return self.cleaned_data["role"] or Role.DELEGATE

    def clean_diet(self):
        """A diet by its code ("halal") or its name ("Gluten free"); empty: none."""
        text = self.cleaned_data["diet"].strip().lower()
        for value, label in Diet.choices:
            if text in (value, str(label).lower()) and (text or value == Diet.NONE):
                return value
        raise forms.ValidationError(
            _("Write one of: %(diets)s.") % {"diets": ", ".join(
                str(label) for value, label in Diet.choices if value)})

    def clean_honorific(self):
        """Cut to the length a registration holds, at a space when there is one."""
        honorific = self.cleaned_data["honorific"].strip()
        if len(honorific) <= HONORIFIC_MAX_LENGTH:
            return honorific
        cut = honorific[:HONORIFIC_MAX_LENGTH + 1]
        if " " in cut:
            cut = cut.rsplit(" ", 1)[0]
        return cut[:HONORIFIC_MAX_LENGTH].rstrip()

    def clean(self):
        data = super().clean()
        validate_has_a_name(data.get("given_name"), data.get("family_name"))
        arrival, departure = data.get("arrival_date"), data.get("departure_date")
        if arrival and departure and departure < arrival:
            self.add_error("departure_date", gettext_lazy(
                "The departure date cannot be before the arrival date."))
        for name, error in visa_request_errors(data, meeting=self.meeting).items():
            self.add_error(name, error)
        if self.meeting is not None and not self.errors:
            try:
                travel = check_imported_travel(meeting=self.meeting, data=data)
            except TravelError as error:
                self.add_error(error.field if error.field in self.fields else None,
                               error.messages[0])
            else:
                data.update(travel)
        return data


@dataclass
class PreviewRow:
    number: int  # the row number in the spreadsheet (the heading is row 1)
    raw: dict
    data: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)

    @property
    def valid(self):
        return not self.errors


def _text(value):
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return str(value).strip()


def limits():
    """The reading limits: IMPORT_MAX_ROWS rows of people under the heading row."""
    return spreadsheets.Limits(rows=settings.IMPORT_MAX_ROWS + 1, columns=MAX_COLUMNS,
                               cell=MAX_CELL_CHARACTERS)


@dataclass(frozen=True)
class Table:
    rows: list  # [{field: text}], one a person
    ignored_columns: list  # the headings of columns no field matches, as written


def read_rows(uploaded):
    """[{field: text}] from an uploaded CSV or XLSX file; unknown columns are left out
    (`read_table` names them)."""
    return read_table(uploaded).rows


def read_table(uploaded):
    """The rows of an uploaded CSV or XLSX file and the headings of the columns it leaves
    out. The file is read as a stream and refused (UnreadableFile) at the first limit
    broken: rows, columns, characters in a cell, unpacked size."""
    if uploaded.size > MAX_BYTES:
        raise UnreadableFile(_("The file is larger than 5 MB."))
    name = uploaded.name.lower()
    if name.endswith(".xlsx"):
        reader = spreadsheets.xlsx_rows
    elif name.endswith(".csv"):
        reader = spreadsheets.csv_rows
    else:
        raise UnreadableFile(_("Upload a .csv or .xlsx file."))
    try:
        return _rows_from_table(reader(uploaded, limits()))
    except spreadsheets.TableRefused as exc:
        raise UnreadableFile(str(exc)) from exc


def _rows_from_table(table):
    bounds = limits()
    headings = None
    ignored = []
    rows = []
    for cells in table:
        texts = [_text(cell) for cell in cells]
        if any("\x00" in text for text in texts):
            # No name or address holds one, and the database cannot store it.
            raise UnreadableFile(_("The file contains NUL characters: save it again as "
                                   "“CSV UTF-8” or as an Excel workbook (.xlsx)."))
        if any(len(text) > bounds.cell for text in texts):
            raise UnreadableFile(_("A cell holds more than %(max)s characters.") % {
                "max": bounds.cell})
        if any(texts[bounds.columns:]):
            raise UnreadableFile(_("The sheet has more than %(max)s columns.") % {
                "max": bounds.columns})
        if headings is None:
            headings = [COLUMNS.get(" ".join(text.lower().replace("_", " ").split()))
                        for text in texts]
            if "email" not in headings:
                raise UnreadableFile(_("The file needs at least an “Email” column."))
            ignored = [text for text, key in zip(texts, headings, strict=True)
                       if text and key is None]
            continue
        if not any(texts):
            continue
        if len(rows) == settings.IMPORT_MAX_ROWS:
            raise UnreadableFile(_("The file has more than %(max)s rows.") % {
                "max": settings.IMPORT_MAX_ROWS})
        rows.append({key: text for key, text in zip(headings, texts, strict=False) if key})
    if headings is None:
        raise UnreadableFile(_("The file is empty."))
    return Table(rows=rows, ignored_columns=ignored)


def stage_rows(*, meeting, member, rows, actor, ignored_columns=()):
    """Keep the rows read from a file, and the headings of the columns it left out, for
    `actor`'s preview and import (in the database, never in the session). Replaces the
    actor's earlier upload for this meeting and drops every expired one."""
    now = timezone.now()
    ImportBatch.objects.filter(expires_at__lte=now).delete()
    ImportBatch.objects.filter(meeting=meeting, uploaded_by=actor).delete()
    return ImportBatch.objects.create(meeting=meeting, member=member, uploaded_by=actor,
                                      rows=rows, ignored_columns=list(ignored_columns),
                                      expires_at=now + BATCH_KEEP)


def staged_batch(*, meeting, actor):
    """The rows `actor` uploaded for this meeting and has not imported, or None: a batch is
    only ever given back to the person who uploaded it."""
    return (ImportBatch.objects.select_related("member")
            .filter(meeting=meeting, uploaded_by=actor, expires_at__gt=timezone.now())
            .first())


def _role_value(text):
    """A role given by its code ("head") or its name ("Head of delegation")."""
    for value, label in Role.choices:
        if text.strip().lower() in (value, str(label).lower()):
            return value
    return text


def preview(rows, *, meeting=None, member=None):
    """Check each row; also flag an email given twice in the file and, given the meeting
    and member, an email already registered or a second head of delegation."""
    result, seen = [], {}
    taken, has_head = set(), False
    if meeting is not None:
        taken = emails_taken(meeting, [raw.get("email", "") for raw in rows])
        has_head = member is not None and head_taken(meeting, member)
    for index, raw in enumerate(rows, start=2):
        form_data = {**raw, "role": _role_value(raw.get("role", ""))}
        for flag in FLAGS:
            form_data[flag] = raw.get(flag, "").lower() in TRUE_WORDS
        form = ImportRowForm(form_data, meeting=meeting)
        row = PreviewRow(number=index, raw=raw)
        if form.is_valid():
            row.data = form.cleaned_data
        else:
            for name, errors in form.errors.items():
                label = "" if name == "__all__" else f"{LABELS.get(name, name)}: "
                row.errors.extend(f"{label}{error}" for error in errors)
        email = raw.get("email", "").strip().lower()
        if email and email in seen:
            row.errors.append(_("The same email is on row %(row)s.") % {"row": seen[email]})
        if email in taken:
            row.errors.append(str(DUPLICATE_EMAIL))
        if row.data.get("role") == Role.HEAD_OF_DELEGATION:
            if has_head:
                row.errors.append(str(DUPLICATE_HEAD))
            has_head = has_head or row.valid
        seen.setdefault(email, index)
        result.append(row)
    return result


@dataclass(frozen=True)
class ImportResult:
    pending: int
    waitlisted: int

    @property
    def summary(self):
        pending = ngettext("%(count)s registration imported as pending",
                           "%(count)s registrations imported as pending",
                           self.pending) % {"count": self.pending}
        waitlisted = ngettext("%(count)s on the waiting list",
                              "%(count)s on the waiting list",
                              self.waitlisted) % {"count": self.waitlisted}
        # Translators: the two counts above, as one sentence.
        return _("%(pending)s, %(waitlisted)s.") % {"pending": pending,
                                                     "waitlisted": waitlisted}


class RowRejected(Exception):
    def __init__(self, row, message):
        super().__init__(message)
        self.row = row
        self.message = message

    @property
    def explanation(self):
        if self.row is None:  # caught by a database constraint: the row is not known
            return _("Nothing was imported: %(message)s") % {"message": self.message}
        return _("Nothing was imported: row %(row)s — %(message)s") % {
            "row": self.row, "message": self.message}


def _without_travel(data):
    return {name: value for name, value in data.items() if name not in IMPORTABLE_FIELDS}


def import_rows(*, meeting, member, rows, actor, progress=None):
    """Register every valid row for `member` under the seat rules, all or nothing
    (`registrations_submit_bulk`: checked first, then one short transaction under the seat
    lock). Raises RowRejected (and keeps nothing) when a row breaks a rule. `progress(done)`
    is called once the rows are in."""
    valid = [row for row in rows if row.valid]
    consent = timezone.now()
    data = [{**_without_travel(row.data), "privacy_consent_at": consent} for row in valid]
    try:
        registrations = registrations_submit_bulk(meeting=meeting, member=member, rows=data,
                                                  actor=actor)
    except BulkRowError as exc:
        raise RowRejected(valid[exc.index].number, " ".join(exc.messages)) from exc
    except RegistrationError as exc:
        raise RowRejected(None, " ".join(exc.messages)) from exc
    travel_details_import(actor=actor, travels=[
        (registration, {name: row.data[name] for name in IMPORTABLE_FIELDS if name in row.data})
        for registration, row in zip(registrations, valid, strict=True)])
    waitlisted = sum(1 for registration in registrations
                     if registration.status == RegistrationStatus.WAITLISTED)
    if progress:
        progress(len(registrations))
    return ImportResult(pending=len(registrations) - waitlisted, waitlisted=waitlisted)
