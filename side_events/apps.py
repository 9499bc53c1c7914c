from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SideEventsConfig(AppConfig):
    """The events of a meeting beside its sessions (Customs-Trade Days, the official dinner, a
    site visit): their own seats, sign-ups within a registration, a waiting list, check-in."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "side_events"
    verbose_name = _("Side events")

    def ready(self):
        from delegates import extensions

        from .mailing import register_mail_kinds
        from .services import registration_moved, registration_released

        register_mail_kinds()

        # A registration that no longer holds its seat at the meeting gives back its seats
        # at the side events, which go to their waiting lists.
        # One moved to another delegation keeps an event seat only within its seats per member.
        extensions.register(extensions.RegistrationExtension(released=registration_released,
                                                             moved=registration_moved))
