from django import forms
from django.utils.translation import gettext_lazy as _


class SignupActionForm(forms.Form):
    """One button of the side events page: sign up for an event, or cancel the sign-up."""

    ACTIONS = (("sign_up", _("Sign up")), ("cancel", _("Cancel")))
    event = forms.IntegerField(min_value=1, max_value=2**62)
    action = forms.ChoiceField(choices=ACTIONS)


class SignupByEmailForm(forms.Form):
    """The secretariat signs a registered person up by their email address."""

    email = forms.EmailField(label=_("Email address of the registered person"),
                             max_length=254)
