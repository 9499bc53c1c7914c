"""The host's logistics lists (arrivals, departures, transfers, rooming list, dietary and
accessibility needs) as PDF tables, A4 landscape, in the fonts and colours of the list of
participants. The rows come ready as text from `logistics.tables`."""

from django.utils.translation import gettext as _
from fpdf.fonts import FontFace

from .base import INK, MUTED, SecretariatPDF
from .participants import _title_block

NAVY = (11, 47, 85)
HEADER_FILL = (232, 239, 247)
STRIPE_FILL = (246, 248, 251)
LINE_HEIGHT = 5


def logistics_pdf(table, *, meeting):
    """PDF bytes of one `logistics.tables.Table`."""
    pdf = SecretariatPDF(title=f"{table.title} — {meeting.title}", orientation="L",
                         footer_text=f"{meeting.title} · {table.title}")
    pdf.set_margins(14, 14, 14)
    pdf.set_auto_page_break(True, margin=16)
    pdf.add_page()
    _title_block(pdf, meeting, table.title)
    for section in table.sections:
        _section(pdf, section)
    if not table.row_count:
        pdf.font(11)
        pdf.cell(0, 8, _("Nothing to list yet."))
    return bytes(pdf.output())


def _widths(pdf, columns, rows):
    """Column widths in proportion to their longest text, within the page's width."""
    usable = pdf.w - pdf.l_margin - pdf.r_margin
    pdf.font(8.5)
    wanted = []
    for index, heading in enumerate(columns):
        longest = max([pdf.get_string_width(heading) + 4]
                      + [min(pdf.get_string_width(row[index]) + 4, 90) for row in rows])
        wanted.append(max(longest, 14))
    scale = usable / sum(wanted)
    return [width * scale for width in wanted]


def _section(pdf, section):
    if pdf.will_page_break(24):
        pdf.add_page()
    pdf.set_text_color(*NAVY)
    pdf.font(11.5, "B")
    pdf.cell(0, 7.5, section.heading, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*INK)
    if not section.rows:
        pdf.font(9)
        pdf.set_text_color(*MUTED)
        pdf.cell(0, 6, _("Nobody."), new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(*INK)
        pdf.ln(3)
        return
    widths = _widths(pdf, section.columns, section.rows)
    pdf.font(8.5, "B")
    with pdf.table(col_widths=widths, width=pdf.epw, line_height=LINE_HEIGHT,
                   text_align="LEFT", first_row_as_headings=True, repeat_headings=1,
                   headings_style=FontFace(emphasis="BOLD", color=NAVY,
                                           fill_color=HEADER_FILL),
                   borders_layout="HORIZONTAL_LINES", cell_fill_color=STRIPE_FILL,
                   cell_fill_mode="ROWS", padding=1) as grid:
        header = grid.row()
        for heading in section.columns:
            header.cell(heading)
        pdf.font(8.5)
        for row in section.rows:
            cells = grid.row()
            for value in row:
                cells.cell(value)
    pdf.ln(4)
