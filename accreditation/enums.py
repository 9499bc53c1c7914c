from django.db import models
from django.utils.translation import gettext_lazy as _


class QuestionKind(models.TextChoices):
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    ONE_CHOICE = "one_choice", _("One choice")
    SEVERAL_CHOICES = "several_choices", _("Several choices")
    YES_NO = "yes_no", _("Yes or no")
    DATE = "date", _("Date")
    COUNTRY = "country", _("Country")
    FILE = "file", _("File")


CHOICE_KINDS = (QuestionKind.ONE_CHOICE, QuestionKind.SEVERAL_CHOICES)


class Audience(models.TextChoices):
    """Who is asked a question, and who sees its answer. Each reaches the ones below it:
    a question for delegates is on the public form and the focal point's and the admin's;
    one for focal points on theirs and the admin's; one for staff in the admin only."""

    DELEGATES = "delegates", _("Delegates (public form, focal points and staff)")
    FOCAL_POINTS = "focal_points", _("Focal points and staff")
    STAFF = "staff", _("Staff only")


# Who fills a form -> the audiences of the questions it shows.
AUDIENCES_OF = {
    Audience.DELEGATES: (Audience.DELEGATES,),
    Audience.FOCAL_POINTS: (Audience.DELEGATES, Audience.FOCAL_POINTS),
    Audience.STAFF: (Audience.DELEGATES, Audience.FOCAL_POINTS, Audience.STAFF),
}


class CredentialsState(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted, awaiting the secretariat")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned to the focal point")
