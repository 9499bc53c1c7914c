"""The "forgot my password" form of the sign-in page, sending through the outbox: the request
never waits on the mail server, and the stored message holds no live reset link."""

from django.contrib.auth.forms import PasswordResetForm
from django.utils.translation import get_language

from mail import outbox as mail

from .enums import MailLink


class OutboxPasswordResetForm(PasswordResetForm):
    def send_mail(self, subject_template_name, email_template_name, context, from_email,
                  to_email, html_email_template_name=None):
        user = context["user"]
        # A focal point reads it in their own language; anyone else in the page's.
        focal_point = getattr(user, "focal_point", None)
        mail.queue_mail(to=to_email, template="password_reset",
                        context={"username": user.get_username()},
                        link=MailLink.PASSWORD_SET, user=user,
                        language=focal_point.language if focal_point else get_language())
