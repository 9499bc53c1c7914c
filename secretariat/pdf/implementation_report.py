"""The implementation report of an action plan, for the secretariat to print for the meeting
that reviews it: every point with its official status, its status history and its accepted
progress reports. Drafts, submitted and rejected reports never appear."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf import FontFace

from asem_customs import palette
from secretariat.pdf.base import INK, MUTED, SecretariatPDF

RULE = (206, 212, 218)
# The statuses' colours of the tracker and the badges on the site (RGB).
STATUS_COLOURS = {status: palette.rgb(colour) for status, colour in palette.STATUS_COLOURS.items()}


class ImplementationReportPDF(SecretariatPDF):
    """The report on the secretariat's one PDF base: the same fonts for every ASEM script (a
    report may quote names and text in any), metadata and footer."""

    def __init__(self, plan):
        super().__init__(title=_("Implementation report — %(plan)s") % {"plan": plan.title},
                         footer_text=plan.title)
        self.plan = plan
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(True, margin=18)


def _date(day):
    return date_format(day, "DATE_FORMAT")


def implementation_report_pdf(plan, points=None, today=None, progress=None):
    """The PDF bytes of the plan's implementation report. `plan` comes from
    `action_plans.selectors.plan_with_progress` (points prefetched with their progress);
    `progress(done)`, when given, is called after each point."""
    points = list(points if points is not None else plan.points.all())
    today = today or timezone.localdate()
    pdf = ImplementationReportPDF(plan)
    pdf.add_page()
    pdf.set_text_color(*INK)
    pdf.font(9)
    pdf.set_text_color(*MUTED)
    pdf.cell(0, 5, _("Implementation report"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*INK)
    pdf.font(17, "B")
    pdf.multi_cell(0, 8, plan.title, new_x="LMARGIN", new_y="NEXT")
    pdf.font(10)
    pdf.multi_cell(
        0, 5,
        _("Adopted at the %(meeting)s for the period %(period)s. Status as of %(date)s, from "
          "the progress reports accepted by the secretariat.")
        % {"meeting": plan.meeting.title, "period": plan.period, "date": _date(today)},
        new_x="LMARGIN", new_y="NEXT",
    )
    pdf.ln(3)
    _summary_table(pdf, points)
    for done, point in enumerate(points, start=1):
        _point_section(pdf, point)
        if progress:
            progress(done)
    return bytes(pdf.output())


def _summary_table(pdf, points):
    pdf.font(11, "B")
    pdf.cell(0, 7, _("Overview"), new_x="LMARGIN", new_y="NEXT")
    pdf.font(9)
    with pdf.table(col_widths=(8, 70, 40, 26), text_align=("RIGHT", "LEFT", "LEFT", "LEFT"),
                   line_height=5,
                   headings_style=FontFace(emphasis="BOLD", fill_color=(233, 236, 239))) as table:
        header = table.row()
        for label in ("#", _("Action point"), _("Lead"), _("Status")):
            header.cell(label)
        for point in points:
            row = table.row()
            row.cell(str(point.number))
            row.cell(point.title)
            row.cell(", ".join(member.name for member in point.lead_members.all()) or "—")
            row.cell(point.get_status_display())
    pdf.ln(4)


def _point_section(pdf, point):
    if pdf.will_page_break(30):
        pdf.add_page()
    pdf.set_draw_color(*RULE)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(2)
    pdf.font(11, "B")
    pdf.multi_cell(0, 6, f"{point.number}. {point.title}", new_x="LMARGIN", new_y="NEXT")
    pdf.font(9)
    pdf.set_text_color(*MUTED)
    parts = [point.area.name]
    leads = ", ".join(member.name for member in point.lead_members.all())
    if leads:
        parts.append(_("lead: %(members)s") % {"members": leads})
    others = ", ".join(member.name for member in point.participating_members.all())
    if others:
        parts.append(_("with: %(members)s") % {"members": others})
    if point.carried_over_from:
        parts.append(_("carried over from point %(number)s of the %(plan)s") % {
            "number": point.carried_over_from.number, "plan": point.carried_over_from.plan.title})
    if point.is_illustrative:
        parts.append(_("illustrative content"))
    pdf.multi_cell(0, 4.5, " · ".join(parts), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*STATUS_COLOURS.get(point.status, INK))
    pdf.font(9, "B")
    pdf.cell(0, 6, _("Status: %(status)s") % {"status": point.get_status_display()},
             new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*INK)
    changes = list(point.status_changes.all())
    if changes:
        pdf.font(8.5)
        history = "; ".join(
            _("%(date)s: from %(from)s to %(to)s") % {
                "date": _date(change.effective_on), "from": change.get_from_status_display(),
                "to": change.get_to_status_display(),
            } + (f" ({change.note})" if change.note else "")
            for change in changes
        )
        pdf.multi_cell(0, 4.5, _("Status history: %(history)s") % {"history": history},
                       new_x="LMARGIN", new_y="NEXT")
    reports = point.accepted_reports
    if not reports:
        pdf.font(9)
        pdf.set_text_color(*MUTED)
        pdf.cell(0, 6, _("No accepted progress report."), new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(*INK)
    for report in reports:
        pdf.ln(1)
        pdf.font(9, "B")
        who = report.member.name if report.member else _("The secretariat")
        pdf.multi_cell(
            0, 5, f"{_date(report.report_date)} · {who} · {report.get_proposed_status_display()}",
            new_x="LMARGIN", new_y="NEXT",
        )
        pdf.font(9)
        pdf.set_x(pdf.l_margin + 4)
        pdf.multi_cell(0, 4.6, report.text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
