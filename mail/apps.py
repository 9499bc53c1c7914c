from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailConfig(AppConfig):
    """The outbox every app writes to, and the tasks that send it."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "mail"
    verbose_name = _("Mail")
