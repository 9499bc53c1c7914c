"""Name badges: A4 sheets of eight (two columns, four rows, with cut lines) or one badge
per badge-sized page. Each carries the name as the person writes it, its Latin
transcription, the member, a band in the role colour and a QR code of the badge code."""

import segno
from django.utils.translation import gettext as _

from meetings.templatetags.meeting_tags import meeting_dates

from .base import INK, MUTED, ROLE_COLOURS, SecretariatPDF, draw_qr

BADGE_W, BADGE_H = 95.0, 68.0
COLUMNS, ROWS = 2, 4
SHEET_X0, SHEET_Y0 = 10.0, 12.5
BAND_TOP, BAND_BOTTOM = 12.0, 9.0
QR_SIZE = 25.0
PAD = 4.0


# Above this many badges the PDF is made by a background job (about 1 s per 80 badges).
INLINE_BADGES = 80


def badges_pdf(registrations, *, meeting, layout="sheet", progress=None):
    """Return the PDF bytes of the badges of `registrations`, in the order given.

    `layout` is "sheet" (A4, eight a page) or "single" (one badge-sized page each);
    `progress(done)`, when given, is called every 50 badges."""
    title = _("Badges — %(meeting)s") % {"meeting": meeting.title}
    if layout == "single":
        pdf = SecretariatPDF(title=title, format=(BADGE_W, BADGE_H), orientation="L")
    else:
        pdf = SecretariatPDF(title=title)
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    heading = _meeting_heading(meeting)
    for index, registration in enumerate(registrations):
        if layout == "single":
            pdf.add_page()
            x, y = 0.0, 0.0
        else:
            slot = index % (COLUMNS * ROWS)
            if slot == 0:
                pdf.add_page()
            x = SHEET_X0 + (slot % COLUMNS) * BADGE_W
            y = SHEET_Y0 + (slot // COLUMNS) * BADGE_H
        draw_badge(pdf, registration, heading, x, y, cut_lines=layout != "single")
        if progress and index % 50 == 49:
            progress(index + 1)
    if not registrations:
        pdf.add_page()
        pdf.font(12)
        pdf.set_xy(20, 20)
        pdf.cell(text=_("No registration to print."))
    return bytes(pdf.output())


def _meeting_heading(meeting):
    parts = [meeting.place]
    if meeting.start_date:
        parts.append(meeting_dates(meeting))
    return meeting.title, ", ".join(part for part in parts if part)


def draw_badge(pdf, registration, heading, x, y, *, cut_lines=True):
    colour = ROLE_COLOURS.get(registration.role, MUTED)
    if cut_lines:
        pdf.set_draw_color(190, 190, 190)
        pdf.set_line_width(0.2)
        with pdf.local_context(dash_pattern={"dash": 1.5, "gap": 1.5}):
            pdf.rect(x, y, BADGE_W, BADGE_H)
    # Top band: the meeting.
    pdf.set_fill_color(*colour)
    pdf.rect(x, y, BADGE_W, BAND_TOP, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.font(7.5, "B")
    pdf.set_xy(x + PAD, y + 1.6)
    pdf.cell(BADGE_W - 2 * PAD, 4.2, heading[0], align="C")
    pdf.font(6.5)
    pdf.set_xy(x + PAD, y + 6.2)
    pdf.cell(BADGE_W - 2 * PAD, 4, heading[1], align="C")
    # Name as written, shrunk to fit two lines, then its Latin transcription.
    text_w = BADGE_W - 3 * PAD - QR_SIZE
    pdf.set_text_color(*INK)
    name = registration.full_name
    size = _fitting_size(pdf, name, text_w)
    pdf.set_xy(x + PAD, y + BAND_TOP + 3)
    pdf.multi_cell(text_w, size * 0.45, name, align="L", new_x="LEFT", new_y="NEXT")
    latin = registration.name_latin.strip()
    if latin and latin != name:
        pdf.font(8.5)
        pdf.set_text_color(*MUTED)
        pdf.set_x(x + PAD)
        pdf.multi_cell(text_w, 4, latin, align="L", new_x="LEFT", new_y="NEXT",
                       max_line_height=4)
    # Member, position.
    pdf.set_text_color(*INK)
    pdf.font(10, "B")
    pdf.set_xy(x + PAD, y + BADGE_H - BAND_BOTTOM - 15)
    pdf.cell(text_w, 5, registration.member.name)
    if registration.position:
        pdf.font(7)
        pdf.set_text_color(*MUTED)
        pdf.set_xy(x + PAD, y + BADGE_H - BAND_BOTTOM - 9.5)
        pdf.multi_cell(text_w, 3.2, registration.position, max_line_height=3.2)
    # QR code of the badge code, and the code in small type under it.
    qr_x = x + BADGE_W - PAD - QR_SIZE
    qr_y = y + BAND_TOP + 3
    draw_qr(pdf, segno.make(registration.badge_code, error="m", micro=False, mask=2),
            qr_x, qr_y, QR_SIZE)
    pdf.font(5.5)
    pdf.set_text_color(*MUTED)
    pdf.set_xy(qr_x - 2, qr_y + QR_SIZE + 0.5)
    pdf.cell(QR_SIZE + 4, 3, registration.badge_code, align="C")
    # Bottom band: the role.
    pdf.set_fill_color(*colour)
    pdf.rect(x, y + BADGE_H - BAND_BOTTOM, BADGE_W, BAND_BOTTOM, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.font(10, "B")
    pdf.set_xy(x, y + BADGE_H - BAND_BOTTOM + 1.5)
    pdf.cell(BADGE_W, 6, registration.get_role_display().upper(), align="C")
    pdf.set_text_color(*INK)


def _fitting_size(pdf, text, width):
    """The largest type size (of a few) at which `text` fits on at most two lines."""
    for size in (17, 15, 13, 11, 9.5):
        pdf.font(size, "B")
        if pdf.get_string_width(text) <= width:
            return size
        lines = pdf.multi_cell(width, size * 0.45, text, dry_run=True, output="LINES")
        if len(lines) <= 2:
            return size
    return 8
