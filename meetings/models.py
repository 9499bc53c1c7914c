"""Meetings and their agendas.

A member is an ASEM partner (a country, the European Union or the ASEAN Secretariat) or an
observer organisation. A meeting belongs to a series and is numbered within it; its agenda
items are ordered, and an action plan adopted at a meeting holds numbered action points that
members carry out and report on until a later meeting reviews them.
"""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .enums import AgendaItemKind, MeetingStatus, MemberKind, PhotoRule, Region


class Member(models.Model):
    """An ASEM partner or an observer organisation that may send a delegation."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    code = models.CharField(
        _("short code"),
        max_length=12,
        unique=True,
        help_text=_("ISO 3166 code for a country, or a short name such as EU or ASEAN."),
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=MemberKind.choices, default=MemberKind.PARTNER
    )
    region = models.CharField(
        _("region"), max_length=10, choices=Region.choices, blank=True,
        help_text=_("The ASEM group of a partner; empty for observer organisations."),
    )
    joined_year = models.PositiveSmallIntegerField(
        _("year of joining ASEM"), null=True, blank=True
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("member")
        verbose_name_plural = _("members")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=MemberKind.OBSERVER) | ~Q(region=""),
                name="member_partner_has_region",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("public:member_detail", kwargs={"code": self.code.lower()})

    @property
    def is_partner(self):
        return self.kind == MemberKind.PARTNER


class MeetingSeries(models.Model):
    """A recurring meeting, such as the ASEM Customs Directors-General and Commissioners Meeting."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=60)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    frequency_years = models.PositiveSmallIntegerField(
        _("held every (years)"), default=2
    )
    description = models.TextField(_("description"), blank=True)
    is_demo = models.BooleanField(
        _("demonstration"), default=False,
        help_text=_("A series for trying the product out, not a real meeting."),
    )

    class Meta:
        ordering = ["is_demo", "name"]
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("public:series_detail", kwargs={"slug": self.slug})


class Meeting(models.Model):
    """One meeting of a series: where and when it meets, and how many seats it offers."""

    series = models.ForeignKey(
        MeetingSeries, on_delete=models.PROTECT, related_name="meetings",
        verbose_name=_("series"),
    )
    number = models.PositiveSmallIntegerField(_("number in the series"))
    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    host_member = models.ForeignKey(
        Member, on_delete=models.PROTECT, null=True, blank=True,
        related_name="hosted_meetings", verbose_name=_("host member"),
    )
    host_organisations = models.TextField(
        _("host organisations"), blank=True,
        help_text=_("One organisation per line, as they should be credited."),
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    venue = models.CharField(_("venue"), max_length=250, blank=True)
    year = models.PositiveSmallIntegerField(
        _("year"), help_text=_("Known even when the dates are not yet.")
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=60, default="UTC",
        help_text=_("IANA name of the venue's time zone, for example Europe/Berlin."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices,
        default=MeetingStatus.ANNOUNCED,
    )
    registration_opens_at = models.DateTimeField(
        _("registration opens at"), null=True, blank=True
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes at"), null=True, blank=True
    )
    capacity = models.PositiveIntegerField(
        _("seats"), default=200, help_text=_("Seats for the whole meeting.")
    )
    delegation_cap = models.PositiveIntegerField(
        _("seats per member"), default=5,
        help_text=_("The most seats one member's delegation may hold."),
    )
    online_capacity = models.PositiveIntegerField(
        _("online seats"), default=0,
        help_text=_("Seats for taking part online, beside those in the room; 0: the meeting "
                    "is in person only. Online seats count neither against the seats of the "
                    "room nor against a delegation's seats."),
    )
    online_connection_details = models.TextField(
        _("connection details for online participants"), blank=True,
        help_text=_("The link, meeting ID and passcode, sent by mail to each online "
                    "participant once confirmed; never shown on the public pages."),
    )
    summary = models.TextField(
        _("public summary"), blank=True,
        help_text=_("What the meeting did, as published. Blank lines separate paragraphs."),
    )
    publish_participants = models.BooleanField(
        _("publish the list of participants"), default=False,
        help_text=_("Show participants' names on the public meeting page "
                    "(only those who consented)."),
    )
    list_host_first = models.BooleanField(
        _("host delegation first in the list of participants"), default=True
    )
    photos = models.CharField(
        _("photos on badges"), max_length=10, choices=PhotoRule.choices, default=PhotoRule.OFF,
        help_text=_("Whether delegates send a photo for their badge, shown at check-in too."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "-number"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.UniqueConstraint(
                fields=["series", "number"], name="meeting_unique_number_in_series"
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="meeting_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(registration_closes_at__isnull=True)
                | Q(registration_opens_at__isnull=True)
                | Q(registration_closes_at__gt=F("registration_opens_at")),
                name="meeting_registration_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=Q(delegation_cap__gte=1), name="meeting_delegation_cap_positive"
            ),
        ]
        indexes = [models.Index(fields=["status", "start_date"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("public:meeting_detail", kwargs={"slug": self.slug})

    @property
    def host_organisation_list(self):
        return [line.strip() for line in self.host_organisations.splitlines() if line.strip()]

    @property
    def place(self):
        """'Berlin, Germany', or only the host when the city is not yet known."""
        parts = [self.city, self.host_member.name if self.host_member else ""]
        return ", ".join(part for part in parts if part)

    @property
    def dates_known(self):
        return self.start_date is not None

    def registration_is_open(self, now=None):
        """Whether the public may register now: status and the opening window agree."""
        if self.status != MeetingStatus.REGISTRATION_OPEN:
            return False
        now = now or timezone.now()
        if self.registration_opens_at and now < self.registration_opens_at:
            return False
        return not (self.registration_closes_at and now >= self.registration_closes_at)

    def registration_window(self, now=None):
        """'open', 'not_yet_open' (announced, or open from a later date) or 'closed'."""
        now = now or timezone.now()
        if self.registration_is_open(now):
            return "open"
        opens = self.registration_opens_at
        if self.status == MeetingStatus.ANNOUNCED or (
            self.status == MeetingStatus.REGISTRATION_OPEN and opens and now < opens
        ):
            return "not_yet_open"
        return "closed"


class Topic(models.Model):
    """A subject deliberated at meetings, shared across meetings."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("public:topic_detail", kwargs={"slug": self.slug})


class ReportingBody(models.Model):
    """A body that reports to the meeting, such as the ASEM Working Group on Customs matters."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("reporting body")
        verbose_name_plural = _("reporting bodies")

    def __str__(self):
        return self.name


class AgendaItem(models.Model):
    """One item of a meeting's agenda, in order."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items",
        verbose_name=_("meeting"),
    )
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=20, choices=AgendaItemKind.choices)
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    topics = models.ManyToManyField(
        Topic, blank=True, related_name="agenda_items", verbose_name=_("topics")
    )
    reporting_bodies = models.ManyToManyField(
        ReportingBody, blank=True, related_name="agenda_items",
        verbose_name=_("reporting bodies"),
        help_text=_("Bodies whose report is heard under this item."),
    )
    reviews_plan = models.ForeignKey(
        "action_plans.ActionPlan", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="review_items", verbose_name=_("reviews action plan"),
        help_text=_("The action plan whose implementation this item reviews."),
    )
    outcome = models.TextField(_("outcome"), blank=True)
    history = HistoricalRecords(m2m_fields=[topics])

    class Meta:
        ordering = ["meeting", "position"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"], name="agenda_item_unique_position"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True)
                | Q(starts_at__isnull=True)
                | Q(ends_at__gte=F("starts_at")),
                name="agenda_item_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.position}. {self.title}"


class Speaker(models.Model):
    """Someone who speaks under an agenda item, with the position they speak in."""

    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="speakers",
        verbose_name=_("agenda item"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position"), max_length=250, blank=True)
    organisation = models.CharField(_("organisation"), max_length=250, blank=True)
    member = models.ForeignKey(
        Member, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="speakers", verbose_name=_("member"),
    )

    class Meta:
        ordering = ["agenda_item", "order", "id"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self):
        return self.name
