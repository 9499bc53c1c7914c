from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecretariatConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "secretariat"
    verbose_name = _("Secretariat workspace")

    def ready(self):
        from . import generated

        # The documents generated from the data, offered on the documents pages.
        generated.register()
        # The person's own page offers their certificate of attendance, drawn here.
        from delegates.certificates import register_certificate_maker

        from .pdf import certificates_pdf

        register_certificate_maker(certificates_pdf)
