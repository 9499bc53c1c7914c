"""The host's lists as tables of text, the same for the staff page, the PDF and the XLSX
(`secretariat` draws them): a title, then sections, each with a heading, its columns and
its rows. Dates and times are written as the host reads them; a cell is always a string."""

from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from .enums import LogisticsList
from .selectors import (
    accessibility_needs,
    arrivals,
    departures,
    dietary_counts,
    rooming,
    transfers,
    travel_of,
)


@dataclass(frozen=True)
class Section:
    heading: str
    columns: list
    rows: list


@dataclass(frozen=True)
class Table:
    kind: str
    title: str
    sections: list

    @property
    def row_count(self):
        return sum(len(section.rows) for section in self.sections)


def person(registration):
    """The name as written, its Latin transcription after it when it differs."""
    name = " ".join(part for part in (registration.honorific, registration.full_name) if part)
    latin = registration.name_latin.strip()
    if latin and latin != registration.full_name:
        name = f"{name} ({latin})"
    return name


def _day(day):
    return date_format(day, "l j F Y") if day else ""


def _time(time):
    return time.strftime("%H:%M") if time else ""


def _yes(flag):
    return _("Yes") if flag else ""


def _hotel(travel):
    return travel.hotel.name if travel.hotel_id else ""


def _travel_table(kind, title, days, way):
    columns = [_("Time"), _("Name"), _("Member"), _("Flight"), _("Airport"),
               _("Transfer"), _("Hotel")]
    sections = []
    for day, people in days:
        rows = []
        for registration in people:
            travel = travel_of(registration)
            rows.append([_time(getattr(travel, f"{way}_time")), person(registration),
                         registration.member.name, getattr(travel, f"{way}_flight"),
                         getattr(travel, f"{way}_airport"),
                         _yes(getattr(travel, f"{way}_transfer")), _hotel(travel)])
        sections.append(Section(ngettext("%(day)s: %(count)s person", "%(day)s: %(count)s people",
                                         len(rows)) % {"day": _day(day), "count": len(rows)},
                                columns, rows))
    return Table(kind, title, sections)


def arrivals_table(meeting):
    return _travel_table(LogisticsList.ARRIVALS, str(LogisticsList.ARRIVALS.label),
                         arrivals(meeting), "arrival")


def departures_table(meeting):
    return _travel_table(LogisticsList.DEPARTURES, str(LogisticsList.DEPARTURES.label),
                         departures(meeting), "departure")


def transfers_table(meeting):
    columns = [_("Date"), _("Time"), _("Way"), _("Name"), _("Member"), _("Phone"),
               _("Flight"), _("Airport"), _("Hotel")]
    rows = [[_day(t.day), _time(t.time), t.direction, person(t.registration),
             t.registration.member.name, t.registration.phone, t.flight, t.airport, t.hotel]
            for t in transfers(meeting)]
    return Table(LogisticsList.TRANSFERS, str(LogisticsList.TRANSFERS.label),
                 [Section(ngettext("%(count)s transfer", "%(count)s transfers", len(rows))
                          % {"count": len(rows)}, columns, rows)])


def rooming_table(meeting):
    sections = []
    for hotel in rooming(meeting):
        guests = {}
        for _night, _rooms, people in hotel.nights:
            for registration in people:
                guests.setdefault(registration.pk, registration)
        guest_rows = [[person(r), r.member.name, r.get_role_display(),
                       _day(r.travel.check_in), _day(r.travel.check_out),
                       str(len(r.travel.nights))]
                      for r in sorted(guests.values(), key=lambda r: (
                          r.member.name, r.family_name, r.given_name, r.pk))]
        sections.append(Section(
            _("%(hotel)s: guests") % {"hotel": hotel.hotel.name},
            [_("Name"), _("Member"), _("Role"), pgettext("hotel", "Check-in"),
             pgettext("hotel", "Check-out"), _("Nights")],
            guest_rows))
        sections.append(Section(
            _("%(hotel)s: rooms per night") % {"hotel": hotel.hotel.name},
            [_("Night of"), _("Rooms held"), _("Rooms booked"), _("Rooms free"), _("Guests")],
            [[_day(night), str(rooms), str(len(people)), str(max(rooms - len(people), 0)),
              "; ".join(person(r) for r in people)]
             for night, rooms, people in hotel.nights]))
    return Table(LogisticsList.ROOMING, str(LogisticsList.ROOMING.label), sections)


def dietary_table(meeting, *, registrations=None, everyone=None):
    """The diets of everyone holding a seat, or of `registrations` (a side event's), the
    total row named `everyone`."""
    counts, written = dietary_counts(meeting, registrations=registrations)
    total = sum(count.count for count in counts)
    count_rows = [[count.label, str(count.count)] for count in counts]
    count_rows.append([everyone or _("Everyone holding a seat"), str(total)])
    people_rows = [[person(r), r.member.name, travel_of(r).get_diet_display()
                    if travel_of(r).diet else "", r.dietary_needs] for r in written]
    return Table(LogisticsList.DIETARY, str(LogisticsList.DIETARY.label), [
        Section(_("Diets counted"), [_("Diet"), _("People")], count_rows),
        Section(_("Needs by person"), [_("Name"), _("Member"), _("Diet"), _("Details")],
                people_rows),
    ])


def accessibility_table(meeting):
    rows = [[person(r), r.member.name, r.get_role_display(), r.accessibility_needs,
             _hotel(travel_of(r))] for r in accessibility_needs(meeting)]
    return Table(LogisticsList.ACCESSIBILITY, str(LogisticsList.ACCESSIBILITY.label), [
        Section(ngettext("%(count)s person", "%(count)s people", len(rows))
                % {"count": len(rows)},
                [_("Name"), _("Member"), _("Role"), _("Needs"), _("Hotel")], rows)])


TABLES = {
    LogisticsList.ARRIVALS: arrivals_table,
    LogisticsList.DEPARTURES: departures_table,
    LogisticsList.TRANSFERS: transfers_table,
    LogisticsList.ROOMING: rooming_table,
    LogisticsList.DIETARY: dietary_table,
    LogisticsList.ACCESSIBILITY: accessibility_table,
}


def logistics_table(meeting, kind):
    """The list `kind` (a LogisticsList value) of `meeting`; KeyError for another kind."""
    return TABLES[LogisticsList(kind)](meeting)
