"""What accreditation adds to the registrations of `delegates`, through its registry
(`delegates.extensions`): the meeting's questions on the registration forms and pages, and
the credentials rule before a registration is confirmed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from delegates import extensions
from delegates.validators import PrintableTextValidator

from . import selectors, services
from .forms import answers_from, question_fields


def extend_form(form, *, meeting, registration=None, audience):
    """Add the meeting's questions for `audience` to a registration form, with a fieldset of
    their own in its layout (`added_fieldsets`)."""
    form.question_fields = question_fields(meeting, audience=audience,
                                           registration=registration)
    for name, (question, field) in form.question_fields.items():
        if isinstance(field, forms.CharField):
            # As every other text field of the form (`PrintableTextMixin`, which has run).
            field.validators.append(PrintableTextValidator(
                question.label, multiline=isinstance(field.widget, forms.Textarea)))
        form.fields[name] = field
    if form.question_fields and hasattr(form, "added_fieldsets"):
        form.added_fieldsets.append((_("Questions of the meeting"), list(form.question_fields)))


def save_form(form, *, registration, actor):
    fields = getattr(form, "question_fields", None)
    if fields:
        services.answers_save(registration=registration,
                              values=answers_from(form.cleaned_data, fields), actor=actor)


def details(registration, *, audience):
    return selectors.registration_answers(registration, audience=audience)


def register():
    extensions.register(extensions.RegistrationExtension(
        extend_form=extend_form, save_form=save_form, details=details,
        check_confirmation=services.check_confirmation))
