"""Hostile input for forms and uploads: what a careless or malicious visitor may send."""

import unicodedata

from hypothesis import strategies as st

# Text a browser can send (no lone surrogates: those cannot be encoded as UTF-8 at all).
any_text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=300)

PAYLOADS = [
    "",
    " ",
    "\x00",
    "Anna\x00Schmidt",
    "\x00" * 50,
    unicodedata.normalize("NFD", "Nguyễn Thị Minh Khai"),
    "e\u0301\u0301\u0301\u0301",  # stacked combining accents
    "\u202eevil\u202c",  # right-to-left override
    "محمد بن سلمان",
    "שלום עולם",
    "\u200f\u200e\u200b\ufeff",
    "😀👨‍👩‍👧‍👦",
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "' OR '1'='1",
    "'; DROP TABLE delegates_registration; --",
    "Robert'); DELETE FROM auth_user; --",
    "%s%s%s%n",
    "../../../../etc/passwd",
    "=cmd|' /C calc'!A0",
    "\r\nSet-Cookie: x=y",
    "a" * 10_000,
    "ä" * 10_000,
    "字" * 10_000,
]

payload = st.sampled_from(PAYLOADS)
long_text = st.builds(lambda char, n: char * n,
                      st.characters(exclude_categories=("Cs",)),
                      st.integers(min_value=1, max_value=10_000))
hostile_text = st.one_of(payload, any_text, long_text)

BAD_EMAILS = [
    "not-an-email", "@example.org", "a@", "a@@example.org", "a b@example.org",
    "a@example..org", "\x00@example.org", "<script>@example.org", "a@exa mple.org",
    "x" * 300 + "@example.org", "a@" + "b" * 300 + ".org",
]
hostile_email = st.one_of(st.emails().map(str), st.sampled_from(BAD_EMAILS), hostile_text)

BAD_DATES = ["2019-02-30", "2019-13-01", "0000-00-00", "31/12/2019", "yesterday",
             "9999-99-99", "-1", "2019-1-1T25:00", "1e9"]
hostile_date = st.one_of(st.dates().map(lambda d: d.isoformat()), st.sampled_from(BAD_DATES),
                         hostile_text)
hostile_choice = st.one_of(st.sampled_from(["", "0", "-1", "999999", "head", "secretariat",
                                            "host"]), hostile_text)
hostile_flag = st.sampled_from(["", "on", "off", "true", "false", "1", "0", "\x00"])

# --- spreadsheets ----------------------------------------------------------------------------

HEADINGS = ["Email", "Given name", "Family name", "Role", "Arrival date", "Departure date",
            "Needs visa letter", "Passport number", "Date of birth", "Publish name",
            "Phone", "Dietary needs", "Unknown column", "", "EMAIL ", "e_mail"]
hostile_cell = st.one_of(hostile_text, hostile_email, hostile_date, hostile_choice,
                         st.integers().map(str), st.floats().map(str))
sheet_rows = st.lists(st.lists(hostile_cell, max_size=8), max_size=6)
headings = st.lists(st.sampled_from(HEADINGS), min_size=0, max_size=8)


def csv_bytes(heads, rows, *, encoding="utf-8", newline="\r\n"):
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=newline)
    writer.writerow(heads)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding, errors="replace")


def xlsx_bytes(heads, rows):
    import io

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in [heads, *rows]:
        # openpyxl refuses control characters in cells; a real file cannot hold them either.
        sheet.append([cell.translate(dict.fromkeys(range(32)))[:32_000] for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


MALFORMED_FILES = [
    ("empty.csv", b""),
    ("bom-only.csv", b"\xef\xbb\xbf"),
    ("latin1.csv", "Email,Given name\nm\xfcller@example.org,J\xfcrgen\n".encode("latin-1")),
    ("nul.csv", b"Email,Given name\x00\na@example.org,\x00\x00\n"),
    ("huge-field.csv", b"Email,Given name\na@example.org," + b"x" * 200_000 + b"\n"),
    ("unclosed-quote.csv", b'Email,Given name\n"a@example.org,"Ann\n'),
    ("only-newlines.csv", b"\n\n\n\r\n\r\r"),
    ("binary.csv", bytes(range(256)) * 8),
    ("not-a-zip.xlsx", b"PK\x03\x04 this is not a workbook"),
    ("random.xlsx", bytes(range(256)) * 8),
    ("empty.xlsx", b""),
    ("text.xlsx", b"Email,Given name\na@example.org,Ann\n"),
    ("image.png", b"\x89PNG\r\n\x1a\n"),
    ("no-extension", b"Email\na@example.org\n"),
    ("../../etc/passwd.csv", b"Email\na@example.org\n"),
    ("formula.csv", b"Email,Given name\n=1+1@example.org,=cmd|' /C calc'!A0\n"),
]


plausible_row = st.tuples(st.emails().map(str), hostile_text, hostile_text, hostile_text).map(list)


@st.composite
def spreadsheets(draw):
    """(file name, bytes) of a well-formed CSV or XLSX with hostile cells, or a malformed
    file."""
    kind = draw(st.sampled_from(["csv", "xlsx", "plausible", "malformed"]))
    if kind == "malformed":
        return draw(st.sampled_from(MALFORMED_FILES))
    if kind == "plausible":
        heads = ["Email", "Given name", "Family name", "Dietary needs"]
        rows = draw(st.lists(plausible_row, min_size=1, max_size=4))
        return "delegation.csv", csv_bytes(heads, rows)
    heads, rows = draw(headings), draw(sheet_rows)
    if kind == "csv":
        return "delegation.csv", csv_bytes(heads, rows)
    return "delegation.xlsx", xlsx_bytes(heads, rows)

# --- attachments -----------------------------------------------------------------------------

HOSTILE_FILE_NAMES = [
    "report.pdf", "../../../etc/passwd.pdf", "..\\..\\boot.ini.pdf", "a\x00b.pdf",
    "evil\u202efdp.exe", "résumé-naïve.pdf", "报告.pdf", "a" * 300 + ".pdf", ".pdf", "pdf",
    "report.PDF", "report.pdf.exe", "<script>.pdf", "con.txt", " .txt", "notes.txt",
    "table.csv", "image.png", "photo.jpg", "deck.pptx",
]
FILE_CONTENTS = [
    b"%PDF-1.7\n%%EOF\n", b"\x89PNG\r\n\x1a\n0000", b"\xff\xd8\xff\xe0JFIF", b"PK\x03\x04zip",
    b"plain text\n", b"", b"\x00\x01\x02", b"MZ\x90\x00 executable", b"<html><script>",
]
attachment = st.tuples(st.sampled_from(HOSTILE_FILE_NAMES), st.sampled_from(FILE_CONTENTS))
