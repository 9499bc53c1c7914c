from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccreditationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accreditation"
    verbose_name = _("Accreditation")

    def ready(self):
        from . import extensions, mailing, signals

        # The registration forms, pages and seat rules of `delegates` (a lower app) reach the
        # meeting's questions and the credentials rule through its registry.
        extensions.register()
        mailing.register_mail_kinds()
        signals.connect()
