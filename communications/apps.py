from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunicationsConfig(AppConfig):
    """The secretariat writing to delegations: the wording of every mail, per meeting."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "communications"
    verbose_name = _("Communications")

    def ready(self):
        from . import mailing, signals

        mailing.register_mail_kinds()
        # The privacy tools' erasure of a person reaches the circulars they received.
        signals.connect()
