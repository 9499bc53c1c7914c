"""The provisional agenda of a meeting and an action plan, drawn from the data as documents
of the meeting (registered with `documents.generators` in `SecretariatConfig.ready`)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.templatetags.meeting_tags import meeting_dates

from .base import INK, MUTED, SecretariatPDF

NAVY = (11, 47, 85)


def _heading(pdf, meeting, title):
    pdf.set_text_color(*NAVY)
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
    pdf.set_draw_color(*NAVY)
    pdf.set_line_width(0.5)
    pdf.line(pdf.l_margin, pdf.get_y() + 1, pdf.w - pdf.r_margin, pdf.get_y() + 1)
    pdf.set_text_color(*INK)
    pdf.ln(5)


def _pdf(meeting, title):
    pdf = SecretariatPDF(title=f"{title} — {meeting.title}",
                         footer_text=f"{meeting.title} · {title}")
    pdf.set_margins(18, 16, 18)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    _heading(pdf, meeting, title)
    return pdf


def agenda_pdf(meeting, items):
    """The agenda items in order, with their kind, time, description and speakers."""
    pdf = _pdf(meeting, _("Provisional agenda"))
    zone = meeting.time_zone
    for item in items:
        pdf.font(11, "B")
        pdf.multi_cell(0, 6, f"{item.position}. {item.title}", new_x="LMARGIN", new_y="NEXT")
        pdf.font(9)
        pdf.set_text_color(*MUTED)
        line = item.get_kind_display()
        if item.starts_at:
            with timezone.override(zone):
                line += " · " + timezone.localtime(item.starts_at).strftime("%d %b %Y, %H:%M")
        pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(*INK)
        if item.description:
            pdf.font(10)
            pdf.multi_cell(0, 5, item.description, new_x="LMARGIN", new_y="NEXT")
        speakers = "; ".join(s.name for s in item.speakers.all())
        if speakers:
            pdf.font(9.5)
            pdf.multi_cell(0, 5, _("Speakers: %(names)s") % {"names": speakers},
                           new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    if not items:
        pdf.font(11)
        pdf.cell(0, 8, _("No agenda item yet."))
    return bytes(pdf.output())


def action_plan_pdf(plan, points):
    """The action points of a plan by number, with area, lead and participating members."""
    pdf = _pdf(plan.meeting, plan.title)
    for point in points:
        if pdf.will_page_break(20):
            pdf.add_page()
        pdf.font(11, "B")
        pdf.multi_cell(0, 6, f"{point.number}. {point.title}", new_x="LMARGIN", new_y="NEXT")
        pdf.font(9)
        pdf.set_text_color(*MUTED)
        pdf.multi_cell(0, 5, point.area.name, new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(*INK)
        if point.description:
            pdf.font(10)
            pdf.multi_cell(0, 5, point.description, new_x="LMARGIN", new_y="NEXT")
        lead = ", ".join(m.name for m in point.lead_members.all())
        if lead:
            pdf.font(9.5)
            pdf.multi_cell(0, 5, _("Lead: %(members)s") % {"members": lead},
                           new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    return bytes(pdf.output())
