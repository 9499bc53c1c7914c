"""Visa invitation letters: one letter per person who asked, on the host's letterhead text,
with the passport details the embassy needs and space for the secretariat's signature; each
in the language of its person (`Registration.language`), the other print-outs in the
language of the page that asked for them."""

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .base import INK, MUTED, SecretariatPDF


def visa_letter_pdf(registration):
    """PDF bytes of the letter for one registration."""
    return visa_letters_pdf([registration], meeting=registration.meeting)


def visa_letters_pdf(registrations, *, meeting, progress=None):
    """PDF bytes with one letter (one page) per registration, in the order given;
    `progress(done)`, when given, is called after each letter."""
    pdf = SecretariatPDF(title=_("Visa invitation letters — %(meeting)s")
                         % {"meeting": meeting.title})
    pdf.set_margins(22, 18, 22)
    pdf.set_auto_page_break(True, margin=18)
    for done, registration in enumerate(registrations, start=1):
        # Each letter in the language of its person (the one their mail is in).
        with translation.override(registration.language or translation.get_language()):
            pdf.add_page()
            _letterhead(pdf, meeting)
            _letter(pdf, registration, meeting, date_format(timezone.localdate(), "DATE_FORMAT"))
        if progress:
            progress(done)
    return bytes(pdf.output())


def _letterhead(pdf, meeting):
    lines = meeting.host_organisation_list or (
        [meeting.host_member.name] if meeting.host_member else [_("The host administration")]
    )
    pdf.set_text_color(11, 47, 85)
    pdf.font(14, "B")
    pdf.multi_cell(0, 7, lines[0], align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.font(10)
    for line in lines[1:]:
        pdf.multi_cell(0, 5, line, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.font(9)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(0, 5, _("Secretariat of the %(meeting)s") % {"meeting": meeting.title},
                   align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(11, 47, 85)
    pdf.set_line_width(0.6)
    pdf.line(pdf.l_margin, pdf.get_y() + 2, pdf.w - pdf.r_margin, pdf.get_y() + 2)
    pdf.set_text_color(*INK)
    pdf.ln(8)


def _dates(meeting):
    if meeting.start_date and meeting.end_date and meeting.end_date != meeting.start_date:
        return _("from %(start)s to %(end)s") % {
            "start": date_format(meeting.start_date, "DATE_FORMAT"),
            "end": date_format(meeting.end_date, "DATE_FORMAT"),
        }
    if meeting.start_date:
        return _("on %(date)s") % {"date": date_format(meeting.start_date, "DATE_FORMAT")}
    return _("in %(year)s") % {"year": meeting.year}


def _letter(pdf, registration, meeting, today):
    pdf.font(10)
    reference = f"{meeting.slug.upper()}/VISA/{registration.pk:05d}"
    pdf.cell(0, 5, _("Ref.: %(reference)s") % {"reference": reference})
    pdf.set_x(pdf.l_margin)
    pdf.cell(0, 5, today, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.font(13, "B")
    pdf.cell(0, 7, _("Letter of invitation"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.font(10.5)
    pdf.multi_cell(0, 5.5, _("To the Embassy or Consulate concerned,"),
                   new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    name = _display_name(registration)
    host = meeting.host_organisation_list[0] if meeting.host_organisation_list else (
        meeting.host_member.name if meeting.host_member else _("the host administration"))
    body = _(
        "%(host)s has the honour to invite %(name)s, %(position)s, %(organisation)s, "
        "member of the delegation of %(member)s, to attend the %(meeting)s, to be held "
        "in %(place)s %(dates)s."
    ) % {
        "host": host, "name": name,
        "position": registration.position or _("delegate"),
        "organisation": registration.organisation or registration.member.name,
        "member": registration.member.name, "meeting": meeting.title,
        "place": meeting.place or _("the host country"), "dates": _dates(meeting),
    }
    pdf.multi_cell(0, 5.5, body, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.multi_cell(0, 5.5, _(
        "We would be grateful if you could grant the necessary visa. The costs of travel "
        "and accommodation are borne by the delegate's administration. The passport "
        "details given to the secretariat are:"
    ), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    _passport_table(pdf, registration)
    pdf.ln(5)
    pdf.multi_cell(0, 5.5, _("Please accept the assurances of our highest consideration."),
                   new_x="LMARGIN", new_y="NEXT")
    _signature_space(pdf)


def _display_name(registration):
    name = registration.full_name
    latin = registration.name_latin.strip()
    if latin and latin != name:
        name = f"{latin} ({name})"
    return f"{registration.honorific} {name}".strip()


def _passport_table(pdf, registration):
    def day(value):
        return date_format(value, "DATE_FORMAT") if value else "—"

    rows = [
        (_("Full name"), _display_name(registration)),
        (_("Date of birth"), day(registration.date_of_birth)),
        (_("Nationality"), registration.passport_nationality or "—"),
        (_("Passport number"), registration.passport_number or "—"),
        (_("Passport issued on"), day(registration.passport_issued_on)),
        (_("Passport expires on"), day(registration.passport_expires_on)),
        (_("Arrival"), day(registration.arrival_date)),
        (_("Departure"), day(registration.departure_date)),
    ]
    pdf.font(10)
    pdf.set_draw_color(180, 180, 180)
    pdf.set_line_width(0.2)
    with pdf.table(col_widths=(35, 65), first_row_as_headings=False,
                   line_height=6.5, padding=1.2) as table:
        for label, value in rows:
            row = table.row()
            row.cell(label)
            row.cell(value)


def _signature_space(pdf):
    pdf.ln(18)
    x = pdf.w - pdf.r_margin - 75
    pdf.set_draw_color(*INK)
    pdf.set_line_width(0.3)
    pdf.line(x, pdf.get_y(), x + 75, pdf.get_y())
    pdf.set_x(x)
    pdf.font(9.5)
    pdf.cell(75, 6, _("For the Secretariat (signature and seal)"), align="C")
