from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailConfig(AppConfig):
    """The outbox every app writes to, and the tasks that send it."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "mail"
    verbose_name = _("Mail")

    def ready(self):
        from asem_customs.page_versions import bump_on_change

        from . import rendering

        # A wording saved or reset is used from the next mail on.
        bump_on_change(rendering.rewording_changed, "mail.MailTemplate")
