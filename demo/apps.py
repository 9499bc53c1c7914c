from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demonstration and scale data: `load_demo` (the 12th and 13th Meetings and a meeting with
    registration open, with invented delegates) and `seed_scale` (the benchmark's data)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "demo"
    verbose_name = _("Demonstration data")
