"""Side events and their sign-ups in the admin. Events are set up here; sign-ups change only
through `side_events.services` (the seats and the waiting list), from the actions below, the
delegates' and focal points' pages and the staff page of each event."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from asem_customs.admin_lookups import SensitiveLookupsAdminMixin
from side_events.models import SideEvent, SideEventSignup
from side_events.selectors import with_counts
from side_events.services import (
    SignupError,
    side_event_seats_changed,
    signup_cancel,
    signup_mark_attended,
)

from .read_only import NoAddOrChangeAdmin


@admin.register(SideEvent)
class SideEventAdmin(SensitiveLookupsAdminMixin, admin.ModelAdmin):
    list_display = ["name", "meeting", "starts_at", "place", "capacity", "seats_taken",
                    "waiting_list", "signup_open"]
    list_filter = ["meeting", "signup_open"]
    list_select_related = ["meeting"]
    search_fields = ["name", "place"]
    date_hierarchy = "starts_at"

    def get_queryset(self, request):
        return with_counts(super().get_queryset(request))

    def get_readonly_fields(self, request, obj=None):
        # Sign-ups belong to the event's meeting: once someone signed up, it stays there.
        if obj is not None and obj.signups.exists():
            return [*self.readonly_fields, "meeting"]
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and {"capacity", "delegation_cap"} & set(form.changed_data):
            promoted = side_event_seats_changed(event=obj, actor=request.user)
            if promoted:
                self.message_user(request, ngettext(
                    "%(count)d person moved from the waiting list to a seat.",
                    "%(count)d people moved from the waiting list to a seat.",
                    len(promoted)) % {"count": len(promoted)}, messages.SUCCESS)

    @admin.display(description=_("seats taken"), ordering="taken")
    def seats_taken(self, event):
        return event.taken

    @admin.display(description=_("waiting"), ordering="waiting")
    def waiting_list(self, event):
        return event.waiting


@admin.register(SideEventSignup)
class SideEventSignupAdmin(SensitiveLookupsAdminMixin, NoAddOrChangeAdmin):
    list_display = ["registration", "member", "event", "status", "created_at", "attended_at"]
    list_filter = ["event__meeting", "event", "status"]
    list_select_related = ["registration__member", "event"]
    search_fields = ["registration__family_name", "registration__given_name"]
    actions = ["cancel_signups", "check_in"]

    @admin.display(description=_("member"), ordering="registration__member__name")
    def member(self, signup):
        return signup.registration.member

    def has_delete_permission(self, request, obj=None):
        return False  # cancelled through the service, which hands the seat on

    def _each(self, request, queryset, service, done_message):
        done = 0
        for signup in queryset.select_related("event", "registration"):
            try:
                done += service(signup=signup, actor=request.user) is not False
            except SignupError as error:
                self.message_user(request, f"{signup}: {' '.join(error.messages)}",
                                  messages.WARNING)
        if done:
            self.message_user(request, done_message(done), messages.SUCCESS)

    @admin.action(description=_("Cancel the selected sign-ups"),
                  permissions=["change_registration"])
    def cancel_signups(self, request, queryset):
        self._each(request, queryset, signup_cancel, lambda n: ngettext(
            "%(count)d sign-up cancelled.", "%(count)d sign-ups cancelled.", n) % {"count": n})

    @admin.action(description=_("Check the selected people in at their event"),
                  permissions=["change_registration"])
    def check_in(self, request, queryset):
        self._each(request, queryset, signup_mark_attended, lambda n: ngettext(
            "%(count)d person checked in.", "%(count)d people checked in.", n) % {"count": n})

    def has_change_registration_permission(self, request):
        return request.user.has_perm("delegates.change_registration")
