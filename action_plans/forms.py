"""Forms of the action plan follow-up: progress reports with attachments, their review, and
carrying points over. They validate; the services in `action_plans.services` change state."""

from pathlib import Path

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from asem_customs import fields
from meetings.models import Member

from .enums import OPEN_POINT_STATUSES, ActionPointStatus
from .models import ActionPlan, ActionPoint, ProgressReport

MAX_ATTACHMENT_SIZE = 10 * 1024 * 1024
MAX_ATTACHMENTS = 5
# Extension -> the bytes a genuine file of that type starts with (None: plain text).
ALLOWED_ATTACHMENTS = {
    ".pdf": (b"%PDF-",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".pptx": (b"PK\x03\x04",),
    ".odt": (b"PK\x03\x04",),
    ".ods": (b"PK\x03\x04",),
    ".txt": None,
    ".csv": None,
}
REPORTABLE_STATUSES = [
    (value, label) for value, label in ActionPointStatus.choices
    if value != ActionPointStatus.CARRIED_OVER
]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(file, initial) for file in files]


def validate_attachment(file):
    """Refuse files that are too large, of a type not accepted, or whose content does not
    match their name."""
    if file.size > MAX_ATTACHMENT_SIZE:
        raise forms.ValidationError(
            _("%(name)s is larger than %(limit)s."),
            code="too_large",
            params={"name": file.name, "limit": filesizeformat(MAX_ATTACHMENT_SIZE)},
        )
    extension = Path(file.name).suffix.lower()
    if extension not in ALLOWED_ATTACHMENTS:
        raise forms.ValidationError(
            _("%(name)s: only PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, text and "
              "CSV files are accepted."),
            code="file_type", params={"name": file.name},
        )
    head = file.read(8)
    file.seek(0)
    signatures = ALLOWED_ATTACHMENTS[extension]
    if signatures is None:
        file_is_text = b"\x00" not in head
    else:
        file_is_text = any(head.startswith(signature) for signature in signatures)
    if not file_is_text:
        raise forms.ValidationError(
            _("%(name)s does not look like a %(type)s file."),
            code="file_content", params={"name": file.name, "type": extension[1:].upper()},
        )


class ProgressReportForm(forms.ModelForm):
    proposed_status = forms.ChoiceField(
        label=_("Proposed status"), choices=REPORTABLE_STATUSES,
        help_text=_("The status the point should have once the secretariat accepts the report."),
    )
    attachments = MultipleFileField(
        label=_("Attachments"), required=False,
        help_text=_("Up to %(count)s files of at most %(size)s each: PDF, Office or "
                    "OpenDocument documents, PNG or JPEG images, text or CSV.")
        % {"count": MAX_ATTACHMENTS, "size": "10 MB"},
    )

    class Meta:
        model = ProgressReport
        fields = ["report_date", "proposed_status", "text"]
        widgets = {
            "report_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "text": forms.Textarea(attrs={"rows": 8}),
        }
        labels = {"text": _("What was done")}

    def __init__(self, *args, existing_attachments=0, **kwargs):
        super().__init__(*args, **kwargs)
        self.existing_attachments = existing_attachments

    def clean_attachments(self):
        files = self.cleaned_data.get("attachments") or []
        if len(files) + self.existing_attachments > MAX_ATTACHMENTS:
            raise forms.ValidationError(
                _("A report takes at most %(count)s attachments."),
                code="too_many", params={"count": MAX_ATTACHMENTS},
            )
        for file in files:
            validate_attachment(file)
        return files


class SecretariatProgressReportForm(ProgressReportForm):
    """The secretariat files for a member of the point, or for itself."""

    member = fields.ModelChoiceField(
        label=_("Reporting member"), queryset=Member.objects.none(), required=False,
        empty_label=_("The secretariat"),
    )

    class Meta(ProgressReportForm.Meta):
        fields = ["member", "report_date", "proposed_status", "text"]

    def __init__(self, *args, action_point, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = Member.objects.filter(
            pk__in=[m.pk for m in action_point.lead_members.all()]
            + [m.pk for m in action_point.participating_members.all()]
        )


class ReviewForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the reporting member"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when rejecting: say what is missing."),
    )


class CarryOverForm(forms.Form):
    into_plan = fields.ModelChoiceField(
        label=_("Carry into"), queryset=ActionPlan.objects.none(),
        help_text=_("The plan adopted after this one."),
    )
    points = fields.ModelMultipleChoiceField(
        label=_("Open points to carry over"), queryset=ActionPoint.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        later_plans = ActionPlan.objects.filter(
            period_start__gt=plan.period_start
        ).order_by("period_start")
        self.fields["into_plan"].queryset = later_plans
        self.fields["into_plan"].initial = later_plans.first()
        self.fields["points"].queryset = plan.points.filter(
            status__in=OPEN_POINT_STATUSES
        ).order_by("number")
        self.fields["points"].label_from_instance = lambda point: (
            f"{point.number}. {point.title} ({point.get_status_display()})"
        )
