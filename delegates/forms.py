"""Forms for registering: they validate and hand a dict to `delegates.services`; they never
save business state themselves."""

import datetime as dt
import functools
import unicodedata

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Div, Fieldset, Layout, Row
from django import forms
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from asem_customs import fields
from asem_customs.fields import KeptModelChoiceField
from meetings.models import Meeting, Member
from meetings.selectors import member_choices
from meetings.templatetags.meeting_tags import date_long, date_range

from . import extensions
from .enums import PASSPORT_FIELDS, Honorific, Participation, Role
from .models import FocalPoint, Registration
from .passports import mask_passport_number, stored_passport_details
from .services import EDITABLE_FIELDS, RegistrationError, check_email_free, check_head_free
from .validators import PrintableTextMixin, validate_has_a_name
from .visa import visa_request_errors

NAME_FIELDS = ("given_name", "family_name", "name_latin")
# The name rule (`validators.validate_has_a_name`) as the form puts it to the person.
FAMILY_NAME_REQUIRED = _("Give your family name, or your name if it has one part.")

# Roles a person may pick; host and secretariat staff are registered by the secretariat.
PUBLIC_ROLES = [Role.HEAD_OF_DELEGATION, Role.DELEGATE, Role.ADVISER, Role.OBSERVER,
                Role.SPEAKER]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class SuggestionsInput(forms.TextInput):
    """A text input offering `suggestions` (an HTML datalist) while any text may be typed."""

    def __init__(self, suggestions, attrs=None):
        super().__init__(attrs)
        self.suggestions = list(suggestions)

    def render(self, name, value, attrs=None, renderer=None):
        list_id = f"{(attrs or {}).get('id') or 'id_' + name}-suggestions"
        html = super().render(name, value, {**(attrs or {}), "list": list_id}, renderer)
        options = format_html_join("", '<option value="{}"></option>',
                                   ((suggestion,) for suggestion in self.suggestions))
        return html + format_html('<datalist id="{}">{}</datalist>', list_id, options)


def honorific_input():
    return SuggestionsInput(Honorific.values, attrs={"autocomplete": "honorific-prefix"})


# What each field asks for, in the words browsers and assistive technology understand
# (WCAG 1.3.5, HTML's autofill field names): they fill it in from the person's own details.
AUTOCOMPLETE = {
    "given_name": "given-name", "family_name": "family-name", "email": "email",
    "phone": "tel", "organisation": "organization", "position": "organization-title",
    "date_of_birth": "bday"
}


# Arrival and departure dates further than this from the meeting's dates are refused.
TRAVEL_WINDOW_DAYS = 14


class MemberSelect(forms.Select):
    """The delegation chooser: an option whose delegation has no seat left says so in
    `data-delegation-full`, for static/js/registration.js to warn before submitting."""

    full_members = frozenset()

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value and getattr(value, "value", value) in self.full_members:
            option["attrs"]["data-delegation-full"] = "true"
        return option


class RegistrationForm(PrintableTextMixin, forms.ModelForm):
    """A person registering, or changing a registration, for one meeting.

    `member` fixes the delegation (focal point pages); otherwise the person chooses it.
    `public` is the public form (and the change page behind a signed link): there head of
    delegation is only asked for, so the form says nothing about whether the delegation
    already has one.
    """

    privacy_consent = forms.BooleanField(required=True)

    class Meta:
        model = Registration
        fields = [
            "honorific", "given_name", "family_name", "family_name_first", "name_latin",
            "position", "organisation", "member", "role", "email", "phone",
            "dietary_needs", "accessibility_needs", "arrival_date", "departure_date",
            "needs_visa_letter", "passport_number", "passport_nationality",
            "passport_issued_on", "passport_expires_on", "date_of_birth", "publish_name",
            "participation",
        ]
        widgets = {
            "participation": forms.RadioSelect(),
            "honorific": honorific_input(),
            "arrival_date": DateInput(), "departure_date": DateInput(),
            "passport_issued_on": DateInput(), "passport_expires_on": DateInput(),
            "date_of_birth": DateInput(),
            "dietary_needs": forms.TextInput(), "accessibility_needs": forms.TextInput(),
            "member": MemberSelect(),
        }
        field_classes = {"member": KeptModelChoiceField}
        help_texts = {
            "given_name": _("As in your passport, in your own script. Leave empty if your "
                            "name has one part."),
            "family_name": _("As in your passport, in your own script."),
            "name_latin": _("Optional: your name in Latin letters, printed on the badge under "
                            "your name."),
            "dietary_needs": _("For example vegetarian, halal, allergies."),
            "accessibility_needs": _("Anything that helps you take part: step-free access, "
                                     "sign language, seating."),
            "needs_visa_letter": _("The host administration sends a letter of invitation for "
                                   "your visa application; we then need your passport "
                                   "details."),
        }

    def __init__(self, *args, meeting, member=None, public=False, full_members=frozenset(),
                 **kwargs):
        super().__init__(*args, **kwargs)
        self._one_part_name_as_family_name()
        self.meeting = meeting
        self.full_members = frozenset(full_members)
        # One name is required: the family name, or the only name of a one-part name.
        family = self.fields["family_name"]
        family.required = True
        family.error_messages.update({
            "required": FAMILY_NAME_REQUIRED,
            "max_length": _("Your family name is too long: at most %(limit_value)d characters "
                            "(you gave %(show_value)d)."),
        })
        self.fields["given_name"].error_messages["max_length"] = _(
            "Your given name is too long: at most %(limit_value)d characters "
            "(you gave %(show_value)d).")
        self.fixed_member = member
        self.public = public
        # A focal point registers someone else: their own details must not be offered.
        for name, purpose in AUTOCOMPLETE.items():
            self.fields[name].widget.attrs["autocomplete"] = purpose if public else "off"
        self.fields["member"].keep_choices(member_choices)
        self.fields["member"].label = _("Delegation of")
        self.fields["member"].empty_label = _("Choose a member")
        self.fields["member"].widget.full_members = self.full_members
        self.fields["role"].choices = [(r.value, r.label) for r in PUBLIC_ROLES]
        if public:
            self.fields["role"].help_text = _(
                "Head of delegation is a request: your focal point or the secretariat names "
                "the head; until then you are registered as a delegate.")
        self.fields["needs_visa_letter"].label = _("I need a letter of invitation for my visa")
        self.fields["publish_name"].label = _("My name may appear in the published list of "
                                              "participants")
        self.fields["email"].help_text = _("We send your confirmation and a link to change "
                                           "or cancel your registration here.")
        self.fields["privacy_consent"].label = format_html(
            _('I have read the <a href="{}" target="_blank">privacy notice</a> and agree that '
              "my data is processed for this meeting."), reverse("delegates:privacy"))
        if member is not None:
            del self.fields["member"]
            self.fields["privacy_consent"].label = format_html(
                _('This delegate has been given the <a href="{}" target="_blank">privacy '
                  "notice</a> and agrees that their data is processed for this meeting."),
                reverse("delegates:privacy"))
        if self.instance.pk:
            # Consent was given when registering; changing the details keeps it.
            del self.fields["privacy_consent"]
            if self.instance.role not in PUBLIC_ROLES:
                self.fields["role"].choices += [(self.instance.role,
                                                 self.instance.get_role_display())]
        for name in ("arrival_date", "departure_date"):
            if meeting.start_date:
                self.fields[name].help_text = _(
                    "The meeting: %(dates)s. Travel dates up to %(days)s days before or "
                    "after it.") % {"dates": date_range(meeting.start_date, meeting.end_date),
                                    "days": TRAVEL_WINDOW_DAYS}
        if meeting.online_capacity or self.instance.participation == Participation.ONLINE:
            self.fields["participation"].help_text = _(
                "Online participants get the connection details by mail once confirmed, "
                "and no badge.")
        else:  # in person only: nothing to choose
            del self.fields["participation"]
        self.passport_on_file = stored_passport_details(self.instance)
        for name, value in self.passport_on_file.items():
            self._keep_unless_replaced(name, value)
        # Fieldsets the extensions add to the layout: (legend, field names).
        self.added_fieldsets = []
        # The meeting's own questions (`accreditation`, through `delegates.extensions`).
        extensions.extend_form(self, meeting=meeting, registration=self.instance,
                               audience="delegates" if public else "focal_points")

    def _one_part_name_as_family_name(self):
        """A one-part name typed in the given-name box is taken as the family name (the
        required one), as the help text asks."""
        given, family = self.add_prefix("given_name"), self.add_prefix("family_name")
        if self.is_bound and self.data.get(given, "").strip() and not self.data.get(
                family, "").strip():
            self.data = self.data.copy()
            self.data[family], self.data[given] = self.data[given], ""

    def _keep_unless_replaced(self, name, value):
        """A stored passport detail is never sent back to the browser: the field renders
        empty, says what is on file (masked) and keeps the stored value when left empty."""
        field = self.fields[name]
        self.initial.pop(name, None)
        field.initial = None
        field.widget.attrs["autocomplete"] = "off"
        if name == "passport_number":
            field.help_text = _("On file: %(masked)s — leave empty to keep") % {
                "masked": mask_passport_number(value)}
        else:
            field.help_text = _("On file — leave empty to keep")

    @functools.cached_property
    def helper(self):
        """The layout (crispy-forms), built when the form is shown: a submission that is
        accepted is never laid out."""
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True
        member_field = ["member", HTML(
            '{% load i18n %}<p id="delegation-full-note" class="form-text delegation-full-note"'
            '{% if not form.chosen_delegation_is_full %} hidden{% endif %} role="status">'
            '{% translate "This delegation has no seat left: if you register, you are put on '
            'its waiting list and told by mail as soon as a seat frees." %}</p>'
        )] if "member" in self.fields else []
        consent = ["privacy_consent"] if "privacy_consent" in self.fields else []
        helper.layout = Layout(
            Fieldset(
                _("Your name"),
                Row(Column("honorific", css_class="col-md-3"),
                    Column("given_name", css_class="col-md-4"),
                    Column("family_name", css_class="col-md-5")),
                "family_name_first", "name_latin",
            ),
            Fieldset(
                _("Your delegation"),
                *member_field,
                Row(Column("role", css_class="col-md-4"),
                    Column("position", css_class="col-md-8")),
                "organisation",
                *(["participation"] if "participation" in self.fields else []),
            ),
            Fieldset(
                _("How to reach you"),
                Row(Column("email", css_class="col-md-7"), Column("phone", css_class="col-md-5")),
            ),
            Fieldset(
                _("Your stay"),
                Row(Column("arrival_date", css_class="col-md-6"),
                    Column("departure_date", css_class="col-md-6")),
                "dietary_needs", "accessibility_needs",
            ),
            Fieldset(
                _("Visa"),
                "needs_visa_letter",
                Div(
                    HTML('<p class="text-body-secondary small">{% load i18n %}{% translate '
                         '"Only needed for the letter of invitation; the host administration '
                         'receives these details and nobody else." %}</p>'),
                    Row(Column("passport_number", css_class="col-md-6"),
                        Column("passport_nationality", css_class="col-md-6")),
                    Row(Column("passport_issued_on", css_class="col-md-4"),
                        Column("passport_expires_on", css_class="col-md-4"),
                        Column("date_of_birth", css_class="col-md-4")),
                    css_id="passport-fields", css_class="passport-fields",
                ),
            ),
            Fieldset(_("Privacy"), "publish_name", *consent),
            *(Fieldset(legend, *names) for legend, names in self.added_fieldsets),
        )
        return helper

    def _clean_name(self, field):
        return unicodedata.normalize("NFC", self.cleaned_data.get(field, "").strip())

    def clean_given_name(self):
        return self._clean_name("given_name")

    def clean_family_name(self):
        return self._clean_name("family_name")

    def clean_name_latin(self):
        return self._clean_name("name_latin")

    def clean_email(self):
        return self.cleaned_data["email"].strip()

    def clean(self):
        cleaned = super().clean()
        if "family_name" not in self.errors:
            try:
                validate_has_a_name(cleaned.get("given_name"), cleaned.get("family_name"),
                                    message=FAMILY_NAME_REQUIRED)
            except forms.ValidationError as error:
                self.add_error("family_name", error)
        self._clean_dates(cleaned)
        self._keep_stored_passport(cleaned)
        self._clean_passport(cleaned)
        self._clean_head(cleaned)
        self._clean_email_free(cleaned)
        return cleaned

    def _clean_email_free(self, cleaned):
        """An address already registered for the meeting, told with the form's other errors
        so that every message comes at once. A form with no other error goes on to the
        service, whose save the database refuses with the same message on the same field
        (`services._save`, `add_service_error`): one query fewer for every submission."""
        email = cleaned.get("email")
        if not email or not self.errors or "email" in self.errors:
            return
        try:
            check_email_free(meeting=self.meeting, email=email, exclude=self.instance.pk)
        except RegistrationError as exc:
            self.add_error("email", forms.ValidationError(exc.message, code=exc.code))

    def _clean_dates(self, cleaned):
        arrival, departure = cleaned.get("arrival_date"), cleaned.get("departure_date")
        if arrival and departure and departure < arrival:
            self.add_error("departure_date", forms.ValidationError(
                _("The departure date cannot be before the arrival date."),
                code="departure_before_arrival"))
            return
        start, end = self.meeting.start_date, self.meeting.end_date or self.meeting.start_date
        if start is None:
            return
        window = dt.timedelta(days=TRAVEL_WINDOW_DAYS)
        if arrival and arrival < start - window:
            self.add_error("arrival_date", forms.ValidationError(
                _("Arrive at most %(days)s days before the meeting, from %(date)s.")
                % {"days": TRAVEL_WINDOW_DAYS, "date": date_long(start - window)},
                code="arrival_too_early"))
        if departure and departure > end + window:
            self.add_error("departure_date", forms.ValidationError(
                _("Leave at most %(days)s days after the meeting, by %(date)s.")
                % {"days": TRAVEL_WINDOW_DAYS, "date": date_long(end + window)},
                code="departure_too_late"))
        if start and arrival and arrival > end:
            self.add_error("arrival_date", forms.ValidationError(
                _("You would arrive after the meeting has ended."), code="arrival_after_end"))
        if start and departure and departure < start:
            self.add_error("departure_date", forms.ValidationError(
                _("You would leave before the meeting begins."),
                code="departure_before_start"))

    def _keep_stored_passport(self, cleaned):
        """Passport fields left empty keep what is on file, and the visa-letter rules below
        then check the stored values."""
        for name, value in self.passport_on_file.items():
            if name not in self.errors and cleaned.get(name) in (None, ""):
                cleaned[name] = value

    def _clean_passport(self, cleaned):
        for name, error in visa_request_errors(cleaned, meeting=self.meeting).items():
            self.add_error(name, error)

    def _clean_head(self, cleaned):
        member = self.fixed_member or cleaned.get("member")
        if self.public or cleaned.get("role") != Role.HEAD_OF_DELEGATION or member is None:
            return
        try:
            check_head_free(meeting=self.meeting, member=member, exclude=self.instance.pk)
        except RegistrationError as exc:
            self.add_error("role", forms.ValidationError(exc.message, code=exc.code))

    @property
    def chosen_delegation_is_full(self):
        """The delegation chosen in the submitted data holds all its seats."""
        value = self.data.get(self.add_prefix("member")) if self.is_bound else None
        return bool(value) and str(value).isdigit() and int(value) in self.full_members

    def validate_unique(self):
        """The uniqueness rules are checked in clean() with clear messages, and again by the
        services and the database."""

    def _get_validation_exclusions(self):
        # The delegation chooser has just read the member from its queryset: the model's
        # validation of the foreign key would read it from the database once more.
        return super()._get_validation_exclusions() | {"member"}

    def _post_clean(self):
        # Each rule of the registration's database constraints (one address, one head, a
        # name, departure after arrival) is checked in clean() with its own message, and
        # again by the services and the database: the model's validation need not ask the
        # database once more for each of them.
        self.instance.validate_constraints = lambda exclude=None: None
        try:
            super()._post_clean()
        finally:
            del self.instance.validate_constraints

    def registration_data(self):
        """The cleaned values as `registration_submit` / `registration_update` take them."""
        data = {name: self.cleaned_data[name] for name in self._meta.fields
                if name in self.fields}
        if self.fixed_member is not None and not self.instance.pk:
            data["member"] = self.fixed_member
        if "privacy_consent" in self.fields:
            data["privacy_consent_at"] = timezone.now()
        return data


# Which form field shows a service error with this code.
ERROR_FIELDS = {
    "duplicate_email": "email", "duplicate_head": "role", "name_required": "family_name",
    "departure_before_arrival": "departure_date", "delegation_full": "member",
    "consent_required": "privacy_consent", "online_not_offered": "participation",
    "no_seat": "participation",
}


def add_service_error(form, error):
    """Show a RegistrationError on the field it concerns, or above the form."""
    field = ERROR_FIELDS.get(error.code)
    form.add_error(field if field in form.fields else None, error)


class FocalPointInviteForm(PrintableTextMixin, forms.Form):
    email = forms.EmailField(label=_("Email"))
    first_name = forms.CharField(label=_("Given name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Family name"), max_length=150, required=False)
    member = fields.ModelChoiceField(Member.objects.order_by("kind", "name"), label=_("Member"))

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user and FocalPoint.objects.filter(user=user).exists():
            raise forms.ValidationError(_("This person is already a focal point."),
                                        code="already_focal_point")
        return email


class RegistrationAdminForm(PrintableTextMixin, forms.ModelForm):
    """The admin's registration form: the same character, email, name and visa-letter rules
    as the public form. The admin leaves the passport fields out for those who may not see
    them: the visa-letter rule then reads what is on file and speaks above the form."""

    class Meta:
        model = Registration
        # the admin narrows these to its fieldsets
        fields = ["meeting", *EDITABLE_FIELDS, "language"]
        widgets = {"honorific": honorific_input()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "language" in self.fields:
            # Left out, the person's language stays as it is (a new one: the page's).
            self.fields["language"].required = False
        if "participation" in self.fields:
            self.fields["participation"].required = False

    def clean_participation(self):
        """Left out: as it was, a new registration in the room."""
        return (self.cleaned_data.get("participation") or self.instance.participation
                or Participation.IN_PERSON)

    def _meeting(self):
        if "meeting" in self.fields:
            return self.cleaned_data.get("meeting")
        return self.instance.meeting if self.instance.meeting_id else None

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        meeting = self._meeting()
        if meeting is not None:
            check_email_free(meeting=meeting, email=email, exclude=self.instance.pk)
        return email

    def _value(self, cleaned, name):
        return cleaned.get(name) if name in self.fields else getattr(self.instance, name)

    def clean(self):
        cleaned = super().clean()
        names = ("given_name", "family_name")
        if not set(names) & set(self.errors):
            try:
                validate_has_a_name(*(self._value(cleaned, name) for name in names))
            except forms.ValidationError as error:
                self.add_error("family_name" if "family_name" in self.fields else None, error)
        values = {name: self._value(cleaned, name)
                  for name in ("needs_visa_letter", *PASSPORT_FIELDS)}
        for name, error in visa_request_errors(values, meeting=self._meeting()).items():
            if name in self.fields:
                self.add_error(name, error)
            else:
                label = str(Registration._meta.get_field(name).verbose_name)
                self.add_error(None, forms.ValidationError(
                    "%(field)s: %(message)s", code=error.code,
                    params={"field": label[:1].upper() + label[1:],
                            "message": error.message}))
        return cleaned


class LostLinkForm(forms.Form):
    """"Lost your link?": an address and, if the person knows it, the meeting."""

    email = forms.EmailField(label=_("Your email address"), max_length=254,
                             help_text=_("The address you registered with."))
    meeting = forms.ModelChoiceField(
        label=_("Meeting"), queryset=Meeting.objects.none(), required=False,
        empty_label=_("Every meeting I registered for"))

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings


class PhotoForm(forms.Form):
    """The photo for a badge; what it must be is checked by `delegates.photos` in the
    service, whose refusal becomes this field's error."""

    photo = forms.FileField(
        label=_("Photo"), allow_empty_file=True,
        help_text=_("JPEG or PNG, a portrait of the head and shoulders, at least 240 × 320 "
                    "pixels. It is cropped at the centre to the badge's frame (3 wide for 4 "
                    "high) and kept without the file's metadata (camera, place, date)."),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png"}),
    )
