"""Anonymise the personal data of registrations once their meeting is older than the
retention period. Meant for a nightly timer; running it again changes nothing."""

from django.core.management.base import BaseCommand, CommandError

from secretariat.privacy import (
    anonymise_expired_registrations,
    registrations_due_for_anonymisation,
    retention_cutoff,
)


class Command(BaseCommand):
    help = (
        "Anonymise registrations of meetings that ended more than "
        "PERSONAL_DATA_RETENTION_DAYS ago, keeping the counts public pages use."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None,
            help="Retention period in days (default: PERSONAL_DATA_RETENTION_DAYS).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would be anonymised.",
        )

    def handle(self, *args, days=None, dry_run=False, **options):
        if days is not None and days < 0:
            raise CommandError("--days cannot be negative.")
        cutoff = retention_cutoff(retention_days=days)
        if dry_run:
            count = registrations_due_for_anonymisation(retention_days=days).count()
            self.stdout.write(
                f"{count} registrations of meetings that ended before {cutoff:%Y-%m-%d} "
                "would be anonymised."
            )
            return
        count = anonymise_expired_registrations(retention_days=days)
        self.stdout.write(
            f"Anonymised {count} registrations of meetings that ended before {cutoff:%Y-%m-%d}."
        )
