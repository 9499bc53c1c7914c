from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    """The public site: home, meeting pages, agenda, action plans, members, topics, feeds,
    calendars and the sitemap, built from the data of the apps below it and cached."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "public"
    verbose_name = _("Public site")

    def ready(self):
        from . import mail_attachments

        # The confirmation mail carries the meeting's iCalendar file.
        mail_attachments.register()
