from django.db import models
from django.utils.translation import gettext_lazy as _


class Diet(models.TextChoices):
    """What the host's caterer asks for the official dinner; anything else is written in
    the registration's dietary needs."""

    NONE = "", _("No special diet")
    VEGETARIAN = "vegetarian", _("Vegetarian")
    VEGAN = "vegan", _("Vegan")
    HALAL = "halal", _("Halal")
    KOSHER = "kosher", _("Kosher")
    NO_PORK = "no_pork", _("No pork")
    NO_BEEF = "no_beef", _("No beef")
    GLUTEN_FREE = "gluten_free", _("Gluten free")
    LACTOSE_FREE = "lactose_free", _("Lactose free")
    ALLERGY = "allergy", _("Food allergy (say which)")
    OTHER = "other", _("Other (say which)")


class LogisticsList(models.TextChoices):
    """The lists the host asks for, by the name in their address."""

    ARRIVALS = "arrivals", _("Arrivals by day")
    DEPARTURES = "departures", _("Departures by day")
    TRANSFERS = "transfers", _("Airport transfers")
    ROOMING = "rooming", _("Rooming list")
    DIETARY = "dietary", _("Dietary needs")
    ACCESSIBILITY = "accessibility", _("Accessibility needs")
