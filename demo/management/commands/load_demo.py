import logging
from contextlib import contextmanager

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from accounts.services import app_secret_display, demo_second_factor
from asem_customs.page_versions import bump_everything
from demo.accreditation import load_accreditation
from demo.documents import load_documents
from demo.logistics import load_demo_meeting_logistics
from demo.meetings import load_meetings
from demo.photos import load_demo_photos
from demo.progress import load_progress
from demo.record import load_record
from demo.registrations import load_demo_meeting_registrations, load_twelfth_registrations
from demo.side_events import load_demo_side_events
from demo.translations import load_translations

DEMO_USERNAME = "secretariat"
DEMO_PASSWORD = "demo-secretariat"  # noqa: S105 - printed by `make run`; demo database only


class Command(BaseCommand):
    help = (
        "Load the demo: the 12th ASEM Customs DG-C Meeting (Berlin, 2017) with its agenda, "
        "action plan and 146 invented delegates, the 13th announced for Viet Nam in 2019, and "
        "an upcoming demonstration meeting with registration open. Safe to run twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--with-login", action="store_true",
            help=f"Also create the demo secretariat login '{DEMO_USERNAME}'.",
        )

    def handle(self, *args, with_login=False, **options):
        with _quiet_log():
            twelfth, thirteenth, demo = load_meetings()
            added = load_twelfth_registrations(twelfth)
            added += load_demo_meeting_registrations(demo)
            travelling = load_demo_meeting_logistics(demo)
            signups = load_demo_side_events(demo)
            photos = load_demo_photos(demo)
            reports = load_progress(twelfth, thirteenth)
            documents = load_documents(twelfth)
            load_record(twelfth)
            load_accreditation(demo)
            # Last: the French and Vietnamese texts of what the lines above wrote in English.
            load_translations()
            # Registrations are bulk-created, past the signals that refresh cached public pages.
            bump_everything()
            login = self._ensure_login() if with_login else None
        self.stdout.write(
            f"Demo loaded: {twelfth}, {thirteenth}, {demo}; {added} registrations added."
        )
        self.stdout.write(f"Logistics of {demo}: {travelling} people's travel added.")
        self.stdout.write(f"Side events of {demo}: {signups} sign-ups added.")
        self.stdout.write(f"Action plan follow-up: {reports} progress reports added.")
        self.stdout.write(f"Documents of the 12th Meeting: {documents} added.")
        self.stdout.write(f"Photos of the demonstration meeting's delegates: {photos} drawn "
                          "silhouettes added.")
        if login:
            # Last, so that the address and the login are what `make run` leaves on screen
            # above the server's own lines.
            self.stdout.write(self._login_text(*login))

    def _ensure_login(self):
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=DEMO_USERNAME,
            defaults={"is_staff": True, "is_superuser": True, "email": "secretariat@example.org",
                      "first_name": "Demo", "last_name": "Secretariat"},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        # A superuser may see passport details: signing in takes a second step.
        device, codes = demo_second_factor(user=user)
        return device, codes

    def _login_text(self, device, codes):
        site = settings.SITE_URL
        rule = "=" * 78
        return "\n".join([
            "", rule,
            f"  The demo is ready:  {site}/",
            f"  Staff pages:        {site}/staff/      Admin: {site}/admin/",
            "",
            f"  Secretariat login: {DEMO_USERNAME} / {DEMO_PASSWORD}",
            "  Second step: a code from an authenticator app given this secret key "
            f"(time-based, 6 digits): {app_secret_display(device)}",
            "  or one of these recovery codes (each works once; new ones every time "
            f"load_demo runs): {' '.join(codes)}",
            "",
            "  The demo sends no mail: each message is printed in the terminal that sends",
            "  it. The site's (registration links, password resets) appear here, among the",
            "  server's lines; a command's (manage.py invite_focal_point) in its own.",
            rule, "",
        ])


@contextmanager
def _quiet_log():
    """No INFO lines (audit lines of each demo record, eager Celery tasks) while the demo
    loads: they would bury the address and the login."""
    logging.disable(logging.INFO)
    try:
        yield
    finally:
        logging.disable(logging.NOTSET)
