"""Name badges: A4 sheets of eight (two columns, four rows, with cut lines) or one badge
per badge-sized page. Each carries the name as the person writes it, its Latin
transcription, the member, a band in the role colour and a QR code of the badge code; at a
meeting that takes photos, the person's photo in a 3:4 frame on the left (an empty frame
when there is none)."""

import io

import segno
from django.utils.translation import gettext as _

from delegates.models import RegistrationPhoto
from meetings.enums import PhotoRule
from meetings.templatetags.meeting_tags import meeting_dates

from .base import INK, MUTED, ROLE_COLOURS, SecretariatPDF, draw_qr

BADGE_W, BADGE_H = 95.0, 68.0
COLUMNS, ROWS = 2, 4
SHEET_X0, SHEET_Y0 = 10.0, 12.5
BAND_TOP, BAND_BOTTOM = 12.0, 9.0
QR_SIZE = 25.0
PAD = 4.0
# The photo's frame (3 wide for 4 high, as `delegates.photos` crops it), under the top band.
PHOTO_W, PHOTO_H = 18.0, 24.0


# Above this many badges the PDF is made by a background job (about 1 s per 80 badges).
INLINE_BADGES = 80


def badges_pdf(registrations, *, meeting, layout="sheet", progress=None):
    """Return the PDF bytes of the badges of `registrations`, in the order given.

    `layout` is "sheet" (A4, eight a page) or "single" (one badge-sized page each);
    `progress(done)`, when given, is called every 50 badges."""
    title = _("Badges — %(meeting)s") % {"meeting": meeting.title}
    if layout == "single":
        # fpdf2 swaps a given format's sides for "L": the badge's own width and height,
        # "P", make a page as wide as the badge.
        pdf = SecretariatPDF(title=title, format=(BADGE_W, BADGE_H), orientation="P")
    else:
        pdf = SecretariatPDF(title=title)
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    heading = _meeting_heading(meeting)
    with_photos = meeting.photos != PhotoRule.OFF
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
        draw_badge(pdf, registration, heading, x, y, cut_lines=layout != "single",
                   photo=photo_bytes(registration) if with_photos else None,
                   photo_frame=with_photos)
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


def photo_bytes(registration):
    """The JPEG of the person's photo, or None (a file the storage lost prints no photo)."""
    try:
        photo = registration.photo
    except RegistrationPhoto.DoesNotExist:
        return None
    try:
        with photo.file.open("rb") as stored:
            return stored.read()
    except OSError:
        return None


def draw_photo(pdf, photo, x, y):
    """The photo in its frame at (x, y), or the empty frame."""
    if photo:
        pdf.image(io.BytesIO(photo), x=x, y=y, w=PHOTO_W, h=PHOTO_H)
    pdf.set_draw_color(190, 190, 190)
    pdf.set_line_width(0.2)
    pdf.rect(x, y, PHOTO_W, PHOTO_H)


def draw_badge(pdf, registration, heading, x, y, *, cut_lines=True, photo=None,
               photo_frame=False):
    """One badge with its top left corner at (x, y); every text is sized (and, past the
    smallest size, cut with an ellipsis) to stay inside the badge. With `photo_frame`, the
    photo (JPEG bytes, or None for an empty frame) sits left of the name."""
    colour = ROLE_COLOURS.get(registration.role, MUTED)
    if cut_lines:
        pdf.set_draw_color(190, 190, 190)
        pdf.set_line_width(0.2)
        with pdf.local_context(dash_pattern={"dash": 1.5, "gap": 1.5}):
            pdf.rect(x, y, BADGE_W, BADGE_H)
    inner_w = BADGE_W - 2 * PAD
    # Top band: the meeting on one line, or two in small type, then place and date.
    pdf.set_fill_color(*colour)
    pdf.rect(x, y, BADGE_W, BAND_TOP, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.font(6, "B")
    if len(_wrap(pdf, heading[0], inner_w)) == 1:
        lines = fit_lines(pdf, heading[0], inner_w, sizes=(7.5, 7, 6.5, 6), style="B")[1]
        draw_lines(pdf, lines, x + PAD, y + 1.6, inner_w, 4.2, align="C")
    else:
        lines = fit_lines(pdf, heading[0], inner_w, sizes=(5.5,), style="B", max_lines=2)[1]
        draw_lines(pdf, lines, x + PAD, y + 0.9, inner_w, 2.6, align="C")
    draw_lines(pdf, fit_lines(pdf, heading[1], inner_w, sizes=(6.5, 6, 5.5))[1],
               x + PAD, y + 6.6, inner_w, 4, align="C")
    # Name as written, shrunk to fit two lines, then its Latin transcription; right of the
    # photo when there is a frame for one.
    text_w = BADGE_W - 3 * PAD - QR_SIZE
    name_x, name_w = x + PAD, text_w
    if photo_frame:
        draw_photo(pdf, photo, x + PAD, y + BAND_TOP + 2)
        name_x, name_w = x + 2 * PAD + PHOTO_W - 1, text_w - PHOTO_W - PAD + 1
    pdf.set_text_color(*INK)
    name = registration.full_name
    sizes = (13, 11, 9.5, 8, 7) if photo_frame else (17, 15, 13, 11, 9.5, 8)
    size, lines = fit_lines(pdf, name, name_w, sizes=sizes, style="B", max_lines=2)
    line_y = draw_lines(pdf, lines, name_x, y + BAND_TOP + 3, name_w, size * 0.45)
    latin = registration.name_latin.strip()
    if latin and latin != name:
        pdf.set_text_color(*MUTED)
        draw_lines(pdf, fit_lines(pdf, latin, name_w, sizes=(8.5, 7.5, 6.5), max_lines=2)[1],
                   name_x, line_y, name_w, 4)
    # Member, position.
    pdf.set_text_color(*INK)
    member_lines = fit_lines(pdf, registration.member.name, text_w,
                             sizes=(10, 9, 8, 7.5), style="B")[1]
    draw_lines(pdf, member_lines, x + PAD, y + BADGE_H - BAND_BOTTOM - 15, text_w, 5)
    if registration.position:
        pdf.set_text_color(*MUTED)
        draw_lines(pdf, fit_lines(pdf, registration.position, text_w, sizes=(7, 6.5),
                                  max_lines=2)[1],
                   x + PAD, y + BADGE_H - BAND_BOTTOM - 9.5, text_w, 3.2)
    # QR code of the badge code, and the code in small type under it.
    qr_x = x + BADGE_W - PAD - QR_SIZE
    qr_y = y + BAND_TOP + 3
    draw_qr(pdf, segno.make(registration.badge_code, error="m", micro=False, mask=2),
            qr_x, qr_y, QR_SIZE)
    pdf.font(5.5)
    pdf.set_text_color(*MUTED)
    pdf.set_xy(qr_x - 2, qr_y + QR_SIZE + 0.5)
    pdf.cell(QR_SIZE + 4, 3, registration.badge_code, align="C")
    # Bottom band: the role, centred on the badge.
    pdf.set_fill_color(*colour)
    pdf.rect(x, y + BADGE_H - BAND_BOTTOM, BADGE_W, BAND_BOTTOM, style="F")
    pdf.set_text_color(255, 255, 255)
    role = registration.get_role_display().upper()
    draw_lines(pdf, fit_lines(pdf, role, inner_w, sizes=(10, 9, 8, 7), style="B")[1],
               x + PAD, y + BADGE_H - BAND_BOTTOM + 1.5, inner_w, 6, align="C")
    pdf.set_text_color(*INK)


def fit_lines(pdf, text, width, *, sizes, style="", max_lines=1):
    """(size, lines): the largest of `sizes` at which `text` wraps into at most `max_lines`
    lines of `width` mm, the font left at that size. At the smallest size a longer text is
    cut and ends with an ellipsis, so that nothing is drawn beyond `width`."""
    for size in sizes:
        pdf.font(size, style)
        if _fits_one_line(pdf, text, width):  # most names and roles: no line breaking
            return size, [text]
        lines = _wrap(pdf, text, width)
        if len(lines) <= max_lines:
            return size, lines
    kept = " ".join(lines[:max_lines]).rstrip()
    while kept:
        kept = kept[:-1].rstrip()
        lines = _wrap(pdf, kept + "…", width)
        if len(lines) <= max_lines:
            return size, lines
    return size, []


def _fits_one_line(pdf, text, width):
    """Whether `text` fits one line of `width` mm as `multi_cell` lays it out (its cell
    margins on both sides), measured once rather than broken into lines."""
    return bool(text) and "\n" not in text and (
        pdf.get_string_width(text) <= width - 2 * pdf.c_margin)


def _wrap(pdf, text, width):
    return [line for line in pdf.multi_cell(width, 1, text, dry_run=True, output="LINES")
            if line.strip()] or [""]


def draw_lines(pdf, lines, x, y, width, line_height, *, align="L"):
    """Draw `lines` (from `fit_lines`) one under the other; returns the y under the last."""
    for line in lines:
        pdf.set_xy(x, y)
        pdf.cell(width, line_height, line, align=align)
        y += line_height
    return y
