"""Forms of the staff workspace: they validate; the views call the services."""

from django import forms
from django.utils.translation import gettext_lazy

from asem_customs import fields
from meetings.models import Member


class BadgeForm(forms.Form):
    member = fields.ModelChoiceField(
        queryset=Member.objects.all(), required=False, label=gettext_lazy("Member"),
        empty_label=gettext_lazy("All members"),
    )
    include_pending = forms.BooleanField(
        required=False, label=gettext_lazy("Include pending registrations"))
    layout = forms.ChoiceField(
        choices=[("sheet", gettext_lazy("A4 sheets, eight badges a page")),
                 ("single", gettext_lazy("One badge a page"))],
        initial="sheet", label=gettext_lazy("Layout"))


class CertificatesForm(forms.Form):
    member = fields.ModelChoiceField(
        queryset=Member.objects.all(), required=False, label=gettext_lazy("Member"),
        empty_label=gettext_lazy("All members"),
    )


class ImportForm(forms.Form):
    member = fields.ModelChoiceField(queryset=Member.objects.all(), label=gettext_lazy("Member"))
    file = forms.FileField(
        label=gettext_lazy("Delegation spreadsheet (CSV or XLSX)"),
        help_text=gettext_lazy("One person a row; the first row holds the column names."),
    )
    consent = forms.BooleanField(
        label=gettext_lazy("The member administration confirms that every person listed "
                           "has accepted the privacy notice."),
    )


# --- requests about personal data --------------------------------------------------------


class PersonForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Email address of the person"))


class EraseForm(PersonForm):
    email = forms.EmailField(widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        label=gettext_lazy("I have checked the person's identity and their request to erase "
                           "their data."),
    )


class FocalPointInviteForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Email address"), max_length=254)
    first_name = forms.CharField(label=gettext_lazy("First name"), max_length=150,
                                 required=False)
    last_name = forms.CharField(label=gettext_lazy("Last name"), max_length=150, required=False)
    member = fields.ModelChoiceField(label=gettext_lazy("Member"), queryset=Member.objects.all())
