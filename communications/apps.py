from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunicationsConfig(AppConfig):
    """The secretariat writing to delegations: the wording of every mail, per meeting."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "communications"
    verbose_name = _("Communications")

    def ready(self):
        from mail.outbox import register_attachments

        from . import mailing, services, signals

        mailing.register_mail_kinds()
        register_attachments("reminder_practical", services.reminder_attachments)
        # The privacy tools' erasure of a person reaches the circulars they received.
        signals.connect()
