from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LogisticsConfig(AppConfig):
    """The host's logistics: travel, hotels and their room blocks, needs."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "logistics"
    verbose_name = _("Logistics")

    def ready(self):
        from delegates import extensions
        from delegates.erasure import register_eraser

        from .services import registration_released, travel_details_erase

        # The privacy tools erase a person's registration; the travel details go with it.
        register_eraser(travel_details_erase)
        # A registration giving back its seat gives back its hotel nights.
        extensions.register(extensions.RegistrationExtension(released=registration_released))
