"""Certificates of attendance: one A4 landscape page per person checked in, in the layout of
the badges (the same fonts, the band in the person's role colour above with the meeting and
below with the role), the name as the person writes it and its Latin transcription."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from meetings.templatetags.meeting_tags import meeting_dates

from .badges import draw_lines, fit_lines
from .base import INK, MUTED, ROLE_COLOURS, SecretariatPDF

PAGE_W, PAGE_H = 297.0, 210.0
BAND_TOP, BAND_BOTTOM = 30.0, 16.0
MARGIN = 25.0

# Above this many certificates the PDF is made by a background job.
INLINE_CERTIFICATES = 20


def certificates_pdf(registrations, *, meeting, progress=None):
    """PDF bytes with one certificate a page for `registrations`, in the order given; only
    people checked in may have one (`delegates.certificates.check_certificate`, asked by
    every page before this). `progress(done)`, when given, is called every 20 pages."""
    pdf = SecretariatPDF(title=_("Certificates of attendance — %(meeting)s")
                         % {"meeting": meeting.title}, orientation="L")
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    for index, registration in enumerate(registrations):
        pdf.add_page()
        draw_certificate(pdf, registration, meeting)
        if progress and index % 20 == 19:
            progress(index + 1)
    if not registrations:
        pdf.add_page()
        pdf.font(12)
        pdf.set_xy(20, 20)
        pdf.cell(text=_("Nobody has been checked in yet."))
    return bytes(pdf.output())


def _place_and_dates(meeting):
    parts = [meeting.place]
    if meeting.start_date:
        parts.append(meeting_dates(meeting))
    return ", ".join(part for part in parts if part)


def draw_certificate(pdf, registration, meeting):
    colour = ROLE_COLOURS.get(registration.role, MUTED)
    width = PAGE_W - 2 * MARGIN
    # Top band: the meeting, and its place and dates, as on the badge.
    pdf.set_fill_color(*colour)
    pdf.rect(0, 0, PAGE_W, BAND_TOP, style="F")
    pdf.set_text_color(255, 255, 255)
    draw_lines(pdf, fit_lines(pdf, meeting.title, width, sizes=(16, 14, 12), style="B",
                              max_lines=1)[1], MARGIN, 7, width, 8, align="C")
    draw_lines(pdf, fit_lines(pdf, _place_and_dates(meeting), width, sizes=(11, 10))[1],
               MARGIN, 17, width, 6, align="C")
    # The certificate.
    pdf.set_text_color(*INK)
    draw_lines(pdf, fit_lines(pdf, _("Certificate of attendance").upper(), width,
                              sizes=(24, 20), style="B")[1], MARGIN, 46, width, 12, align="C")
    pdf.set_text_color(*MUTED)
    draw_lines(pdf, fit_lines(pdf, _("This is to certify that"), width, sizes=(12,))[1],
               MARGIN, 66, width, 7, align="C")
    pdf.set_text_color(*INK)
    name = " ".join(part for part in (registration.honorific, registration.full_name) if part)
    size, lines = fit_lines(pdf, name, width, sizes=(28, 24, 20, 16), style="B", max_lines=2)
    y = draw_lines(pdf, lines, MARGIN, 77, width, size * 0.5, align="C")
    latin = registration.name_latin.strip()
    if latin and latin != registration.full_name:
        pdf.set_text_color(*MUTED)
        y = draw_lines(pdf, fit_lines(pdf, latin, width, sizes=(13, 11))[1], MARGIN, y,
                       width, 7, align="C")
    pdf.set_text_color(*INK)
    lines = [registration.position, _("of the delegation of %(member)s")
             % {"member": registration.member.name}]
    y += 3
    for line in filter(None, lines):
        y = draw_lines(pdf, fit_lines(pdf, line, width, sizes=(13, 12, 11), max_lines=2)[1],
                       MARGIN, y, width, 7, align="C")
    y += 6
    attended = _("attended the %(meeting)s") % {"meeting": meeting.title}
    y = draw_lines(pdf, fit_lines(pdf, attended, width, sizes=(14, 13, 12, 11), style="B",
                                  max_lines=2)[1], MARGIN, y, width, 8, align="C")
    held = _("held in %(place)s.") % {"place": _place_and_dates(meeting)}
    draw_lines(pdf, fit_lines(pdf, held, width, sizes=(13, 12, 11), max_lines=2)[1],
               MARGIN, y, width, 7, align="C")
    # Checked in on, and where the secretariat signs.
    pdf.set_text_color(*MUTED)
    checked_in = date_format(timezone.localtime(registration.attended_at), "j F Y")
    pdf.font(10)
    pdf.set_xy(MARGIN, PAGE_H - BAND_BOTTOM - 22)
    pdf.cell(width / 2, 6, _("Checked in on %(date)s") % {"date": checked_in})
    pdf.set_draw_color(*MUTED)
    pdf.set_line_width(0.3)
    sign_x = PAGE_W - MARGIN - 80
    pdf.line(sign_x, PAGE_H - BAND_BOTTOM - 18, PAGE_W - MARGIN, PAGE_H - BAND_BOTTOM - 18)
    pdf.set_xy(sign_x, PAGE_H - BAND_BOTTOM - 16)
    pdf.cell(80, 6, _("For the secretariat of the meeting"), align="C")
    # Bottom band: the role, as on the badge.
    pdf.set_fill_color(*colour)
    pdf.rect(0, PAGE_H - BAND_BOTTOM, PAGE_W, BAND_BOTTOM, style="F")
    pdf.set_text_color(255, 255, 255)
    draw_lines(pdf, fit_lines(pdf, registration.get_role_display().upper(), width,
                              sizes=(14, 12), style="B")[1],
               MARGIN, PAGE_H - BAND_BOTTOM + 4, width, 8, align="C")
    pdf.set_text_color(*INK)
