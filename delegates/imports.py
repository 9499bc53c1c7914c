"""Bulk import of a delegation from a spreadsheet (CSV or XLSX).

Reading and checking make a preview: each row either has clean data or row-level errors.
Importing submits the valid rows through `registration_submit`, so the seat rules decide
pending or waiting list exactly as for the public form, all in one transaction: when one
row breaks a rule midway, nothing of the import stays.
"""

import csv
import io
from dataclasses import dataclass, field

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .enums import ACTIVE_STATUSES, Honorific, RegistrationStatus, Role
from .models import Registration
from .services import RegistrationError, registration_submit
from .validators import PrintableTextMixin

MAX_ROWS = 2000
# Above this many valid rows the import runs in the background (a row takes ~10-40 ms).
INLINE_ROWS = 100
MAX_BYTES = 5 * 1024 * 1024

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
}
LABELS = {field: heading.capitalize() for heading, field in COLUMNS.items()}
TRUE_WORDS = {"yes", "y", "true", "1", "x", "oui", "ja"}


class UnreadableFile(Exception):
    """The file cannot be read as a delegation spreadsheet at all."""


def iso_date():
    """Dates only as YYYY-MM-DD: 03/01/2026 means March in one country, January in another."""
    return forms.DateField(required=False, input_formats=["%Y-%m-%d"])


class ImportRowForm(PrintableTextMixin, forms.Form):
    """One row, validated as the registration form would."""

    honorific = forms.ChoiceField(choices=[("", "")] + Honorific.choices, required=False)
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

    def clean_role(self):
        return self.cleaned_data["role"] or Role.DELEGATE

    def clean(self):
        data = super().clean()
        if not (data.get("given_name") or data.get("family_name")):
            raise forms.ValidationError(
                gettext_lazy("Give a given name or a family name."), code="name_required")
        arrival, departure = data.get("arrival_date"), data.get("departure_date")
        if arrival and departure and departure < arrival:
            self.add_error("departure_date", gettext_lazy(
                "The departure date cannot be before the arrival date."))
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


def read_rows(uploaded):
    """[{field: text}] from an uploaded CSV or XLSX file; unknown columns are ignored."""
    if uploaded.size > MAX_BYTES:
        raise UnreadableFile(_("The file is larger than 5 MB."))
    name = uploaded.name.lower()
    if name.endswith(".xlsx"):
        table = _xlsx_table(uploaded)
    elif name.endswith(".csv"):
        table = _csv_table(uploaded)
    else:
        raise UnreadableFile(_("Upload a .csv or .xlsx file."))
    if not table:
        raise UnreadableFile(_("The file is empty."))
    headings = [COLUMNS.get(" ".join(_text(h).lower().replace("_", " ").split()))
                for h in table[0]]
    if "email" not in headings:
        raise UnreadableFile(_("The file needs at least an “Email” column."))
    rows = []
    for cells in table[1:]:
        if not any(_text(cell) for cell in cells):
            continue
        pairs = zip(headings, cells, strict=False)
        rows.append({key: _text(cell) for key, cell in pairs if key})
    if len(rows) > MAX_ROWS:
        raise UnreadableFile(_("The file has more than %(max)s rows.") % {"max": MAX_ROWS})
    return rows


def _csv_table(uploaded):
    try:
        text = uploaded.read().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(_("Save the CSV file as UTF-8.")) from exc
    try:
        return list(csv.reader(io.StringIO(text)))
    except csv.Error as exc:  # a broken quote, a field longer than the csv module allows
        raise UnreadableFile(_("This CSV file cannot be read: %(error)s") % {
            "error": exc}) from exc


def _xlsx_table(uploaded):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(uploaded, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable file gets one message
        raise UnreadableFile(_("This is not a readable XLSX file.")) from exc
    sheet = workbook.worksheets[0]
    table = [list(row) for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return table


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
    taken, head_taken = set(), False
    if meeting is not None:
        active = Registration.objects.filter(meeting=meeting, status__in=ACTIVE_STATUSES)
        taken = {email.lower() for email in active.values_list("email", flat=True)}
        head_taken = member is not None and active.filter(
            member=member, role=Role.HEAD_OF_DELEGATION).exists()
    for index, raw in enumerate(rows, start=2):
        form_data = {**raw, "role": _role_value(raw.get("role", ""))}
        for flag in ("family_name_first", "needs_visa_letter", "publish_name"):
            form_data[flag] = raw.get(flag, "").lower() in TRUE_WORDS
        form = ImportRowForm(form_data)
        row = PreviewRow(number=index, raw=raw)
        if form.is_valid():
            row.data = form.cleaned_data
        else:
            for name, errors in form.errors.items():
                label = "" if name == "__all__" else f"{LABELS.get(name, name)}: "
                row.errors.extend(f"{label}{error}" for error in errors)
        email = raw.get("email", "").lower()
        if email and email in seen:
            row.errors.append(_("The same email is on row %(row)s.") % {"row": seen[email]})
        if email in taken:
            row.errors.append(_("This email address is already registered for this meeting."))
        if row.data.get("role") == Role.HEAD_OF_DELEGATION:
            if head_taken:
                row.errors.append(_("This delegation already has a head of delegation."))
            head_taken = head_taken or row.valid
        seen.setdefault(email, index)
        result.append(row)
    return result


@dataclass(frozen=True)
class ImportResult:
    pending: int
    waitlisted: int

    @property
    def summary(self):
        return _("%(pending)s registrations imported as pending, %(waitlisted)s on the "
                 "waiting list.") % {"pending": self.pending, "waitlisted": self.waitlisted}


class RowRejected(Exception):
    def __init__(self, row, message):
        super().__init__(message)
        self.row = row
        self.message = message

    @property
    def explanation(self):
        return _("Nothing was imported: row %(row)s — %(message)s") % {
            "row": self.row, "message": self.message}


def import_rows(*, meeting, member, rows, actor, progress=None):
    """Submit every valid row for `member` through the seat rules, in one transaction.
    Raises RowRejected (and keeps nothing) when a row breaks a rule. `progress(done)` is
    called every 25 rows."""
    pending = waitlisted = 0
    consent = timezone.now()
    with transaction.atomic():
        for row in rows:
            if not row.valid:
                continue
            data = {**row.data, "member": member, "privacy_consent_at": consent}
            data.setdefault("role", Role.DELEGATE)
            try:
                registration = registration_submit(meeting=meeting, data=data, actor=actor)
            except RegistrationError as exc:
                raise RowRejected(row.number, " ".join(exc.messages)) from exc
            if registration.status == RegistrationStatus.WAITLISTED:
                waitlisted += 1
            else:
                pending += 1
            if progress and (pending + waitlisted) % 25 == 0:
                progress(pending + waitlisted)
    return ImportResult(pending=pending, waitlisted=waitlisted)
