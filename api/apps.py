from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "API"

    def ready(self):
        from asem_customs import events

        from . import webhooks

        events.register_listener(webhooks.queue_event_deliveries)
