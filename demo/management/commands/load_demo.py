from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from accounts.services import app_secret_display, demo_second_factor
from asem_customs.page_versions import bump_everything
from demo.meetings import load_meetings
from demo.progress import load_progress
from demo.registrations import load_demo_meeting_registrations, load_twelfth_registrations

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
        twelfth, thirteenth, demo = load_meetings()
        added = load_twelfth_registrations(twelfth)
        added += load_demo_meeting_registrations(demo)
        self.stdout.write(
            f"Demo loaded: {twelfth}, {thirteenth}, {demo}; {added} registrations added."
        )
        reports = load_progress(twelfth, thirteenth)
        self.stdout.write(f"Action plan follow-up: {reports} progress reports added.")
        # Registrations are bulk-created, past the signals that refresh cached public pages.
        bump_everything()
        if with_login:
            self._ensure_login()

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
        self.stdout.write(f"Secretariat login: {DEMO_USERNAME} / {DEMO_PASSWORD}")
        # A superuser may see passport details: signing in takes a second step.
        device, codes = demo_second_factor(user=user)
        self.stdout.write(
            "  Second step: a code from an authenticator app given this secret key "
            f"(time-based, 6 digits): {app_secret_display(device)}\n"
            "  or one of these recovery codes (each works once; new ones every time "
            f"load_demo runs): {' '.join(codes)}"
        )
