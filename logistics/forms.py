"""The travel details form, the same for the delegate, the focal point and the staff: it
checks what a field alone can say; the rules that join fields and the room quotas are the
service's (`logistics.services.travel_details_save`), whose errors come back on the field."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from delegates.forms import DateInput
from delegates.validators import PrintableTextMixin

from .enums import Diet
from .models import Hotel
from .selectors import hotels_with_rooms_left, travel_of
from .services import EDITABLE_FIELDS, TravelError


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class HotelChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, hotel):
        left = getattr(hotel, "rooms_left", {})
        if left and not any(left.values()):
            return _("%(hotel)s (no room left)") % {"hotel": hotel.name}
        if left:
            first, last = min(left), max(left)
            return _("%(hotel)s (rooms held from the night of %(first)s to that of "
                     "%(last)s)") % {"hotel": hotel.name, "first": date_format(first, "j M"),
                                     "last": date_format(last, "j M")}
        return hotel.name


class TravelDetailsForm(PrintableTextMixin, forms.Form):
    arrival_date = forms.DateField(label=_("Arrival date"), required=False, widget=DateInput())
    arrival_time = forms.TimeField(label=_("Arrival time"), required=False,
                                   widget=TimeInput(), help_text=_("Local time of landing."))
    arrival_flight = forms.CharField(label=_("Arrival flight"), max_length=20, required=False,
                                     help_text=_("For example VN 31."))
    arrival_airport = forms.CharField(label=_("Arrival airport"), max_length=100,
                                      required=False)
    arrival_transfer = forms.BooleanField(label=_("I would like a transfer from the airport"),
                                          required=False)
    departure_date = forms.DateField(label=_("Departure date"), required=False,
                                     widget=DateInput())
    departure_time = forms.TimeField(label=_("Departure time"), required=False,
                                     widget=TimeInput(), help_text=_("Local time of take-off."))
    departure_flight = forms.CharField(label=_("Departure flight"), max_length=20,
                                       required=False)
    departure_airport = forms.CharField(label=_("Departure airport"), max_length=100,
                                        required=False)
    departure_transfer = forms.BooleanField(label=_("I would like a transfer to the airport"),
                                            required=False)
    hotel = HotelChoiceField(Hotel.objects.none(), label=_("Hotel"), required=False,
                             empty_label=_("No room from the host (I make my own "
                                           "arrangements)"))
    check_in = forms.DateField(label=_("Hotel check-in"), required=False, widget=DateInput())
    check_out = forms.DateField(label=_("Hotel check-out"), required=False, widget=DateInput())
    diet = forms.ChoiceField(label=_("Diet"), choices=Diet.choices, required=False)
    dietary_needs = forms.CharField(label=_("Dietary needs in your words"), max_length=500,
                                    required=False,
                                    help_text=_("An allergy, or anything the kitchen should "
                                                "know."))
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs"), max_length=500, required=False,
        help_text=_("For example step-free access, a wheelchair, a sign language "
                    "interpreter."))

    def __init__(self, *args, registration, **kwargs):
        self.registration = registration
        travel = travel_of(registration)
        initial = {name: getattr(registration, name) for name in (
            "arrival_date", "departure_date", "dietary_needs", "accessibility_needs")}
        initial.update({name: getattr(travel, name) for name in EDITABLE_FIELDS
                        if name not in initial})
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        hotels = hotels_with_rooms_left(registration.meeting)
        self.fields["hotel"].queryset = Hotel.objects.filter(meeting=registration.meeting)
        self.fields["hotel"].choices = [("", self.fields["hotel"].empty_label)] + [
            (hotel.pk, self.fields["hotel"].label_from_instance(hotel)) for hotel in hotels]
        if not hotels:
            del self.fields["hotel"], self.fields["check_in"], self.fields["check_out"]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(*self._fieldsets())

    def _fieldsets(self):
        yield Fieldset(_("Arrival"),
                       Row(Column("arrival_date", css_class="col-md-6"),
                           Column("arrival_time", css_class="col-md-6")),
                       Row(Column("arrival_flight", css_class="col-md-6"),
                           Column("arrival_airport", css_class="col-md-6")),
                       "arrival_transfer")
        yield Fieldset(_("Departure"),
                       Row(Column("departure_date", css_class="col-md-6"),
                           Column("departure_time", css_class="col-md-6")),
                       Row(Column("departure_flight", css_class="col-md-6"),
                           Column("departure_airport", css_class="col-md-6")),
                       "departure_transfer")
        if "hotel" in self.fields:
            yield Fieldset(_("Hotel"), "hotel",
                           Row(Column("check_in", css_class="col-md-6"),
                               Column("check_out", css_class="col-md-6")))
        yield Fieldset(_("Meals and access"), "diet", "dietary_needs", "accessibility_needs")

    def travel_data(self):
        """The cleaned data as the service takes it."""
        return {name: self.cleaned_data[name] for name in EDITABLE_FIELDS
                if name in self.fields}


def add_travel_error(form, error: TravelError):
    """Show the service's refusal on its field (or on the form)."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error)
