"""Hostile spreadsheets for the import tests: each is small to upload and huge to open.
Written part by part into the zip, so building them never holds the unpacked size."""

import io
import zipfile

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
PACKAGE = "http://schemas.openxmlformats.org/package/2006"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
CONTENT_TYPES = (
    f'<Types xmlns="{PACKAGE}/content-types">'
    f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    f'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{TYPE}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{TYPE}.worksheet+xml"/>'
    f'<Override PartName="/xl/sharedStrings.xml" ContentType="{TYPE}.sharedStrings+xml"/>'
    f'</Types>'
)
PACKAGE_RELS = (
    f'<Relationships xmlns="{PACKAGE}/relationships"><Relationship Id="rId1" '
    f'Type="{RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    f'<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}"><sheets>'
    f'<sheet name="Delegation" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    f'<Relationships xmlns="{PACKAGE}/relationships">'
    f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/worksheet" '
    f'Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{RELATIONSHIPS}/sharedStrings" '
    f'Target="sharedStrings.xml"/></Relationships>'
)
SHEET_START = f'<worksheet xmlns="{MAIN}">'
SHEET_END = "</sheetData></worksheet>"
NO_STRINGS = [f'<sst xmlns="{MAIN}"/>']
HEADING = '<row r="1"><c r="A1" t="inlineStr"><is><t>Email</t></is></c></row>'


def xlsx(sheet_chunks, strings_chunks=NO_STRINGS):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        parts = (("xl/worksheets/sheet1.xml", sheet_chunks),
                 ("xl/sharedStrings.xml", strings_chunks))
        for name, chunks in parts:
            with archive.open(name, "w", force_zip64=True) as part:
                for chunk in chunks:
                    part.write(chunk.encode())
    return buffer.getvalue()


def huge_shared_string(size):
    """One shared string of `size` characters, used by the cell under the heading."""
    def strings():
        yield f'<sst xmlns="{MAIN}" count="1" uniqueCount="1"><si><t>'
        block = "a" * (1024 * 1024)
        for _ in range(size // len(block)):
            yield block
        yield "</t></si></sst>"

    sheet = [SHEET_START, "<sheetData>", HEADING,
             '<row r="2"><c r="A2" t="s"><v>0</v></c></row>', SHEET_END]
    return xlsx(sheet, strings())


def huge_dimension():
    """A sheet declaring A1:XFD8000 (131 million cells) with one cell at its far corner."""
    sheet = [SHEET_START, '<dimension ref="A1:XFD8000"/><sheetData>', HEADING,
             '<row r="8000"><c r="XFD8000" t="inlineStr"><is><t>x</t></is></c></row>',
             SHEET_END]
    return xlsx(sheet)


def many_rows(count):
    def sheet():
        yield SHEET_START + "<sheetData>" + HEADING
        for n in range(2, count + 2):
            yield (f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>p{n}@example.org</t>'
                   f"</is></c></row>")
        yield SHEET_END

    return xlsx(sheet())
