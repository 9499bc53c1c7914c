from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionPlansConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "action_plans"
    verbose_name = _("Action plans")

    def ready(self):
        from . import mailing, signals

        # Public plan pages are cached; every change bumps the versions of the pages it shows on.
        signals.connect()
        # The outbox learns this app's kinds of mail and their placeholders.
        mailing.register_mail_kinds()
