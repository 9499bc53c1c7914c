"""Drop public-form registrations whose address was not confirmed in time."""

from django.conf import settings
from django.core.management.base import BaseCommand

from delegates.services import expire_unconfirmed_registrations


class Command(BaseCommand):
    help = ("Expire registrations from the public form whose address was not confirmed within "
            "REGISTRATION_CONFIRM_HOURS; their address may register again.")

    def handle(self, *args, **options):
        count = expire_unconfirmed_registrations()
        self.stdout.write(f"Expired {count} unconfirmed registration(s) older than "
                          f"{settings.REGISTRATION_CONFIRM_HOURS} hours.")
