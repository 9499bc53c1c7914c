from django import forms
from django.utils.translation import gettext_lazy as _

from mail.services import MailTemplateInvalid, check_wording

from .enums import Audience, ReminderKind


class MailTemplateForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=250)
    body = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 18, "spellcheck": "true"}),
        help_text=_("Django's template language with the placeholders listed, such as "
                    "{{ name }}. The signature and the HTML version are added to every mail."),
    )

    def __init__(self, *args, kind, example_values=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.example_values = example_values or {}
        self.rendered = None

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            self.rendered = check_wording(kind=self.kind.name, subject=data["subject"],
                                          body=data["body"], values=self.example_values)
        except MailTemplateInvalid as exc:
            raise forms.ValidationError(
                _("This wording cannot be used: %(error)s") % {"error": exc},
                code="template_error") from exc
        return data


class CircularForm(forms.Form):
    audience = forms.ChoiceField(label=_("Recipients"), choices=Audience.choices,
                                 widget=forms.RadioSelect)
    subject = forms.CharField(label=_("Subject"), max_length=250)
    body = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "true"}),
        help_text=_("Placeholders: {{ name }}, {{ member }}, {{ meeting }}, "
                    "{{ meeting_dates }}, {{ meeting_place }}. The signature is added."),
    )


class ReminderForm(forms.Form):
    kind = forms.ChoiceField(label=_("Reminder"), choices=ReminderKind.choices)
    days_before = forms.IntegerField(label=_("Days before"), min_value=0, max_value=365,
                                     initial=7)
    documents = forms.ModelMultipleChoiceField(
        label=_("Documents attached"), required=False, queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Practical information only: published documents of the meeting open to "
                    "its participants, attached to each mail and listed with their addresses."),
    )

    def __init__(self, *args, attachable, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["documents"].queryset = attachable
        if not attachable.exists():
            del self.fields["documents"]

    def clean(self):
        data = super().clean()
        if data.get("documents") and data.get("kind") != ReminderKind.PRACTICAL:
            self.add_error("documents", _("Only the practical information carries documents."))
        return data
