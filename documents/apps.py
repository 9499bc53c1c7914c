from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "documents"
    verbose_name = _("Meeting documents")

    def ready(self):
        from . import mailing, signals

        # Public meeting pages list public documents; every change bumps their versions.
        signals.connect()
        # The outbox learns the kinds of mail of the record and their placeholders.
        mailing.register_mail_kinds()
