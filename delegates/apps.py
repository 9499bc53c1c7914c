from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DelegatesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "delegates"
    verbose_name = _("Delegates")

    def ready(self):
        from . import (
            checks,  # noqa: F401 - registers the rate-limit checks
            links,
            mailing,
            signals,
        )

        # Public pages show attendance: a registration's change bumps their versions.
        signals.connect()
        # The outbox makes this app's personal links when a mail is sent.
        links.register_mail_links()
        # ... and the kinds of mail it sends, with their placeholders; mail known only by
        # its address goes to a focal point in the focal point's language.
        mailing.register_mail_kinds()
        from mail.outbox import register_address_language

        register_address_language(mailing.focal_point_language)
        # A person's photo goes with the rest of their data when it is erased.
        from .erasure import register_eraser
        from .services import registration_photo_erase

        register_eraser(registration_photo_erase)
