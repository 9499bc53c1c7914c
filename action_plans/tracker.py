"""The public tracker of an action plan: each point's official status over time and its
accepted progress reports, laid out for a server-side SVG timeline.

Only official status changes and accepted reports are used, so drafts, submitted and
rejected reports can never appear. The layout is plain numbers; the template draws it.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.formats import date_format

from asem_customs import palette

from .enums import ActionPointStatus

LABEL_WIDTH = 64
CHART_WIDTH = 640
# The layout for a phone: drawn at about the width of its screen, so labels keep their size.
COMPACT_LABEL_WIDTH = 56
COMPACT_CHART_WIDTH = 290
ROW_HEIGHT = 30
BAR_HEIGHT = 14
TOP = 8
AXIS_HEIGHT = 26
# A status reached on the last day drawn (a point carried over when its plan closes) would be
# a sliver: its segment is drawn at least this wide, its dates are in its tooltip.
MIN_LAST_SEGMENT_WIDTH = 12

# Kept for callers that read the tracker's colours; the palette is the one definition.
STATUS_COLOURS = palette.STATUS_COLOURS


@dataclass
class Segment:
    x: float
    width: float
    status: str
    label: str
    colour: str
    start: dt.date
    end: dt.date
    earlier: bool = False


@dataclass
class Marker:
    x: float
    label: str
    report_id: int
    earlier: bool = False


@dataclass
class Row:
    point: object
    y: float
    bar_y: float
    text_y: float
    marker_y: float
    segments: list = field(default_factory=list)
    markers: list = field(default_factory=list)


@dataclass
class Tick:
    x: float
    label: str


@dataclass
class Timeline:
    start: dt.date
    end: dt.date
    width: int
    height: int
    axis_y: float
    rows: list
    ticks: list
    legend: list
    has_earlier: bool = False


def _plan_start(plan):
    start = dt.date(plan.period_start, 1, 1)
    return min(start, plan.adopted_on) if plan.adopted_on else start


def _bounds(plan, points, today):
    start = min([_plan_start(plan)] + [
        _plan_start(point.carried_over_from.plan) for point in points if point.carried_over_from
    ])
    end = dt.date(plan.period_end, 12, 31)
    for point in [*points, *(p.carried_over_from for p in points if p.carried_over_from)]:
        for change in point.status_changes.all():
            start, end = min(start, change.effective_on), max(end, change.effective_on)
        for report in point.accepted_reports:
            start, end = min(start, report.report_date), max(end, report.report_date)
    return start, end, min(end, max(today, start))


def status_periods(point, until):
    """(status, from, to) for each stretch of the point's official status up to `until`."""
    changes = list(point.status_changes.all())
    status = changes[0].from_status if changes else point.status
    periods, since = [], None
    for change in changes:
        periods.append((status, since, change.effective_on))
        status, since = change.to_status, change.effective_on
    periods.append((status, since, until))
    return periods


def build_timeline(plan, points, today=None, compact=False):
    """Lay out one row per point over the plan's period (and any later reports). A point
    carried over from an earlier plan starts with its predecessor's history, drawn as
    earlier (one generation back). `compact` lays it out for a phone's width."""
    today = today or timezone.localdate()
    start, end, drawn_until = _bounds(plan, points, today)
    span = max((end - start).days, 1)
    label_width, chart_width = ((COMPACT_LABEL_WIDTH, COMPACT_CHART_WIDTH) if compact
                                else (LABEL_WIDTH, CHART_WIDTH))

    def x_of(day):
        return round(label_width + chart_width * (day - start).days / span, 1)

    labels = dict(ActionPointStatus.choices)

    def add_segments(row, periods, earlier=False):
        for status, since, until in periods:
            since = max(since or start, start)
            if until <= since and until != drawn_until:
                continue
            row.segments.append(Segment(
                x=x_of(since), width=max(round(x_of(until) - x_of(since), 1), 1.0),
                status=status, label=str(labels.get(status, status)),
                colour=palette.status_colour(status), start=since, end=until,
                earlier=earlier,
            ))

    def widen_last(row):
        if len(row.segments) < 2 or row.segments[-1].width >= MIN_LAST_SEGMENT_WIDTH:
            return
        last, before = row.segments[-1], row.segments[-2]
        grow = min(MIN_LAST_SEGMENT_WIDTH - last.width, max(before.width - 1, 0))
        before.width = round(before.width - grow, 1)
        last.x, last.width = round(last.x - grow, 1), round(last.width + grow, 1)

    def add_markers(row, point, earlier=False):
        for report in point.accepted_reports:
            row.markers.append(Marker(
                x=x_of(report.report_date), report_id=report.pk, earlier=earlier,
                label=f"{date_format(report.report_date, 'DATE_FORMAT')}: "
                      f"{report.member or ''} \u2014 {report.get_proposed_status_display()}",
            ))

    rows = []
    for index, point in enumerate(points):
        y = TOP + index * ROW_HEIGHT
        row = Row(point=point, y=y, bar_y=y + (ROW_HEIGHT - BAR_HEIGHT) / 2,
                  text_y=y + ROW_HEIGHT / 2 + 4, marker_y=y + ROW_HEIGHT / 2)
        predecessor = point.carried_over_from
        own_start = start
        if predecessor is not None:
            periods = status_periods(predecessor, drawn_until)
            own_start = periods[-1][1] or start  # carried over on that day
            add_segments(row, periods[:-1], earlier=True)
            add_markers(row, predecessor, earlier=True)
        add_segments(row, [(status, since or own_start, until)
                           for status, since, until in status_periods(point, drawn_until)])
        add_markers(row, point)
        widen_last(row)
        rows.append(row)
    height = TOP + len(rows) * ROW_HEIGHT + AXIS_HEIGHT
    ticks = [Tick(x=x_of(dt.date(year, 1, 1)), label=str(year))
             for year in range(start.year + (start.timetuple().tm_yday > 1), end.year + 1)]
    legend = [(value, str(label), palette.status_colour(value))
              for value, label in ActionPointStatus.choices]
    return Timeline(start=start, end=end, width=label_width + chart_width + 16, height=height,
                    axis_y=TOP + len(rows) * ROW_HEIGHT, rows=rows, ticks=ticks, legend=legend,
                    has_earlier=any(point.carried_over_from for point in points))
