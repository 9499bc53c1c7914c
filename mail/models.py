"""The outbox: every message the product sends, written in the transaction of the change it
tells of and sent after commit (see `mail.outbox`)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class OutgoingEmail(models.Model):
    """A message waiting to be sent, written in the same transaction as the change it tells of.

    Sending happens after commit and again from `send_queued_mail` until it succeeds, so a
    mail server that is down delays a message but never loses it or the registration.
    """

    to = models.EmailField(_("to"), max_length=254)
    subject = models.CharField(_("subject"), max_length=250)
    body = models.TextField(_("body"))
    kind = models.CharField(_("kind"), max_length=60, blank=True)
    # The recipient's: what is added when the message leaves (the HTML part, a note in
    # place of a link that expired) is in the language of the rest.
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES,
                                default=settings.LANGUAGE_CODE)
    registration = models.ForeignKey(
        "delegates.Registration", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="emails", verbose_name=_("registration"),
    )
    # The personal link is not in `body` (anyone reading the outbox could use it): it is
    # made from these fields when the message is handed to the mail server.
    # The kind of link (registered by the app that makes it, see `mail.outbox.register_link`).
    link = models.CharField(_("personal link"), max_length=20, blank=True, default="")
    link_version = models.PositiveIntegerField(_("link version"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("user"),
    )
    # What the message is about, for the makers of its attachments (`register_attachments`):
    # such as `reminder:12`, the reminder whose documents it carries.
    about = models.CharField(_("about"), max_length=60, blank=True, default="")
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        db_table = "delegates_outgoingemail"  # the table it had in `delegates`
        ordering = ["created_at", "id"]
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        permissions = [("manage_outbox", "Can read and manage the outbox")]
        indexes = [models.Index(fields=["sent_at", "next_attempt_at"])]

    def __str__(self):
        return f"{self.subject} → {self.to}"


class MailTemplate(models.Model):
    """The secretariat's own wording of one kind of mail (`mail.kinds`), for one meeting or,
    with no meeting, for every meeting that has none of its own. Without one, the default
    files under `templates/mail/` are used. Rendered on the sandbox of `mail.sandbox`."""

    kind = models.CharField(_("kind"), max_length=60)
    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, null=True, blank=True,
        related_name="mail_templates", verbose_name=_("meeting"),
    )
    # One wording per language: a mail goes out in its recipient's (mail.rendering).
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES,
                                default=settings.LANGUAGE_CODE)
    subject = models.CharField(_("subject"), max_length=250)
    body = models.TextField(_("text"))
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("changed by"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "language"]
        verbose_name = _("mail template")
        verbose_name_plural = _("mail templates")
        constraints = [
            models.UniqueConstraint(fields=["kind", "meeting", "language"],
                                    name="mailtemplate_one_per_meeting"),
            models.UniqueConstraint(fields=["kind", "language"],
                                    condition=models.Q(meeting__isnull=True),
                                    name="mailtemplate_one_for_all_meetings"),
        ]

    def __str__(self):
        return f"{self.kind} ({self.meeting or _('all meetings')})"
