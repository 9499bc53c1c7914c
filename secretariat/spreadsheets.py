"""Reading an uploaded CSV or XLSX table as a stream, within limits checked while reading.

A spreadsheet is small to upload and can be huge to open: an XLSX is a zip, so a few
hundred kilobytes may unpack to gigabytes, and a sheet may declare a range of millions of
cells that a reader then allocates. Here nothing is read whole: CSV rows come one by one;
for an XLSX every part of the zip is checked against a size cap (declared and actually
unpacked), the shared strings and the sheet are scanned with a streaming parser that
stops at the first limit broken, and only then does openpyxl (read-only, dimensions reset,
columns bounded) hand out the rows. A refusal is a `TableRefused` with a message for the
person who uploaded the file.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring, iterparse
from django.utils.translation import gettext as _

MB = 1024 * 1024
NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
CELL_REF = re.compile(r"([A-Z]{1,3})(\d+)$")
RANGE_REF = re.compile(r"([A-Z]{1,3})?(\d+)?(?::([A-Z]{1,3})?(\d+)?)?$")
CONTENT_TYPES = "[Content_Types].xml"


class TableRefused(Exception):
    """The file is not a table this site will read; the message says why."""


@dataclass(frozen=True)
class Limits:
    rows: int  # rows with content, the heading included
    columns: int = 40
    cell: int = 1000  # characters in one cell
    shared_strings_bytes: int = 8 * MB  # unpacked sharedStrings.xml
    sheet_bytes: int = 64 * MB  # unpacked worksheet XML (streamed, never held)
    part_bytes: int = 2 * MB  # any other unpacked XML part (styles, workbook, theme ...)
    total_bytes: int = 128 * MB  # everything in the zip, unpacked
    parts: int = 500
    cells_per_row: int = 16384  # Excel's own maximum: bounds one row held while parsing


# The delimiters a CSV may use: the comma, the semicolon (Excel's "CSV" wherever the decimal
# separator is a comma, much of Europe), the tab and the bar.
CSV_DELIMITERS = ",;\t|"
# How much of the file the delimiter is guessed from, in characters.
SNIFF_SAMPLE = 64 * 1024


def csv_dialect(sample):
    """The CSV dialect of `sample` (the start of the file): its delimiter guessed among
    `CSV_DELIMITERS`, or the comma when the sample shows none (a file of one column)."""
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=CSV_DELIMITERS)
    except csv.Error:
        return csv.excel
    # The sniffer guesses quoting rules too, and wrongly on a short sample: keep Excel's.
    return type("Sniffed", (csv.excel,), {"delimiter": dialect.delimiter})


def csv_rows(uploaded, limits):
    """Lists of cell texts, one a row, read line by line from a UTF-8 CSV whose delimiter
    (comma, semicolon, tab or bar) is guessed from its first lines."""
    uploaded.seek(0)
    text = io.TextIOWrapper(uploaded.file, encoding="utf-8-sig", newline="")
    try:
        sample = text.read(SNIFF_SAMPLE)
        if len(sample) == SNIFF_SAMPLE and "\n" in sample:
            sample = sample[: sample.rindex("\n")]  # whole lines only
        text.seek(0)
        yield from csv.reader(text, csv_dialect(sample))
    except UnicodeDecodeError as exc:
        raise TableRefused(_("Save the CSV file as UTF-8.")) from exc
    except csv.Error as exc:  # a broken quote, a field longer than the csv module allows
        raise TableRefused(_("This CSV file cannot be read: %(error)s") % {
            "error": exc}) from exc
    finally:
        text.detach()


def xlsx_rows(uploaded, limits):
    """Tuples of cell values of the first sheet, at most `limits.columns` wide."""
    from openpyxl import load_workbook

    uploaded.seek(0)
    archive = _open_archive(uploaded)
    with archive:
        sheets = _check_parts(archive, limits)
        for name in sheets:  # openpyxl reads every sheet's dimension while it opens
            _scan_sheet(archive, name, limits)
        try:
            workbook = load_workbook(uploaded, read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - any unreadable file gets one message
            raise TableRefused(_("This is not a readable XLSX file.")) from exc
        try:
            if not workbook.worksheets:
                raise TableRefused(_("This is not a readable XLSX file."))
            sheet = workbook.worksheets[0]
            if sheet._worksheet_path not in sheets:
                _scan_sheet(archive, sheet._worksheet_path, limits)
            sheet.reset_dimensions()
            try:
                for row in sheet.iter_rows(max_col=limits.columns + 1, values_only=True):
                    if row and row[-1] is not None and len(row) > limits.columns:
                        raise _too_many_columns(limits)
                    yield row
            except TableRefused:
                raise
            except Exception as exc:  # noqa: BLE001 - a broken sheet gets one message
                raise TableRefused(_("This is not a readable XLSX file.")) from exc
        finally:
            workbook.close()


def _open_archive(uploaded):
    try:
        return zipfile.ZipFile(uploaded)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise TableRefused(_("This is not a readable XLSX file.")) from exc


def _too_large(limit):
    return TableRefused(_(
        "This XLSX file unpacks to more than %(size)s MB in one part; save the delegation "
        "alone in a new workbook and upload that.") % {"size": limit // MB})


def _too_many_columns(limits):
    return TableRefused(_("The sheet has more than %(max)s columns.") % {"max": limits.columns})


def _too_many_rows(limits):
    return TableRefused(_("The file has more than %(max)s rows.") % {"max": limits.rows - 1})


def _too_long_cell(limits):
    return TableRefused(_("A cell holds more than %(max)s characters.") % {"max": limits.cell})


def _bounded(archive, name, limit):
    """A stream of one part that fails as soon as more than `limit` bytes come out."""
    return _BoundedReader(archive.open(name), limit)


class _BoundedReader(io.RawIOBase):
    def __init__(self, raw, limit):
        self.raw, self.limit, self.count = raw, limit, 0

    def readable(self):
        return True

    def readinto(self, buffer):
        data = self.raw.read(min(len(buffer), 64 * 1024))
        self.count += len(data)
        if self.count > self.limit:
            raise _too_large(self.limit)
        buffer[: len(data)] = data
        return len(data)

    def close(self):
        self.raw.close()
        super().close()


def _read_small(archive, name, limits):
    with _bounded(archive, name, limits.part_bytes) as stream:
        return stream.read()


def _check_parts(archive, limits):
    """Each part's declared size within its cap, and the shared strings within theirs,
    before openpyxl (which reads the shared strings whole) opens the file."""
    infos = archive.infolist()
    if len(infos) > limits.parts:
        raise TableRefused(_("This is not a readable XLSX file."))
    if sum(info.file_size for info in infos) > limits.total_bytes:
        raise TableRefused(_("This XLSX file unpacks to more than %(size)s MB.") % {
            "size": limits.total_bytes // MB})
    names = {info.filename for info in infos}
    if CONTENT_TYPES not in names:
        raise TableRefused(_("This is not a readable XLSX file."))
    try:
        manifest = fromstring(_read_small(archive, CONTENT_TYPES, limits))
    except (SyntaxError, DefusedXmlException, zipfile.BadZipFile) as exc:
        raise TableRefused(_("This is not a readable XLSX file.")) from exc
    strings, sheets = set(), set()
    for override in manifest:
        part = (override.get("PartName") or "").lstrip("/")
        kind = override.get("ContentType") or ""
        if kind.endswith("sharedStrings+xml"):
            strings.add(part)
        elif kind.endswith("worksheet+xml"):
            sheets.add(part)
    for info in infos:
        if info.filename in strings:
            cap = limits.shared_strings_bytes
        elif info.filename in sheets:
            cap = limits.sheet_bytes
        elif info.filename.endswith((".xml", ".rels", ".vml")):
            cap = limits.part_bytes
        else:
            continue  # images and the like: openpyxl does not open them read-only
        if info.file_size > cap:
            raise _too_large(cap)
        if info.filename not in strings and info.filename not in sheets:
            _read_small(archive, info.filename, limits)  # the actual size, not the claim
    for name in strings & names:
        _scan_shared_strings(archive, name, limits)
    return (sheets - strings) & names


def _parse(stream, events=("end",)):
    try:
        yield from iterparse(stream, events=events)
    except (SyntaxError, DefusedXmlException, zipfile.BadZipFile) as exc:
        raise TableRefused(_("This is not a readable XLSX file.")) from exc


def _scan_shared_strings(archive, name, limits):
    """Each shared string at most `limits.cell` characters, and no more strings than the
    cells a sheet within the limits can hold."""
    most = limits.rows * limits.columns
    count = 0
    root = None
    with _bounded(archive, name, limits.shared_strings_bytes) as stream:
        for event, element in _parse(stream, events=("start", "end")):
            if root is None:
                root = element
            if event != "end" or element.tag != f"{NS}si":
                continue
            length = sum(len(t.text or "") for t in element.iter(f"{NS}t"))
            if length > limits.cell:
                raise _too_long_cell(limits)
            count += 1
            if count > most:
                raise _too_many_rows(limits)
            root.clear()


def _column_number(letters):
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _check_dimension(element, limits):
    """Refuse a declared range beyond the limits before anything allocates for it."""
    match = RANGE_REF.match((element.get("ref") or "").upper())
    if not match:
        return
    last_column = match.group(3) or match.group(1)
    last_row = match.group(4) or match.group(2)
    if last_column and _column_number(last_column) > limits.columns:
        raise _too_many_columns(limits)
    if last_row and int(last_row) > limits.rows:
        raise _too_many_rows(limits)


def _scan_sheet(archive, name, limits):
    """The declared dimension, the width and length of the sheet and each inline cell's
    length, in one streaming pass that keeps no more than one row. Rows and cells without
    values count too (up to twice the rows, and the cells of a full sheet): openpyxl keeps
    an emptied element for each while it looks for a missing dimension."""
    rows = elements = cells_seen = 0
    sheet_data = None
    with _bounded(archive, name, limits.sheet_bytes) as stream:
        for event, element in _parse(stream, events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag == f"{NS}sheetData":
                    sheet_data = element
                continue
            if tag == f"{NS}dimension":
                _check_dimension(element, limits)
            elif tag == f"{NS}row":
                cells = list(element)
                elements += 1
                cells_seen += len(cells)
                if len(cells) > limits.cells_per_row:
                    raise _too_many_columns(limits)
                if elements > 2 * limits.rows or cells_seen > limits.rows * limits.columns:
                    raise _too_many_rows(limits)
                if _row_has_values(cells, limits):
                    rows += 1
                    number = element.get("r") or ""
                    if rows > limits.rows or (number.isdigit() and int(number) > limits.rows):
                        raise _too_many_rows(limits)
                if sheet_data is not None:
                    sheet_data.clear()


def _row_has_values(cells, limits):
    has_values = False
    for cell in cells:
        texts = [node.text or "" for node in cell.iter() if node.tag in (f"{NS}v", f"{NS}t")]
        if not any(texts):
            continue
        if sum(len(text) for text in texts) > limits.cell:
            raise _too_long_cell(limits)
        has_values = True
        match = CELL_REF.match(cell.get("r") or "")
        if match and _column_number(match.group(1)) > limits.columns:
            raise _too_many_columns(limits)
    return has_values
