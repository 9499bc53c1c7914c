"""The list of participants as a print-quality PDF: members in the list's order, each
delegation under its member's name, head of delegation first."""

from itertools import groupby

from django.utils.translation import gettext as _

from accreditation.selectors import answer_display
from meetings.templatetags.meeting_tags import meeting_dates

from .base import INK, MUTED, ROLE_COLOURS, SecretariatPDF


def participants_pdf(registrations, *, meeting, progress=None, questions=()):
    """PDF bytes of the list; `registrations` come in list order (see
    `secretariat.exports.participants_for_list`), with their answers prefetched when
    `questions` (of the meeting, chosen by the staff) are to be printed under each person.
    `progress(done)`, when given, is called after each delegation."""
    title = _("List of participants")
    pdf = SecretariatPDF(title=f"{title} — {meeting.title}",
                         footer_text=f"{meeting.title} · {title}")
    pdf.set_margins(18, 16, 18)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    _title_block(pdf, meeting, title)
    people = 0
    for member, delegation in groupby(registrations, key=lambda r: r.member):
        delegation = list(delegation)
        people += len(delegation)
        _member_heading(pdf, member, len(delegation))
        for registration in delegation:
            _person(pdf, registration, _answers(registration, questions))
        pdf.ln(3)
        if progress:
            progress(people)
    if not people:
        pdf.font(11)
        pdf.cell(0, 8, _("No confirmed participant yet."))
    return bytes(pdf.output())


def _title_block(pdf, meeting, title):
    pdf.set_text_color(11, 47, 85)
    pdf.font(16, "B")
    pdf.multi_cell(0, 8, meeting.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.font(10.5)
    place = meeting.place
    if meeting.start_date:
        place = f"{place}, {meeting_dates(meeting)}"
    pdf.multi_cell(0, 6, place, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.font(13, "B")
    pdf.cell(0, 8, title.upper(), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(11, 47, 85)
    pdf.set_line_width(0.5)
    pdf.line(pdf.l_margin, pdf.get_y() + 1, pdf.w - pdf.r_margin, pdf.get_y() + 1)
    pdf.set_text_color(*INK)
    pdf.ln(5)


def _member_heading(pdf, member, count):
    if pdf.will_page_break(22):
        pdf.add_page()
    pdf.set_fill_color(232, 239, 247)
    pdf.set_text_color(11, 47, 85)
    pdf.font(11.5, "B")
    pdf.cell(0, 7.5, f"  {member.name.upper()}", fill=True, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*INK)
    pdf.ln(1.5)


def _answers(registration, questions):
    """(question, answer as read) of the chosen questions the person answered."""
    if not questions:
        return []
    given = {answer.question_id: answer.value for answer in registration.answers.all()}
    return [(question.label, answer_display(question, given[question.pk]))
            for question in questions if given.get(question.pk)]


def _answer_lines(pdf, answers):
    """How many lines the answers take (a long one wraps)."""
    pdf.font(8.5)
    width = pdf.w - pdf.l_margin - pdf.r_margin - 40
    return sum(1 + int(pdf.get_string_width(text) // max(width, 1)) for _label, text in answers)


def _person(pdf, registration, answers=()):
    lines = 2 + bool(registration.organisation) + _answer_lines(pdf, answers)
    if pdf.will_page_break(lines * 4.6 + 2):
        pdf.add_page()
    x, top, page = pdf.l_margin, pdf.get_y(), pdf.page
    pdf.set_left_margin(x + 4)
    pdf.set_x(x + 4)
    name = " ".join(part for part in (registration.honorific, registration.full_name) if part)
    pdf.font(10.5, "B")
    pdf.cell(pdf.get_string_width(name) + 2, 5, name)
    latin = registration.name_latin.strip()
    if latin and latin != registration.full_name:
        pdf.font(9.5)
        pdf.set_text_color(*MUTED)
        pdf.cell(0, 5, f"({latin})")
        pdf.set_text_color(*INK)
    pdf.ln(5)
    pdf.font(9)
    role = registration.get_role_display()
    pdf.set_text_color(*MUTED)
    pdf.cell(pdf.get_string_width(role) + 1, 4.4, role)
    pdf.set_text_color(*INK)
    if registration.position:
        pdf.cell(0, 4.4, f"· {registration.position}")
    pdf.ln(4.4)
    if registration.organisation:
        pdf.multi_cell(0, 4.4, registration.organisation, new_x="LMARGIN", new_y="NEXT")
    pdf.font(8.5)
    pdf.set_text_color(*MUTED)
    pdf.cell(0, 4.4, registration.email, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*INK)
    for label, text in answers:
        pdf.font(8.5, "B")
        pdf.cell(pdf.get_string_width(f"{label}:") + 1.5, 4.4, f"{label}:")
        pdf.font(8.5)
        pdf.multi_cell(0, 4.4, " ".join(text.split()), new_x="LMARGIN", new_y="NEXT")
    pdf.set_left_margin(x)
    # The role's colour along the person's lines (on the page where they begin).
    bottom = pdf.get_y() if pdf.page == page else pdf.h - pdf.b_margin
    pdf.page, saved = page, pdf.page
    pdf.set_fill_color(*ROLE_COLOURS.get(registration.role, MUTED))
    pdf.rect(x, top + 1, 1.2, max(bottom - top - 1.5, 1), style="F")
    pdf.page = saved
    pdf.ln(1.8)
