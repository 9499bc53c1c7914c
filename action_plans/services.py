"""Every write of the action plan follow-up: progress reports through their states, the
official status of action points, and carrying open points into the next plan.

Each function takes keyword-only arguments and the acting user (None for the system itself:
the demo loader and management commands, which skip the permission checks), runs in one
transaction, records who did what (the point's status changes, and the report's own
history), and sends mail only once the transaction has committed.
"""

import secrets
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from asem_customs import roles
from asem_customs.translated_content import in_every_language
from mail.outbox import address_language, queue_mail

from . import permissions
from .enums import (
    CLOSED_POINT_STATUSES,
    OPEN_POINT_STATUSES,
    ActionPointStatus,
    ProgressReportState,
)
from .mailing import report_values
from .models import (
    ActionPlan,
    ActionPlanLogEntry,
    ActionPoint,
    ActionPointStatusChange,
    ProgressReport,
    ProgressReportAttachment,
)

REPORT_FIELDS = ("report_date", "text", "proposed_status")


class ActionPlanError(ValidationError):
    """A broken rule of the follow-up, with a message fit to show the user."""


def _allowed(check, actor, *args):
    if actor is roles.SYSTEM:
        return True
    return actor is not None and check(actor, *args)


def _person(actor):
    """The actor as recorded in a foreign key: nobody for the system and the public."""
    return None if actor is roles.SYSTEM or actor is None else actor


def _log(action, *, actor, report=None, point=None, note="", at=None):
    """Write the audit entry of one change: its dotted action name, what it touched, who."""
    point = point or report.action_point
    ActionPlanLogEntry.objects.create(
        action=f"action_plans.{action}", plan_id=point.plan_id, action_point=point,
        progress_report=report, actor=_person(actor), note=note,
        created_at=at or timezone.now(),
    )


def _save(obj, actor, fields, at=None):
    obj._history_user = _person(actor)
    if at is not None:
        obj._history_date = at
    obj.save(update_fields=[*fields, "updated_at"] if hasattr(obj, "updated_at") else fields)


def _mail_on_commit(kind, report, recipients):
    """Queue one message of `kind` (`action_plans.mailing`) per recipient in the outbox:
    written in this transaction, sent after commit by the mail task (no request waits on the
    mail server), retried until sent."""
    for address in dict.fromkeys(address for address in recipients if address):
        language = address_language(address)
        with translation.override(language):
            queue_mail(to=address, template=kind, context=report_values(report),
                       language=language)


def _secretariat_address():
    return settings.SECRETARIAT_EMAIL


def _locked_report(report):
    return ProgressReport.objects.select_for_update().select_related("action_point").get(
        pk=report.pk
    )


@transaction.atomic
def progress_report_file(*, action_point, data, actor, member=None, attachments=(), at=None):
    """Create a draft progress report on the point for the actor's member.

    A focal point reports for its own member, which must lead or take part in the point; the
    secretariat may file on any open point, for a member or for itself (member None).
    Attachments are (file, title) pairs, already validated by the form. `at` is the moment
    of filing when it is not now (a record of past work, as the demo loads): the report and
    its history are dated then. The same holds for `at` in the services below.
    """
    action_point = ActionPoint.objects.select_for_update().get(pk=action_point.pk)
    if action_point.status in CLOSED_POINT_STATUSES or not _allowed(
        permissions.can_file_report, actor, action_point
    ):
        raise ActionPlanError(
            _("You may not report on this action point."), code="not_allowed"
        )
    focal_member = roles.focal_member(actor) if actor is not None else None
    if focal_member is not None and not roles.can_review_progress_reports(actor):
        member = focal_member
    report = ProgressReport(
        action_point=action_point, member=member, author=_person(actor),
        state=ProgressReportState.DRAFT,
        **{field: data[field] for field in REPORT_FIELDS if field in data},
    )
    report._history_user = _person(actor)
    if at is not None:
        report._history_date = at
    report.save()
    if at is not None:
        ProgressReport.objects.filter(pk=report.pk).update(created_at=at, updated_at=at)
    _attach(report, attachments)
    _log("progress_report.filed", report=report, actor=actor, at=at)
    return report


def _attach(report, attachments):
    """Store each file under an unguessable name: drafts' files must not be found by their
    names should the storage ever be reachable from outside."""
    for file, title in attachments:
        file.name = f"{secrets.token_hex(8)}-{Path(file.name).name}"
        ProgressReportAttachment.objects.create(report=report, file=file, title=title)


@transaction.atomic
def progress_report_update(*, report, data, actor, attachments=()):
    """Change the text, date or proposed status of a draft and add attachments to it."""
    report = _locked_report(report)
    if report.state != ProgressReportState.DRAFT or not _allowed(
        permissions.can_edit_report, actor, report
    ):
        raise ActionPlanError(_("Only a draft can be changed."), code="not_draft")
    changed = [field for field in REPORT_FIELDS if field in data]
    for field in changed:
        setattr(report, field, data[field])
    _save(report, actor, changed)
    _attach(report, attachments)
    _log("progress_report.updated", report=report, actor=actor)
    return report


@transaction.atomic
def progress_report_attachment_remove(*, attachment, actor):
    """Remove an attachment from a draft and delete its file once committed."""
    report = _locked_report(attachment.report)
    if report.state != ProgressReportState.DRAFT or not _allowed(
        permissions.can_edit_report, actor, report
    ):
        raise ActionPlanError(_("Only a draft can be changed."), code="not_draft")
    file = attachment.file
    attachment.delete()
    transaction.on_commit(lambda: file.delete(save=False))
    _log("progress_report.attachment_removed", report=report, actor=actor,
         note=attachment.title or Path(file.name).name)


@transaction.atomic
def progress_report_submit(*, report, actor, at=None):
    """Send a draft to the secretariat for review (draft → submitted); the secretariat is
    told by mail (unless the system itself submits, as the demo loader does)."""
    report = _locked_report(report)
    if report.state != ProgressReportState.DRAFT or not _allowed(
        permissions.can_edit_report, actor, report
    ):
        raise ActionPlanError(_("Only a draft can be submitted."), code="not_draft")
    if report.action_point.status in CLOSED_POINT_STATUSES:
        raise ActionPlanError(
            _("This action point is closed: it no longer takes reports."), code="point_closed"
        )
    report.state = ProgressReportState.SUBMITTED
    report.submitted_at = at or timezone.now()
    _save(report, actor, ["state", "submitted_at"], at)
    _log("progress_report.submitted", report=report, actor=actor, at=at)
    if actor is roles.SYSTEM:
        return report  # loaded by the system (the demo): nobody to tell
    _mail_on_commit("progress_report_submitted", report, [_secretariat_address()])
    return report


@transaction.atomic
def progress_report_accept(*, report, actor, note="", at=None):
    """Accept a submitted report (submitted → accepted): it becomes public, and the point's
    official status becomes the proposed one, recorded with the actor and the report's date."""
    report = _locked_report(report)
    if report.state != ProgressReportState.SUBMITTED or not _allowed(
        permissions.can_review_report, actor, report
    ):
        raise ActionPlanError(_("Only a submitted report can be accepted."), code="not_submitted")
    report.state = ProgressReportState.ACCEPTED
    report.reviewed_by = _person(actor)
    report.reviewed_at = at or timezone.now()
    report.review_note = note
    _save(report, actor, ["state", "reviewed_by", "reviewed_at", "review_note"], at)
    action_point_set_status(
        action_point=report.action_point, status=report.proposed_status, actor=actor,
        effective_on=report.report_date, report=report, at=at,
    )
    _log("progress_report.accepted", report=report, actor=actor, note=note, at=at)
    _mail_author(report, "progress_report_accepted")
    return report


@transaction.atomic
def progress_report_reject(*, report, actor, reason, at=None):
    """Reject a submitted report (submitted → rejected) with a reason for its author; it stays
    internal and the point's status does not change."""
    if not reason.strip():
        raise ActionPlanError(_("Give the reason for rejecting the report."), code="no_reason")
    report = _locked_report(report)
    if report.state != ProgressReportState.SUBMITTED or not _allowed(
        permissions.can_review_report, actor, report
    ):
        raise ActionPlanError(_("Only a submitted report can be rejected."), code="not_submitted")
    report.state = ProgressReportState.REJECTED
    report.reviewed_by = _person(actor)
    report.reviewed_at = at or timezone.now()
    report.review_note = reason
    _save(report, actor, ["state", "reviewed_by", "reviewed_at", "review_note"], at)
    _log("progress_report.rejected", report=report, actor=actor, note=reason, at=at)
    _mail_author(report, "progress_report_rejected")
    return report


def _mail_author(report, kind):
    if report.author is None:
        return
    _mail_on_commit(kind, report, [report.author.email])


@transaction.atomic
def action_point_set_status(*, action_point, status, actor, effective_on=None, report=None,
                            note="", at=None):
    """Set the point's official status and record the change (from, to, when, who, why).

    Returns the recorded change, or None when the status is already the one asked for.
    """
    action_point = ActionPoint.objects.select_for_update().get(pk=action_point.pk)
    if status not in ActionPointStatus.values:
        raise ActionPlanError(_("Unknown status."), code="unknown_status")
    if action_point.status == status:
        return None
    change = ActionPointStatusChange.objects.create(
        action_point=action_point, from_status=action_point.status, to_status=status,
        effective_on=effective_on or timezone.localdate(), report=report,
        actor=_person(actor), note=note,
    )
    if at is not None:
        ActionPointStatusChange.objects.filter(pk=change.pk).update(recorded_at=at)
        change.recorded_at = at
        action_point._history_date = at
    action_point.status = status
    action_point._history_user = _person(actor)
    action_point.save(update_fields=["status"])
    _log("action_point.status_changed", point=action_point, report=report, actor=actor,
         note=f"{change.from_status} → {status}", at=at)
    return change


@transaction.atomic
def action_points_carry_over(*, points, into_plan, actor, effective_on=None, at=None):
    """Carry open points into a later plan.

    Each carried point gets the next free number in the new plan, the same title, area,
    texts and members, its current status, and a link to its predecessor (through which its
    history stays readable); the old point's status becomes "carried over".
    Returns the new points, in the order given.
    """
    if not _allowed(roles.can_carry_over_points, actor):
        raise ActionPlanError(_("You may not carry action points over."), code="not_allowed")
    into_plan = ActionPlan.objects.select_for_update().get(pk=into_plan.pk)
    effective_on = effective_on or into_plan.adopted_on or timezone.localdate()
    next_number = (into_plan.points.aggregate(top=Max("number"))["top"] or 0) + 1
    carried = []
    for point in ActionPoint.objects.select_for_update().filter(
        pk__in=[p.pk for p in points]
    ).select_related("plan").order_by("plan__period_start", "number"):
        _check_can_carry(point, into_plan)
        # The texts in every language, as they are written (not as one visitor reads them).
        texts = {column: getattr(point, column)
                 for column in in_every_language("title", "description", "expected_outputs")}
        new_point = ActionPoint.objects.create(
            plan=into_plan, number=next_number, area_id=point.area_id, **texts,
            target_date=None, status=point.status, is_new=False,
            is_illustrative=point.is_illustrative, carried_over_from=point,
        )
        new_point.lead_members.set(point.lead_members.all())
        new_point.participating_members.set(point.participating_members.all())
        action_point_set_status(
            action_point=point, status=ActionPointStatus.CARRIED_OVER, actor=actor,
            effective_on=effective_on, at=at,
            note=_("Carried over into %(plan)s as point %(number)s.")
            % {"plan": into_plan.title, "number": next_number},
        )
        _log("action_point.carried_over", point=point, actor=actor, at=at,
             note=f"{into_plan.title} #{new_point.number}")
        carried.append(new_point)
        next_number += 1
    return carried


def _check_can_carry(point, into_plan):
    if point.status not in OPEN_POINT_STATUSES:
        raise ActionPlanError(
            _("Point %(number)s is not open: only points not started or in progress are "
              "carried over.") % {"number": point.number},
            code="not_open",
        )
    if point.plan_id == into_plan.pk or point.plan.period_start >= into_plan.period_start:
        raise ActionPlanError(
            _("Points are carried into a later plan."), code="not_later"
        )
