"""Hotels with their room blocks, and each person's travel details, in the admin. Travel
details are saved through the one service (`logistics.services.travel_details_save`), so
the room quotas and the date rules hold here as on the delegates' pages."""

from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

from asem_customs.admin_lookups import SensitiveLookupsAdminMixin
from logistics.models import Hotel, RoomBlock, TravelDetails
from logistics.services import TRAVEL_FIELDS, TravelError, travel_details_save


class RoomBlockInline(admin.TabularInline):
    model = RoomBlock
    extra = 3


@admin.register(Hotel)
class HotelAdmin(SensitiveLookupsAdminMixin, admin.ModelAdmin):
    list_display = ["name", "meeting", "address"]
    list_filter = ["meeting"]
    list_select_related = ["meeting"]
    search_fields = ["name", "address"]
    inlines = [RoomBlockInline]


@admin.register(RoomBlock)
class RoomBlockAdmin(SensitiveLookupsAdminMixin, admin.ModelAdmin):
    """The rooms each hotel holds per night (also edited on the hotel's page)."""

    list_display = ["hotel", "meeting", "night", "rooms"]
    list_filter = ["hotel__meeting", "hotel"]
    list_select_related = ["hotel__meeting"]
    date_hierarchy = "night"

    @admin.display(description=_("meeting"), ordering="hotel__meeting")
    def meeting(self, block):
        return block.hotel.meeting


@admin.register(TravelDetails)
class TravelDetailsAdmin(SensitiveLookupsAdminMixin, admin.ModelAdmin):
    list_display = ["registration", "meeting", "member", "arrival_flight", "arrival_time",
                    "hotel", "check_in", "check_out", "diet"]
    list_filter = ["registration__meeting", "hotel", "diet", "arrival_transfer",
                   "departure_transfer"]
    list_select_related = ["registration__meeting", "registration__member", "hotel"]
    search_fields = ["registration__family_name", "registration__given_name",
                     "arrival_flight", "departure_flight"]
    raw_id_fields = ["registration"]
    fieldsets = [
        (None, {"fields": ["registration"]}),
        (_("Arrival"), {"fields": ["arrival_time", "arrival_flight", "arrival_airport",
                                   "arrival_transfer"]}),
        (_("Departure"), {"fields": ["departure_time", "departure_flight",
                                     "departure_airport", "departure_transfer"]}),
        (_("Hotel"), {"fields": ["hotel", "check_in", "check_out"]}),
        (_("Meals"), {"fields": ["diet"]}),
        (None, {"fields": ["updated_at", "updated_by"]}),
    ]
    readonly_fields = ["updated_at", "updated_by"]

    @admin.display(description=_("meeting"), ordering="registration__meeting")
    def meeting(self, travel):
        return travel.registration.meeting

    @admin.display(description=_("member"), ordering="registration__member__name")
    def member(self, travel):
        return travel.registration.member

    def get_readonly_fields(self, request, obj=None):
        # The person a travel record is about does not change.
        return [*self.readonly_fields, "registration"] if obj else self.readonly_fields

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except TravelError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def save_model(self, request, obj, form, change):
        data = {name: form.cleaned_data[name] for name in TRAVEL_FIELDS
                if name in form.cleaned_data}
        saved = travel_details_save(registration=obj.registration, data=data,
                                    actor=request.user)
        for field in saved._meta.concrete_fields:
            setattr(obj, field.attname, getattr(saved, field.attname))
        obj._state.adding = False
        obj._state.db = saved._state.db
