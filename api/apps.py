from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "API"

    def ready(self):
        from asem_customs import events
        from asem_customs.page_versions import bump_on_change

        from . import webhooks

        events.register_listener(webhooks.queue_event_deliveries)
        # An endpoint added, changed or removed is heard of at the next event.
        bump_on_change(webhooks.endpoint_changed, "api.WebhookEndpoint")
