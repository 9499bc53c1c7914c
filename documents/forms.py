"""Forms of the documents pages. They validate what was typed; the file itself is judged by
`documents.files` inside the services, whose refusal the views show on the form."""

from django import forms
from django.conf.locale import LANG_INFO
from django.utils.translation import get_language_info
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

from asem_customs import fields
from asem_customs.translated_content import other_languages, translation_values

from .enums import MEMBER_KINDS, Access, CommentResolution, DocumentKind


def language_choices():
    """English first, French next, then every other language (the host's among them)."""
    others = sorted(
        ((code, info["name"]) for code, info in LANG_INFO.items()
         if "name" in info and code not in ("en", "fr") and len(code) <= 10),
        key=lambda pair: pair[1])
    return [("en", "English"), ("fr", "French"), *others]


class LanguageField(forms.ChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Language"))
        kwargs.setdefault("initial", "en")
        super().__init__(choices=language_choices, **kwargs)


class TranslatedTitlesMixin:
    """The title in English (`title`, required) and, beside it, one optional field per other
    language of the site (`title_fr`, `title_vi`). `other_titles()` is what the services
    take."""

    def add_title_translations(self, document=None):
        written = translation_values(document, "title") if document is not None else {}
        self.fields["title"].label = _("Title in English")
        for code in other_languages():
            self.fields[f"title_{code}"] = forms.CharField(
                label=gettext_now("Title in %(language)s")
                % {"language": get_language_info(code)["name_translated"]},
                max_length=300, required=False, initial=written.get(code) or "",
                help_text=_("Optional: where it is empty, the English title is shown."))
        names = list(self.fields)
        title_fields = ["title", *(f"title_{code}" for code in other_languages())]
        self.order_fields([*title_fields, *(n for n in names if n not in title_fields)])

    def other_titles(self):
        return {code: self.cleaned_data.get(f"title_{code}", "") for code in other_languages()}


class DocumentForm(TranslatedTitlesMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("Choose the kind")),
                                                        *DocumentKind.choices])
    symbol = forms.CharField(
        label=_("Symbol"), max_length=80, required=False,
        help_text=_("Leave blank to use the proposed one."))
    agenda_item = fields.ModelChoiceField(label=_("Agenda item"), queryset=None,
                                          required=False)
    access = forms.ChoiceField(label=_("Who may read it"), choices=Access.choices,
                               initial=Access.SECRETARIAT)
    language = LanguageField()
    file = forms.FileField(label=_("File"), help_text=_(
        "PDF, Word, Excel, PowerPoint, OpenDocument, PNG or JPEG."))
    publish = forms.BooleanField(label=_("Publish now"), required=False)

    def __init__(self, *args, meeting, proposed_symbol="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.order_by("position")
        self.fields["symbol"].widget.attrs["placeholder"] = proposed_symbol
        self.add_title_translations()


class TitlesForm(TranslatedTitlesMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)

    def __init__(self, *args, document, **kwargs):
        kwargs.setdefault("initial", {"title": document.title_en})
        super().__init__(*args, **kwargs)
        self.add_title_translations(document)


class VersionForm(forms.Form):
    language = LanguageField()
    file = forms.FileField(label=_("File"))
    note = forms.CharField(label=_("What changed"), max_length=300, required=False)


class AccessForm(forms.Form):
    access = forms.ChoiceField(label=_("Who may read it"), choices=Access.choices)


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("Why it is returned"), widget=forms.Textarea(
        attrs={"rows": 3}), max_length=2000)


class SubmissionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=[
        (value, label) for value, label in DocumentKind.choices if value in MEMBER_KINDS])
    language = LanguageField()
    file = forms.FileField(label=_("File"), help_text=_(
        "PDF, Word, Excel, PowerPoint, OpenDocument, PNG or JPEG."))


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Symbol, title or words of the text"), max_length=200,
                        required=False)


# --- the record of the meeting -------------------------------------------------------------

class RecordStartForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300, required=False,
                            help_text=_("Leave blank for “Summary record of the …”."))
    language = LanguageField()
    file = forms.FileField(label=_("Draft"), help_text=_(
        "The draft as PDF, Word or OpenDocument; later drafts are new versions."))


class DecisionsForm(forms.Form):
    """One text per agenda item: its decisions and conclusions as the record states them."""

    def __init__(self, *args, agenda_items, decisions, **kwargs):
        super().__init__(*args, **kwargs)
        for item in agenda_items:
            self.fields[f"item_{item.pk}"] = forms.CharField(
                label=f"{item.position}. {item.title}", required=False, max_length=10000,
                initial=decisions.get(item.pk, ""),
                widget=forms.Textarea(attrs={"rows": 3}))

    def decisions(self):
        return {int(name.removeprefix("item_")): value
                for name, value in self.cleaned_data.items()}


class CirculateForm(forms.Form):
    comments_until = forms.DateTimeField(
        label=_("Comments until"),
        help_text=_("After this moment, a round without objection adopts the record by "
                    "silence procedure."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
    )


class RecordCommentForm(forms.Form):
    text = forms.CharField(label=_("Your comment"), max_length=10000,
                           widget=forms.Textarea(attrs={"rows": 5}))
    is_objection = forms.BooleanField(
        label=_("This is an objection to adopting the record as drafted"), required=False,
        help_text=_("An objection breaks the silence procedure: the record is not adopted "
                    "without the secretariat answering it."))


class AnswerForm(forms.Form):
    resolution = forms.ChoiceField(label=_("What the secretariat did"),
                                   choices=CommentResolution.choices,
                                   widget=forms.RadioSelect)
    reply = forms.CharField(label=_("Reply to the head of delegation"), max_length=5000,
                            widget=forms.Textarea(attrs={"rows": 3}))
