"""Invite a focal point of a member from the command line (the secretariat's pages do the
same through the same service)."""

from django.core.management.base import BaseCommand, CommandError

from delegates.services import RegistrationError, focal_point_invite
from meetings.models import Member


class Command(BaseCommand):
    help = "Make the person with EMAIL the focal point of the member CODE and mail a link."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("code", help="Member short code, for example VN or EU.")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")

    def handle(self, *args, email, code, first_name, last_name, **options):
        member = Member.objects.filter(code__iexact=code).first()
        if member is None:
            raise CommandError(f"No member with code {code!r}.")
        try:
            focal_point = focal_point_invite(user_email=email, member=member, actor=None,
                                             first_name=first_name, last_name=last_name)
        except RegistrationError as error:
            raise CommandError(error.message) from error
        self.stdout.write(f"Invited {focal_point.user.email} as focal point of {member}.")
