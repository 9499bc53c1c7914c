"""The host's logistics of a meeting: the hotels where it holds room blocks, and each
person's travel (flights, airport transfers, the hotel nights booked, the diet).

The arrival and departure dates, the dietary needs written out and the accessibility needs
stay on the registration (`delegates.Registration`), where the registration form has always
asked them; `TravelDetails` holds the rest. Quotas are kept by `logistics.services`, which
locks the hotel's row before counting."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from delegates.models import Registration
from meetings.models import Meeting

from .enums import Diet


class Hotel(models.Model):
    """A hotel where the host holds rooms for the meeting's delegates."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="hotels",
                                verbose_name=_("meeting"))
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    note = models.CharField(
        _("note for delegates"), max_length=300, blank=True,
        help_text=_("For example the rate agreed, breakfast included, the walk to the venue."))

    class Meta:
        ordering = ["meeting", "name"]
        verbose_name = _("hotel")
        verbose_name_plural = _("hotels")
        constraints = [models.UniqueConstraint(fields=["meeting", "name"],
                                               name="hotel_one_name_per_meeting")]

    def __str__(self):
        return self.name


class RoomBlock(models.Model):
    """The rooms a hotel holds for the meeting on one night: no more are booked."""

    hotel = models.ForeignKey(Hotel, on_delete=models.CASCADE, related_name="room_blocks",
                              verbose_name=_("hotel"))
    night = models.DateField(_("night of"), help_text=_("The date the night begins."))
    rooms = models.PositiveIntegerField(_("rooms"))

    class Meta:
        ordering = ["hotel", "night"]
        verbose_name = _("room block")
        verbose_name_plural = _("room blocks")
        constraints = [models.UniqueConstraint(fields=["hotel", "night"],
                                               name="room_block_one_per_hotel_and_night")]

    def __str__(self):
        return f"{self.hotel} · {self.night:%Y-%m-%d} · {self.rooms}"


class TravelDetails(models.Model):
    """How one registered person travels and stays: flights, transfers, hotel, diet."""

    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="travel",
        verbose_name=_("registration"))
    arrival_time = models.TimeField(_("arrival time"), null=True, blank=True)
    arrival_flight = models.CharField(_("arrival flight"), max_length=12, blank=True)
    arrival_airport = models.CharField(_("arrival airport"), max_length=100, blank=True)
    arrival_transfer = models.BooleanField(_("transfer from the airport"), default=False)
    departure_time = models.TimeField(_("departure time"), null=True, blank=True)
    departure_flight = models.CharField(_("departure flight"), max_length=12, blank=True)
    departure_airport = models.CharField(_("departure airport"), max_length=100, blank=True)
    departure_transfer = models.BooleanField(_("transfer to the airport"), default=False)
    hotel = models.ForeignKey(Hotel, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="bookings", verbose_name=_("hotel"))
    check_in = models.DateField(_("hotel check-in"), null=True, blank=True)
    check_out = models.DateField(_("hotel check-out"), null=True, blank=True)
    diet = models.CharField(_("diet"), max_length=20, choices=Diet.choices, blank=True,
                            default=Diet.NONE)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("updated by"))

    class Meta:
        verbose_name = _("travel details")
        verbose_name_plural = _("travel details")
        constraints = [
            models.CheckConstraint(
                condition=Q(hotel__isnull=True)
                | Q(check_in__isnull=False, check_out__gt=F("check_in")),
                name="travel_hotel_nights_in_order",
            ),
        ]

    def __str__(self):
        return str(self.registration)

    @property
    def nights(self):
        """The dates of the nights booked at the hotel (each the date the night begins)."""
        if not (self.hotel_id and self.check_in and self.check_out):
            return []
        count = (self.check_out - self.check_in).days
        return [self.check_in + dt.timedelta(days=n) for n in range(count)]
