"""The mail of progress reports: its kinds (`mail.kinds`), placeholders and their values."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from mail.kinds import register_kind

REPORT_PLACEHOLDERS = {
    "point": _("The action point reported on."),
    "member": _("The reporting member (may be empty: the secretariat)."),
    "url": _("The address of the report on the site."),
    "note": _("The secretariat's note or reason (after a review)."),
}


def report_url(report):
    return f"{settings.SITE_URL}/plans/reports/{report.pk}/"


def report_values(report):
    return {"point": str(report.action_point), "url": report_url(report),
            "member": report.member.name if report.member_id else "",
            "note": report.review_note or ""}


def _example(meeting=None, pk=None):
    from .models import ProgressReport

    report = ProgressReport.objects.select_related("action_point", "member").order_by(
        "-pk").first()
    return (str(report.action_point), report_values(report)) if report else None


def register_mail_kinds():
    """Called from `ActionPlansConfig.ready`: these mails belong to no meeting."""
    for kind, label in (
        ("progress_report_submitted", _("Progress report submitted (to the secretariat)")),
        ("progress_report_accepted", _("Progress report accepted (to its author)")),
        ("progress_report_rejected", _("Progress report not accepted (to its author)")),
    ):
        register_kind(kind, label=label, group="progress_report", per_meeting=False,
                      example=_example, placeholders=REPORT_PLACEHOLDERS)
