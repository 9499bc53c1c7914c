"""The secretariat's webhook endpoints and their delivery log: editors register endpoints and
replay deliveries, viewers read both (without the signing secret). API tokens: the
secretariat sees who holds which (never the token, nor its digest) and editors revoke one
(delete), for instance a leaked one; each person makes their own on /api/tokens/."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy, ngettext

from . import services
from .enums import WebhookEvent
from .models import ApiToken, WebhookDelivery, WebhookEndpoint
from .webhooks import validate_webhook_url


class WebhookEndpointForm(forms.ModelForm):
    events = forms.MultipleChoiceField(label=gettext_lazy("events"),
                                       choices=WebhookEvent.choices,
                                       widget=forms.CheckboxSelectMultiple)
    url = forms.URLField(label=gettext_lazy("address"), max_length=500, assume_scheme="https",
                         help_text=gettext_lazy("An https:// address on the public internet."))

    class Meta:
        model = WebhookEndpoint
        fields = ["meeting", "member", "url", "events", "description", "is_active"]

    def clean_url(self):
        url = self.cleaned_data["url"]
        validate_webhook_url(url)
        return url


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    form = WebhookEndpointForm
    list_display = ["url", "meeting", "member", "events_words", "is_active", "created_at"]
    list_filter = ["is_active", "meeting"]
    list_select_related = ["meeting", "member"]
    search_fields = ["url", "description"]
    readonly_fields = ["secret", "created_by", "created_at"]
    raw_id_fields = ["meeting", "member"]

    @admin.display(description=gettext_lazy("events"))
    def events_words(self, obj):
        labels = dict(WebhookEvent.choices)
        return ", ".join(str(labels.get(event, event)) for event in obj.events)

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields

    def get_fields(self, request, obj=None):
        fields = [*self.form.Meta.fields, *self.readonly_fields]
        if not self.has_change_permission(request, obj):
            fields.remove("secret")  # the signing secret is for those who manage endpoints
        return fields

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.action(description=gettext_lazy("Send the selected deliveries again"))
def replay(modeladmin, request, queryset):
    deliveries = list(queryset)
    for delivery in deliveries:
        services.webhook_delivery_replay(delivery=delivery, actor=request.user)
    modeladmin.message_user(request, ngettext(
        "%(count)d delivery is sent again.", "%(count)d deliveries are sent again.",
        len(deliveries)) % {"count": len(deliveries)}, messages.SUCCESS)


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "event", "endpoint", "status", "attempts", "response_status",
                    "next_attempt_at"]
    list_filter = ["status", "event"]
    list_select_related = ["endpoint"]
    search_fields = ["endpoint__url", "event_id"]
    date_hierarchy = "created_at"
    actions = [replay]
    readonly_fields = ["event_id", "endpoint", "event", "payload", "status", "attempts",
                       "next_attempt_at", "last_attempt_at", "response_status", "error",
                       "created_at", "delivered_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.has_perm("api.change_webhookdelivery"):
            actions.pop("replay", None)
        return actions


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "token_key", "scope", "created", "expiry", "last_used_at"]
    list_filter = ["scope"]
    list_select_related = ["user"]
    search_fields = ["name", "token_key", "user__username"]
    fields = ["name", "user", "token_key", "scope", "created", "expiry", "last_used_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False  # made by their owner only, shown once

    def has_change_permission(self, request, obj=None):
        return False
