from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    ASIA = "asia", _("Asia")
    EUROPE = "europe", _("Europe")


class MemberKind(models.TextChoices):
    PARTNER = "partner", _("ASEM partner")
    OBSERVER = "observer", _("Observer organisation")


class MeetingStatus(models.TextChoices):
    ANNOUNCED = "announced", _("Announced")
    REGISTRATION_OPEN = "registration_open", _("Registration open")
    REGISTRATION_CLOSED = "registration_closed", _("Registration closed")
    HELD = "held", _("Held")


class AgendaItemKind(models.TextChoices):
    OPENING = "opening", _("Opening")
    BRIEFING = "briefing", _("Briefing")
    REPORT = "report", _("Report")
    DELIBERATION = "deliberation", _("Deliberation")
    ADOPTION = "adoption", _("Adoption")
    CLOSING = "closing", _("Closing")


class PhotoRule(models.TextChoices):
    """Whether a meeting's badges carry a photo of the person."""

    OFF = "off", _("No photos")
    OPTIONAL = "optional", _("Photo optional")
    REQUIRED = "required", _("Photo required")
