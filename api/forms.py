from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .enums import TokenScope


def _lifetimes():
    longest = settings.API_TOKEN_MAX_DAYS
    days = sorted({day for day in (30, 90) if day < longest} | {longest})
    return [(day, _("%(days)s days") % {"days": day}) for day in days]


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100,
                           help_text=_("What the token is for, such as “HR system”."))
    scope = forms.ChoiceField(label=_("Scope"), choices=TokenScope.choices,
                              initial=TokenScope.READ, widget=forms.RadioSelect)
    days = forms.TypedChoiceField(label=_("Valid for"), coerce=int, choices=_lifetimes)

    def __init__(self, *args, may_write=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_write:
            self.fields["scope"].choices = [(TokenScope.READ, TokenScope.READ.label)]
