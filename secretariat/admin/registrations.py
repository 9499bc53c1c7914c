"""The secretariat's admin for registrations. Every change of status goes through
`delegates.services` (the same seat rules as the public form); adding or editing a
registration here does too."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import OuterRef, Q, Subquery
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from simple_history.admin import SimpleHistoryAdmin

from accreditation.forms import answers_from, question_fields
from accreditation.selectors import questions_for
from accreditation.services import answers_save
from asem_customs.admin_lookups import SensitiveLookupsAdminMixin
from asem_customs.admin_widgets import LabelledDateTimeMixin
from asem_customs.roles import can_see_passport_details, can_see_photos
from delegates.enums import (
    ACTIVE_STATUSES,
    ADDRESS_HOLDING_STATUSES,
    PASSPORT_FIELDS,
    REGISTRATION_ACTIONS,
    SEAT_HOLDING_STATUSES,
    RegistrationStatus,
    action_words,
    status_words,
)
from delegates.forms import PhotoForm, RegistrationAdminForm
from delegates.models import (
    FocalPoint,
    HeldSeats,
    ImportBatch,
    Registration,
    RegistrationLogEntry,
    RegistrationPhoto,
)
from delegates.passports import masked_value, stored_passport_details
from delegates.photo_views import current_photo
from delegates.services import (
    EDITABLE_FIELDS,
    RegistrationError,
    focal_point_invite,
    registration_cancel,
    registration_confirm,
    registration_make_head,
    registration_mark_attended,
    registration_photo_remove,
    registration_photo_save,
    registration_reject,
    registration_set_language,
    registration_submit,
    registration_update,
    registration_waitlist,
)
from delegates.validators import PrintableTextMixin
from delegates.visa import with_visa_letter
from meetings.enums import PhotoRule
from meetings.models import Meeting, Member
from meetings.templatetags.meeting_tags import person_name
from secretariat.documents import badges_document, visa_letters_document
from secretariat.job_views import document_response

from .read_only import NoAddOrChangeAdmin, ReadOnlyAdmin


class FocalPointInviteForm(PrintableTextMixin, forms.ModelForm):
    """Adding a focal point in the admin invites the person (`focal_point_invite`)."""

    email = forms.EmailField(label=gettext_lazy("Email address"), max_length=254)
    first_name = forms.CharField(label=gettext_lazy("First name"), max_length=150,
                                 required=False)
    last_name = forms.CharField(label=gettext_lazy("Last name"), max_length=150,
                                required=False)

    class Meta:
        model = FocalPoint
        fields = ["member"]


@admin.register(FocalPoint)
class FocalPointAdmin(SensitiveLookupsAdminMixin, admin.ModelAdmin):
    list_display = ["user", "member", "invited_at", "invited_by", "accepted"]
    list_filter = ["member__region", "member"]
    search_fields = ["user__username", "user__email", "user__last_name", "member__name"]
    list_select_related = ["user", "member", "invited_by"]
    autocomplete_fields = ["member"]
    raw_id_fields = ["user", "invited_by"]
    date_hierarchy = "invited_at"
    actions = ["invite_again"]
    add_fieldsets = [(None, {
        "fields": ["email", ("first_name", "last_name"), "member"],
        "description": gettext_lazy("The person is mailed a link to set a password and sign "
                                    "in as the focal point of this member."),
    })]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = FocalPointInviteForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        return self.add_fieldsets if obj is None else super().get_fieldsets(request, obj)

    def add_view(self, request, form_url="", extra_context=None):
        try:
            return super().add_view(request, form_url, extra_context)
        except RegistrationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        data = form.cleaned_data
        invited = focal_point_invite(
            user_email=data["email"], member=data["member"], actor=request.user,
            first_name=data["first_name"], last_name=data["last_name"])
        for field in invited._meta.concrete_fields:
            setattr(obj, field.attname, getattr(invited, field.attname))
        obj._state.adding = False
        obj._state.db = invited._state.db
        self.message_user(request, _("The invitation was mailed to %(email)s.")
                          % {"email": invited.user.email}, messages.SUCCESS)
        return None

    @admin.display(description=gettext_lazy("signed in"), boolean=True)
    def accepted(self, obj):
        return obj.user.last_login is not None

    @admin.action(description=gettext_lazy("Send the invitation again"),
                  permissions=["change"])
    def invite_again(self, request, queryset):
        sent = 0
        for focal_point in queryset.select_related("user", "member"):
            try:
                focal_point_invite(user_email=focal_point.user.email,
                                   member=focal_point.member, actor=request.user)
            except RegistrationError as exc:
                self.message_user(request, f"{focal_point.user.email}: "
                                  f"{' '.join(exc.messages)}", messages.ERROR)
            else:
                sent += 1
        if sent:
            self.message_user(request, ngettext("%d invitation sent again.",
                                                "%d invitations sent again.", sent) % sent,
                              messages.SUCCESS)


class RegistrationLogEntryInline(admin.TabularInline):
    model = RegistrationLogEntry
    extra = 0
    can_delete = False
    fields = ["created_at", "what", "from_words", "to_words", "actor", "note"]
    readonly_fields = fields
    verbose_name_plural = gettext_lazy("State changes (who, when, what)")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("what happened"))
    def what(self, obj):
        return action_words(obj.action)

    @admin.display(description=gettext_lazy("from status"))
    def from_words(self, obj):
        return status_words(obj.from_status)

    @admin.display(description=gettext_lazy("to status"))
    def to_words(self, obj):
        return status_words(obj.to_status)


class ActionFilter(admin.SimpleListFilter):
    """The actions of the history, by their words."""

    title = gettext_lazy("what happened")
    parameter_name = "action"

    def lookups(self, request, model_admin):
        return list(REGISTRATION_ACTIONS.items())

    def queryset(self, request, queryset):
        return queryset.filter(action=self.value()) if self.value() else queryset


class CheckedInFilter(admin.SimpleListFilter):
    title = gettext_lazy("checked in")
    parameter_name = "checked_in"

    def lookups(self, request, model_admin):
        return [("yes", _("Checked in")), ("no", _("Not checked in"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(attended_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(attended_at__isnull=True)
        return queryset


class SpecialNeedsFilter(admin.SimpleListFilter):
    title = gettext_lazy("special needs")
    parameter_name = "needs"

    def lookups(self, request, model_admin):
        return [("diet", _("Dietary needs")), ("access", _("Accessibility needs")),
                ("visa", _("Visa invitation letter"))]

    def queryset(self, request, queryset):
        conditions = {"diet": ~Q(dietary_needs=""), "access": ~Q(accessibility_needs=""),
                      "visa": Q(needs_visa_letter=True)}
        if self.value() in conditions:
            return queryset.filter(conditions[self.value()])
        return queryset


class RejectForm(PrintableTextMixin, forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason (sent to the person)"), widget=forms.Textarea(attrs={
            "rows": 4, "cols": 60}), max_length=2000,
    )


class CancelForm(RejectForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].help_text = _(
            "For example: “At your request” or “Registered twice”.")


STATUS_REASON_TEMPLATE = "admin/delegates/registration/status_reason.html"
# The status buttons of a registration's page: (label, whether it asks for a reason first).
STATUS_BUTTONS = {
    "confirm": (gettext_lazy("Confirm"), False),
    "waitlist": (gettext_lazy("Move to the waiting list"), False),
    "mark_attended": (gettext_lazy("Mark attended"), False),
    "reject": (gettext_lazy("Reject…"), True),
    "cancel": (gettext_lazy("Cancel registration…"), True),
}


def _status_buttons(registration):
    """The status changes that make sense for this registration now, in button order."""
    status = registration.status
    offered = []
    if status in (RegistrationStatus.PENDING, RegistrationStatus.WAITLISTED):
        offered.append("confirm")
    if status in SEAT_HOLDING_STATUSES:
        offered.append("waitlist")
        if registration.attended_at is None:
            offered.append("mark_attended")
    if status in ACTIVE_STATUSES:
        offered.append("reject")
    if status in ADDRESS_HOLDING_STATUSES:
        offered.append("cancel")
    return [(verb, STATUS_BUTTONS[verb][0], STATUS_BUTTONS[verb][1]) for verb in offered]


@admin.register(Registration)
class RegistrationAdmin(LabelledDateTimeMixin, SensitiveLookupsAdminMixin, SimpleHistoryAdmin):
    form = RegistrationAdminForm
    # What staff look at most fits at 1366 px beside the filters: the Latin name sits under
    # the name, the meeting is named short (city and year; its title on hover).
    list_display = ["person", "meeting_short", "member", "role", "status_chip", "submitted",
                    "checked_in", "visa"]
    list_display_links = ["person"]
    list_filter = ["meeting", "status", "role", "participation", "head_requested",
                   "member__region", "member",
                   CheckedInFilter, SpecialNeedsFilter]
    search_fields = ["given_name", "family_name", "name_latin", "email", "organisation",
                     "member__name", "=badge_code"]
    list_select_related = ["member", "meeting", "meeting__series"]
    list_per_page = 50
    # Newest first on an indexed column: no sort of the whole joined table for one page.
    ordering = ["-created_at", "-id"]
    show_full_result_count = False
    date_hierarchy = "created_at"
    autocomplete_fields = ["member"]
    raw_id_fields = ["registered_by"]
    readonly_fields = ["documents", "status", "head_requested", "badge_code", "attended_at",
                       "rejection_reason", "created_at", "updated_at", "status_changed_at",
                       "registered_by", "anonymised_at", "passport_on_file", "photo_on_file"]
    inlines = [RegistrationLogEntryInline]
    actions = ["confirm", "waitlist", "reject", "cancel", "make_head", "mark_attended",
               "print_badges", "print_visa_letters"]
    fieldsets = [
        (None, {"fields": ["meeting", "member", "role", "participation", "head_requested",
                           "status", "badge_code", "documents", "photo_on_file"]}),
        (gettext_lazy("Name"), {"fields": ["honorific", ("given_name", "family_name"),
                                           "family_name_first", "name_latin"]}),
        (gettext_lazy("Position and contact"), {"fields": ["position", "organisation",
                                                           "email", "phone", "language"]}),
        (gettext_lazy("Stay and needs"), {"fields": [("arrival_date", "departure_date"),
                                                     "dietary_needs", "accessibility_needs"]}),
        (gettext_lazy("Visa invitation letter"), {"fields": [
            "needs_visa_letter", ("passport_number", "passport_nationality"),
            ("passport_issued_on", "passport_expires_on"), "date_of_birth"]}),
        (gettext_lazy("Consent and record"), {"fields": [
            "privacy_consent_at", "publish_name", "registered_by", "created_at",
            "updated_at", "status_changed_at", "attended_at", "rejection_reason",
            "anonymised_at"]}),
    ]

    @admin.display(description=gettext_lazy("name"), ordering="family_name")
    def person(self, obj):
        name = person_name(obj.full_name, obj.member)  # in the language of its script
        if obj.name_latin and obj.name_latin != obj.full_name:
            return format_html('{}<br><span class="latin-name">{}</span>', name, obj.name_latin)
        return name

    @admin.display(description=gettext_lazy("meeting"), ordering="meeting__start_date")
    def meeting_short(self, obj):
        meeting = obj.meeting
        short = " ".join(str(part) for part in (meeting.city, meeting.year) if part)
        return format_html('<span title="{}">{}</span>', meeting.title, short or meeting.title)

    @admin.display(description=gettext_lazy("submitted"), ordering="created_at")
    def submitted(self, obj):
        return formats.date_format(timezone.localtime(obj.created_at), "SHORT_DATE_FORMAT")

    @admin.display(description=gettext_lazy("checked in"), ordering="attended_at")
    def checked_in(self, obj):
        if obj.attended_at is None:
            return "—"
        return formats.date_format(timezone.localtime(obj.attended_at), "SHORT_DATETIME_FORMAT")

    @admin.display(description=gettext_lazy("visa letter"), ordering="needs_visa_letter")
    def visa(self, obj):
        return _("Needed") if obj.needs_visa_letter else "—"

    @admin.display(description=gettext_lazy("status"), ordering="status")
    def status_chip(self, obj):
        return format_html('<span class="status-chip status-{}">{}</span>', obj.status,
                           obj.get_status_display())

    @admin.display(description=gettext_lazy("documents"))
    def documents(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        badge = reverse("staff:badge", args=[obj.meeting.slug, obj.pk])
        links = format_html('<a href="{}">{}</a>', badge, _("Badge (PDF)"))
        if obj.needs_visa_letter:
            letter = reverse("staff:visa_letter", args=[obj.meeting.slug, obj.pk])
            links += format_html(' · <a href="{}">{}</a>', letter, _("Visa letter (PDF)"))
        if obj.attended_at:
            certificate = reverse("staff:certificate", args=[obj.meeting.slug, obj.pk])
            links += format_html(' · <a href="{}">{}</a>', certificate,
                                 _("Certificate of attendance (PDF)"))
        return links

    @admin.display(description=gettext_lazy("photo"))
    def photo_on_file(self, obj):
        """Whether a photo is on file, and the page that shows and changes it (for the
        staff who check people in: `roles.can_see_photos`)."""
        if obj is None or obj.pk is None or obj.meeting.photos == PhotoRule.OFF:
            return _("This meeting takes no photos.") if obj is not None and obj.pk else "—"
        photo = current_photo(obj)
        page = reverse("admin:delegates_registration_photo", args=[obj.pk])
        state = (_("On file, uploaded %(date)s") % {
            "date": formats.date_format(timezone.localtime(photo.uploaded_at), "j F Y")}
            if photo else _("None yet"))
        return format_html('{} · <a class="link-in-text" href="{}">{}</a>', state, page,
                           _("See or change the photo"))

    @admin.display(description=gettext_lazy("passport details"))
    def passport_on_file(self, obj):
        """What is on file, masked (`delegates.passports`), for those who may not see it."""
        details = stored_passport_details(obj)
        if not details:
            return "—"
        return "; ".join(
            f"{obj._meta.get_field(name).verbose_name}: {masked_value(name, value)}"
            for name, value in details.items()
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        """The meeting's questions (all of them: staff see every answer) join the form of a
        stored registration, built by the same helper as the public and focal forms."""
        questions = question_fields(obj.meeting, audience="staff", registration=obj) if obj \
            else {}
        if questions:
            kwargs["form"] = type(self.form.__name__, (self.form,), {
                name: field for name, (_question, field) in questions.items()})
        form = super().get_form(request, obj, change, **kwargs)
        form.question_fields = questions
        return form

    def get_fieldsets(self, request, obj=None):
        """Passport details in full only for holders of the permission; others see what is
        on file, masked and read-only, and their form has no passport field at all. The
        meeting's questions come last."""
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None:
            names = [question.field_name
                     for question in questions_for(obj.meeting_id, audience="staff")]
            if names:
                fieldsets = [*fieldsets, (gettext_lazy("Questions of the meeting"),
                                          {"fields": names})]
        if can_see_passport_details(request.user):
            return fieldsets
        masked = []
        for name, options in fieldsets:
            fields = [field for field in options["fields"]
                      if not set(field if isinstance(field, tuple) else [field])
                      & set(PASSPORT_FIELDS)]
            if "needs_visa_letter" in fields:
                fields.append("passport_on_file")
            masked.append((name, {**options, "fields": fields}))
        return masked

    def set_history_delta_changes(self, request, historical_records,
                                  foreign_keys_are_objs=True):
        """The history page's list of changes, without passport details for those who
        may not see them."""
        hidden = [] if can_see_passport_details(request.user) else list(PASSPORT_FIELDS)
        previous = None
        for current in historical_records:
            if previous is not None:
                delta = previous.diff_against(current, excluded_fields=hidden,
                                              foreign_keys_are_objs=foreign_keys_are_objs)
                helper = self.get_historical_record_context_helper(request, previous)
                previous.history_delta_changes = helper.context_for_delta_changes(delta)
            previous = current

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            fields.append("meeting")  # a registration never moves to another meeting
        return fields

    # --- the status buttons of one registration's page ------------------------------------

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path("<path:object_id>/status/<str:verb>/",
                 self.admin_site.admin_view(self.status_view),
                 name="{}_{}_status".format(*info)),
            path("<path:object_id>/photo/", self.admin_site.admin_view(self.photo_view),
                 name="{}_{}_photo".format(*info)),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        buttons = []
        if obj is not None and self.has_change_permission(request, obj):
            buttons = _status_buttons(obj)
        return super().change_view(request, object_id, form_url,
                                   {**(extra_context or {}), "status_buttons": buttons})

    def status_view(self, request, object_id, verb):
        """One status change of one registration, through the same service as the action of
        the list; reject and cancel ask for the reason first (GET shows the form)."""
        registration = self.get_object(request, unquote(object_id))
        if registration is None or verb not in STATUS_BUTTONS:
            raise Http404
        if not self.has_change_permission(request, registration):
            raise PermissionDenied
        asks_reason = STATUS_BUTTONS[verb][1]
        if request.method != "POST" and not asks_reason:
            return HttpResponseNotAllowed(["POST"])
        change_url = reverse("admin:delegates_registration_change", args=[registration.pk])
        form = None
        if asks_reason:
            form_class = RejectForm if verb == "reject" else CancelForm
            form = form_class(request.POST if request.method == "POST" else None)
            if not form.is_valid():
                return TemplateResponse(request, STATUS_REASON_TEMPLATE, {
                    **self.admin_site.each_context(request),
                    "title": STATUS_BUTTONS[verb][0], "form": form, "verb": verb,
                    "registration": registration, "opts": self.model._meta,
                    "original": registration, "change_url": change_url,
                })
        actor = request.user
        services = {
            "confirm": lambda: registration_confirm(registration=registration, actor=actor),
            "waitlist": lambda: registration_waitlist(registration=registration, actor=actor),
            "mark_attended": lambda: registration_mark_attended(registration=registration,
                                                                actor=actor),
            "reject": lambda: registration_reject(registration=registration, actor=actor,
                                                  reason=form.cleaned_data["reason"]),
            "cancel": lambda: registration_cancel(registration=registration, actor=actor,
                                                  reason=form.cleaned_data["reason"]),
        }
        try:
            services[verb]()
        except RegistrationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
        else:
            self.message_user(request, _("%(name)s: now %(status)s.") % {
                "name": registration.full_name, "status": registration.get_status_display()},
                messages.SUCCESS)
        return HttpResponseRedirect(change_url)

    def photo_view(self, request, object_id):
        """The person's photo: shown to the staff who check people in, replaced or removed
        through the same service as the person's own page."""
        registration = self.get_object(request, unquote(object_id))
        if registration is None or registration.meeting.photos == PhotoRule.OFF:
            raise Http404
        if not (self.has_change_permission(request, registration)
                and can_see_photos(request.user)):
            raise PermissionDenied
        change_url = reverse("admin:delegates_registration_change", args=[registration.pk])
        form = PhotoForm(request.POST or None, request.FILES or None)
        if request.method == "POST":
            try:
                if "remove" in request.POST:
                    registration_photo_remove(registration=registration, actor=request.user)
                    self.message_user(request, _("The photo has been removed."),
                                      messages.SUCCESS)
                    return HttpResponseRedirect(change_url)
                if form.is_valid():
                    registration_photo_save(registration=registration,
                                            upload=form.cleaned_data["photo"],
                                            actor=request.user)
                    self.message_user(request, _("The photo is saved."), messages.SUCCESS)
                    return HttpResponseRedirect(change_url)
            except RegistrationError as exc:
                form.add_error("photo", exc.message)
        photo = current_photo(registration)
        return TemplateResponse(request, "admin/delegates/registration/photo.html", {
            **self.admin_site.each_context(request),
            "title": _("Photo for the badge"), "form": form, "registration": registration,
            "photo": photo, "opts": self.model._meta, "original": registration,
            "change_url": change_url,
            "photo_url": (reverse("staff:photo", args=[registration.meeting.slug,
                                                       registration.pk]) if photo else ""),
        })

    # --- saving through the services ---------------------------------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except RegistrationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def save_model(self, request, obj, form, change):
        if change:
            data = {name: form.cleaned_data[name] for name in form.changed_data
                    if name in EDITABLE_FIELDS}
            if data:
                registration_update(registration=obj, data=data, actor=request.user)
            if "language" in form.changed_data and form.cleaned_data.get("language"):
                registration_set_language(registration=obj, actor=request.user,
                                          language=form.cleaned_data["language"])
            if getattr(form, "question_fields", None):
                answers_save(registration=obj, actor=request.user,
                             values=answers_from(form.cleaned_data, form.question_fields))
            return
        data = {name: form.cleaned_data[name] for name in EDITABLE_FIELDS
                if name in form.cleaned_data}
        created = registration_submit(meeting=form.cleaned_data["meeting"], data=data,
                                      actor=request.user)
        if form.cleaned_data.get("language"):
            registration_set_language(registration=created, actor=request.user,
                                      language=form.cleaned_data["language"])
        for field in created._meta.concrete_fields:
            setattr(obj, field.attname, getattr(created, field.attname))
        obj._state.adding = False
        obj._state.db = created._state.db

    # --- actions ------------------------------------------------------------------------

    def _each(self, request, queryset, change, done_message):
        """Apply a service to each selected registration, all in one transaction: a rule
        broken by one row is reported and skipped (the service's own savepoint), while
        anything unexpected undoes the whole action and sends no mail."""
        done, failed = 0, []
        with transaction.atomic():
            for registration in queryset.select_related("member", "meeting"):
                try:
                    if change(registration) is not False:
                        done += 1
                except RegistrationError as exc:
                    failed.append(f"{registration.full_name}: {' '.join(exc.messages)}")
        if done:
            self.message_user(request, done_message(done), messages.SUCCESS)
        for failure in failed:
            self.message_user(request, failure, messages.ERROR)

    @admin.action(description=gettext_lazy("Confirm selected registrations"),
                  permissions=["change"])
    def confirm(self, request, queryset):
        self._each(request, queryset.order_by("created_at", "id"),
                   lambda r: registration_confirm(registration=r, actor=request.user),
                   lambda n: ngettext("%d registration confirmed.",
                                      "%d registrations confirmed.", n) % n)

    @admin.action(description=gettext_lazy("Move selected to the waiting list"),
                  permissions=["change"])
    def waitlist(self, request, queryset):
        self._each(request, queryset,
                   lambda r: registration_waitlist(registration=r, actor=request.user),
                   lambda n: ngettext("%d registration moved to the waiting list.",
                                      "%d registrations moved to the waiting list.", n) % n)

    @admin.action(description=gettext_lazy("Reject selected (with a reason)…"),
                  permissions=["change"])
    def reject(self, request, queryset):
        return self._with_reason(
            request, queryset, RejectForm,
            lambda r, reason: registration_reject(registration=r, actor=request.user,
                                                  reason=reason),
            lambda n: ngettext("%d registration rejected; the person was told.",
                               "%d registrations rejected; each person was told.", n) % n,
            title=_("Reject registrations"), action="reject")

    @admin.action(description=gettext_lazy("Cancel selected (with a reason)…"),
                  permissions=["change"])
    def cancel(self, request, queryset):
        """Asks first, as Django's delete does: who is cancelled, and why (told by mail)."""
        return self._with_reason(
            request, queryset, CancelForm,
            lambda r, reason: registration_cancel(registration=r, actor=request.user,
                                                  reason=reason),
            lambda n: ngettext("%d registration cancelled; the person was told.",
                               "%d registrations cancelled; each person was told.", n) % n,
            title=_("Cancel registrations"), action="cancel")

    def _with_reason(self, request, queryset, form_class, change, done_message, *, title,
                     action):
        """An action that asks for a reason first (a page listing who is concerned), then
        makes the change to each registration with it."""
        form = form_class(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            reason = form.cleaned_data["reason"]
            self._each(request, queryset, lambda r: change(r, reason), done_message)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": title, "form": form, "queryset": queryset, "action": action,
            "opts": self.model._meta, "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(
            request, f"admin/delegates/registration/{action}.html", context)

    @admin.action(description=gettext_lazy("Name selected head of their delegation"),
                  permissions=["change"])
    def make_head(self, request, queryset):
        """Grants a request made on the public form (filter "asks to be head of
        delegation"); the previous head, if any, becomes a delegate."""
        self._each(request, queryset,
                   lambda r: registration_make_head(registration=r, actor=request.user),
                   lambda n: ngettext("%d person named head of delegation.",
                                      "%d people named head of delegation.", n) % n)

    def has_delete_permission(self, request, obj=None):
        """Registrations are cancelled or rejected (the seat goes to the waiting list and
        the person is told), never deleted; personal data is erased on the privacy pages."""
        return False

    @admin.action(description=gettext_lazy("Mark selected as attended (check in)"),
                  permissions=["change"])
    def mark_attended(self, request, queryset):
        self._each(request, queryset,
                   lambda r: registration_mark_attended(registration=r, actor=request.user),
                   lambda n: ngettext("%d person checked in.", "%d people checked in.", n) % n)

    @admin.action(description=gettext_lazy("Print badges of selected (PDF)"),
                  permissions=["view"])
    def print_badges(self, request, queryset):
        registrations = list(queryset.select_related("member", "meeting").order_by(
            "meeting", "member__name", "family_name"))
        meeting = registrations[0].meeting
        if len({r.meeting_id for r in registrations}) > 1:
            self.message_user(request, _("Choose registrations of one meeting."),
                              messages.ERROR)
            return None
        return document_response(request, badges_document(
            meeting=meeting, ids=[r.pk for r in registrations], layout="sheet",
            filename="badges.pdf"))

    @admin.action(description=gettext_lazy("Visa invitation letters of selected (PDF)"),
                  permissions=["change"])
    def print_visa_letters(self, request, queryset):
        if not can_see_passport_details(request.user):
            raise PermissionDenied
        registrations, held_back = with_visa_letter(queryset.select_related(
            "member", "meeting", "meeting__host_member"))
        for registration, obstacles in held_back:
            self.message_user(request, _("No visa invitation letter for %(name)s: %(why)s.")
                              % {"name": registration.full_name, "why": "; ".join(obstacles)},
                              messages.WARNING)
        if not registrations or len({r.meeting_id for r in registrations}) > 1:
            self.message_user(request, _("Choose people of one meeting who hold a seat, asked "
                                         "for a visa invitation letter and gave every "
                                         "passport detail."), messages.ERROR)
            return None
        return document_response(request, visa_letters_document(
            meeting=registrations[0].meeting, ids=[r.pk for r in registrations],
            filename="visa-letters.pdf"))


@admin.register(RegistrationLogEntry)
class RegistrationLogEntryAdmin(SensitiveLookupsAdminMixin, ReadOnlyAdmin):
    list_display = ["created_at", "registration", "what", "from_words", "to_words", "actor"]
    list_filter = [ActionFilter, "to_status", "registration__meeting"]
    search_fields = ["registration__family_name", "registration__given_name",
                     "registration__email", "note", "actor__username"]
    list_select_related = ["registration", "actor"]
    date_hierarchy = "created_at"

    @admin.display(description=gettext_lazy("what happened"), ordering="action")
    def what(self, obj):
        return action_words(obj.action)

    @admin.display(description=gettext_lazy("from status"), ordering="from_status")
    def from_words(self, obj):
        return status_words(obj.from_status)

    @admin.display(description=gettext_lazy("to status"), ordering="to_status")
    def to_words(self, obj):
        return status_words(obj.to_status)


@admin.register(HeldSeats)
class HeldSeatsAdmin(ReadOnlyAdmin):
    """The seats each delegation holds, as the PostgreSQL trigger keeps them: to read when a
    count looks wrong, never to edit."""

    list_display = ["meeting_title", "member_name", "participation", "held"]
    list_filter = ["participation"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            meeting_title=Subquery(Meeting.objects.filter(pk=OuterRef("meeting_id"))
                                   .values("title")[:1]),
            member_name=Subquery(Member.objects.filter(pk=OuterRef("member_id"))
                                 .values("name")[:1]),
        )

    @admin.display(description=gettext_lazy("meeting"), ordering="meeting_title")
    def meeting_title(self, obj):
        return obj.meeting_title

    @admin.display(description=gettext_lazy("member"), ordering="member_name")
    def member_name(self, obj):
        return obj.member_name


@admin.register(ImportBatch)
class ImportBatchAdmin(SensitiveLookupsAdminMixin, NoAddOrChangeAdmin):
    """Uploads waiting for their import; their rows (passport details too) are not shown."""

    list_display = ["created_at", "meeting", "member", "uploaded_by", "expires_at"]
    list_select_related = ["meeting", "member", "uploaded_by"]
    fields = ["meeting", "member", "uploaded_by", "created_at", "expires_at"]
    readonly_fields = fields


@admin.register(RegistrationPhoto)
class RegistrationPhotoAdmin(SensitiveLookupsAdminMixin, ReadOnlyAdmin):
    """Who has sent a photo and when: read only, without the image (shown to the check-in
    staff on the registration's photo page, through the same service for every change)."""

    list_display = ["registration", "member", "meeting", "uploaded_at", "width", "height",
                    "size"]
    list_select_related = ["registration__member", "registration__meeting"]
    list_filter = ["registration__meeting"]
    fields = ["registration", "uploaded_at", "uploaded_by", "width", "height", "size"]
    readonly_fields = fields
    ordering = ["-uploaded_at", "-id"]

    @admin.display(description=gettext_lazy("member"))
    def member(self, obj):
        return obj.registration.member

    @admin.display(description=gettext_lazy("meeting"))
    def meeting(self, obj):
        return obj.registration.meeting
