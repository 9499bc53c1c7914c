"""The meeting's questions as form fields: one helper (`question_fields`) that the public
form, the focal point's forms and the admin all use, and the forms of the credentials pages.
They validate; the services store."""

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from .enums import QuestionKind
from .selectors import questions_for
from .services import CREDENTIALS_TYPES, AccreditationError, inspect_upload


class UploadField(forms.FileField):
    """A file judged by its content and size (`documents.files`) when the form is cleaned,
    so a refused file is told on its field, with the reason."""

    def __init__(self, *, types=None, **kwargs):
        self.types = types
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        data = super().clean(data, initial)
        if data and data is not initial:
            try:
                inspect_upload(data, types=self.types)
            except AccreditationError as error:
                raise forms.ValidationError(error.message, code=error.code) from error
        return data


def _stored_value(question, answer):
    if answer is None:
        return None
    if question.kind == QuestionKind.SEVERAL_CHOICES:
        return answer.value.splitlines()
    if question.kind == QuestionKind.YES_NO:
        return answer.value
    if question.kind == QuestionKind.DATE:
        try:
            return dt.date.fromisoformat(answer.value)
        except ValueError:
            return None
    return answer.value


def _choices(question):
    return [(choice, choice) for choice in question.choice_list]


def question_field(question, answer=None):
    """The form field asking `question`, holding `answer` (its stored Answer) if any."""
    common = {"label": question.label, "help_text": question.help_text,
              "required": question.required, "initial": _stored_value(question, answer)}
    kind = question.kind
    if kind == QuestionKind.SHORT_TEXT:
        return forms.CharField(max_length=300, **common)
    if kind == QuestionKind.LONG_TEXT:
        return forms.CharField(max_length=4000, widget=forms.Textarea(attrs={"rows": 3}),
                               **common)
    if kind == QuestionKind.ONE_CHOICE:
        return forms.ChoiceField(choices=[("", "—"), *_choices(question)], **common)
    if kind == QuestionKind.SEVERAL_CHOICES:
        return forms.MultipleChoiceField(choices=_choices(question),
                                         widget=forms.CheckboxSelectMultiple, **common)
    if kind == QuestionKind.YES_NO:
        return forms.ChoiceField(
            choices=[("", "—"), ("yes", _("Yes")), ("no", _("No"))], **common)
    if kind == QuestionKind.DATE:
        return forms.DateField(widget=forms.DateInput(attrs={"type": "date"},
                                                      format="%Y-%m-%d"), **common)
    if kind == QuestionKind.COUNTRY:
        return forms.ChoiceField(choices=[("", _("Choose a country")), *countries], **common)
    # A file: an answer on file need not be given again; a new upload replaces it.
    if answer is not None and answer.file:
        common["required"] = False
        common["help_text"] = " ".join(str(part) for part in (
            question.help_text, _("On file: %(name)s — leave empty to keep.")
            % {"name": answer.value}) if part)
    common.pop("initial")
    return UploadField(**common)


def question_fields(meeting, *, audience, registration=None):
    """{field name: (question, form field)} of the questions `meeting` asks of `audience`
    (the one who fills the form: delegates, focal points or staff), holding the answers of
    `registration` when it is stored."""
    if meeting is None:
        return {}
    answers = {}
    if registration is not None and registration.pk:
        answers = {answer.question_id: answer for answer in registration.answers.all()}
    return {question.field_name: (question, question_field(question, answers.get(question.pk)))
            for question in questions_for(meeting, audience=audience)}


def answers_from(cleaned_data, fields):
    """{question: cleaned value} of the question fields of a form, for `answers_save`."""
    return {question: cleaned_data.get(name) for name, (question, _field) in fields.items()
            if name in cleaned_data}


class CredentialsForm(forms.Form):
    file = UploadField(
        label=_("Letter of nomination or credentials (Note Verbale)"),
        types=CREDENTIALS_TYPES,
        help_text=_("The signed letter as a PDF, or a scan as PNG or JPEG."))


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("Why they are returned"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))
