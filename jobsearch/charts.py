"""The Insights charts, drawn on the server as inline SVG: no chart library, no script.

Each chart function takes plain numbers and returns plain data — the coordinates
of every bar, point and tick, and the labels — and `svg()` writes that out as SVG
markup, escaping every word (a string built here is many times quicker than a
template for the thousands of small elements a timeline has).
Colours come from CSS classes, so the charts follow light and dark mode and print.
A chart also carries its numbers as table rows, so the table beside it shows
exactly what was drawn.
"""

from __future__ import annotations

import functools
import html
import math
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.safestring import SafeString, mark_safe

WIDTH = 640
FONT = 14  # the size of the labels in the SVG, in its own units
LABEL_ROOM = 250  # at most this much of the width for the labels left of bars …
LABEL_CHARS = 32  # … which fits this many characters; longer ones are shortened


@dataclass(frozen=True)
class Tick:
    pos: float  # where on its axis, in SVG units
    label: str


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    x: float
    y: float
    width: float
    height: float
    css: str = ""  # a modifier class: the bar's kind, for colour
    text: str = ""  # the value as written beside or above the bar
    text_x: float = 0
    text_y: float = 0
    target_y: float | None = None  # a goal marked across the bar
    tip: str = ""  # the bar in words, for a pointer hovering it

    @property
    def label_x(self) -> float:
        return round(self.x + self.width / 2, 2)

    @property
    def target_x1(self) -> float:
        return round(self.x - 4, 2)

    @property
    def target_x2(self) -> float:
        return round(self.x + self.width + 4, 2)


# Points and marks are made by the hundred on a long timeline: plain slotted classes,
# which are several times quicker to make than frozen ones.
@dataclass(slots=True)
class Point:
    x: float
    y: float
    value: float
    tip: str


@dataclass(slots=True)
class Mark:
    x: float
    value: int
    tip: str
    css: str = ""


@dataclass
class Lane:
    """A row of marks under a line chart: the days something happened."""

    label: str
    css: str
    y: float
    marks: list[Mark] = field(default_factory=list)


@dataclass
class Chart:
    """Everything a template needs to draw one chart and its table."""

    kind: str  # "bars" (upright), "hbars" (across) or "line"
    id: str
    title: str
    x_label: str
    y_label: str
    columns: list[str]  # the table's headings
    rows: list[list]  # the table's rows: the same numbers as the chart
    width: int = WIDTH
    height: int = 0
    left: float = 0  # the plot area inside the SVG
    top: float = 0
    right: float = 0
    bottom: float = 0
    x_ticks: list[Tick] = field(default_factory=list)
    y_ticks: list[Tick] = field(default_factory=list)
    bars: list[Bar] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)  # line segments, as SVG path data
    lanes: list[Lane] = field(default_factory=list)
    legend: list[tuple[str, str]] = field(default_factory=list)  # (css, words)

    @property
    def empty(self) -> bool:
        return not self.rows

    @property
    def tick_label_y(self) -> float:
        return self.axis_y + 16

    @property
    def label_left(self) -> float:
        """Where labels left of the plot end (ticks, categories, lanes)."""
        return self.left - 8

    @property
    def axis_y(self) -> float:
        """Where the x axis runs: under the bars, or under the lanes of a line chart."""
        return self.height - 46

    @property
    def x_label_y(self) -> float:
        return self.height - 6

    @property
    def y_label_x(self) -> float:
        return 14

    @property
    def y_label_y(self) -> float:
        return (self.top + self.bottom) / 2


# --- scales --------------------------------------------------------------------------------


def nice_step(span: float, count: int = 5) -> float:
    """A round step (1, 2 or 5 times a power of ten) cutting `span` into about `count` parts."""
    if span <= 0:
        return 1
    rough = span / count
    power = 10 ** math.floor(math.log10(rough))
    for multiple in (1, 2, 5, 10):
        if rough <= multiple * power:
            return max(multiple * power, 1)
    return 10 * power  # pragma: no cover - the loop always returns


def nice_ticks(largest: float, count: int = 5) -> list[int]:
    """Whole-number ticks from 0 to at least `largest`, evenly spaced and round."""
    step = int(nice_step(max(largest, 1), count))
    top = step * math.ceil(max(largest, 1) / step)
    return list(range(0, top + 1, step))


def scale(value: float, domain: tuple[float, float], span: tuple[float, float]) -> float:
    """Map value from domain to span, linearly (a domain of one value maps to the middle)."""
    low, high = domain
    start, end = span
    if high == low:
        return round((start + end) / 2, 2)
    return round(start + (value - low) * (end - start) / (high - low), 2)


@functools.lru_cache(maxsize=2048)
def day_label(day: date) -> str:
    """Like "3 Nov" (strftime's %-d is not on every system)."""
    return f"{day.day} {day:%b}"


def _number(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


# --- bars ----------------------------------------------------------------------------------


def bar_chart(
    *,
    id: str,
    title: str,
    items: list[tuple[str, int]],
    x_label: str,
    y_label: str,
    targets: list[int | None] | None = None,
    columns: list[str] | None = None,
    highlight_last: bool = False,
) -> Chart:
    """Upright bars, one per item, with an optional goal marked across each."""
    height, left, top, right, bottom = 260, 52, 16, WIDTH - 12, 260 - 46
    targets = targets or [None] * len(items)
    largest = max([v for _, v in items] + [t or 0 for t in targets] + [1])
    ticks = nice_ticks(largest, 4)
    y_domain = (0, ticks[-1])
    slot = (right - left) / max(len(items), 1)
    width = max(min(slot * 0.64, 48), 4)
    bars = []
    for index, ((label, value), target) in enumerate(zip(items, targets, strict=True)):
        x = round(left + index * slot + (slot - width) / 2, 2)
        y = scale(value, y_domain, (bottom, top))
        target_y = scale(target, y_domain, (bottom, top)) if target else None
        met = bool(target) and value >= target
        css = "met" if met else ""
        if highlight_last and index == len(items) - 1:
            css = f"{css} now".strip()
        tip = f"{label}: {value}" + (f" of {target}" if target else "")
        bars.append(
            Bar(
                label=label,
                value=value,
                x=x,
                y=y,
                width=round(width, 2),
                height=round(bottom - y, 2),
                css=css,
                text=str(value),
                text_x=round(x + width / 2, 2),
                # Above the bar, and above the goal's line where it crosses near the top.
                text_y=round(min(y, target_y if target_y is not None else y) - 5, 2),
                target_y=target_y,
                tip=tip,
            )
        )
    every = 1 if len(items) <= 8 else 2
    return Chart(
        kind="bars",
        id=id,
        title=title,
        x_label=x_label,
        y_label=y_label,
        columns=columns or [x_label, y_label],
        rows=[
            [label, value, *([target if target is not None else "—"] if any(targets) else [])]
            for (label, value), target in zip(items, targets, strict=True)
        ],
        height=height,
        left=left,
        top=top,
        right=right,
        bottom=bottom,
        bars=bars,
        x_ticks=[
            Tick(pos=bar.label_x, label=bar.label)
            for index, bar in enumerate(bars)
            if (len(bars) - 1 - index) % every == 0
        ],
        y_ticks=[Tick(pos=scale(t, y_domain, (bottom, top)), label=str(t)) for t in ticks],
        legend=[("target", "Goal for the week"), ("met", "A week the goal was met")]
        if any(targets)
        else [],
    )


def hbar_chart(
    *,
    id: str,
    title: str,
    items: list[tuple[str, int]],
    x_label: str,
    y_label: str,
    notes: list[str] | None = None,
    columns: list[str] | None = None,
    extra: list[list] | None = None,
    css: list[str] | None = None,
    unit: str = "",
    x_max: int | None = None,
) -> Chart:
    """Bars across the page, one per item, labelled on the left: for stages and themes.

    `notes` are written after each bar's value (like a rate), `unit` right after
    it (like "%"); `extra` adds columns to the table only."""
    row_height = 30
    notes = notes or [""] * len(items)
    # Room on the left for the longest label (about 0.62 em a character in our
    # sans-serif: "Company website" was clipped at 0.55), within reason.
    longest = max([len(label) for label, _ in items] + [6])
    left, top = min(round(longest * FONT * 0.62) + 14, LABEL_ROOM), 8
    right = WIDTH - (180 if any(notes) else 50)
    bottom = top + row_height * max(len(items), 1)
    height = bottom + 46
    largest = max([v for _, v in items] + [1])
    ticks = nice_ticks(x_max or largest, 4)
    x_domain = (0, ticks[-1])
    css = css or [""] * len(items)
    bars = []
    for index, (label, value) in enumerate(items):
        y = top + index * row_height + 6
        end = scale(value, x_domain, (left, right))
        text = f"{value}{unit}" + (f" · {notes[index]}" if notes[index] else "")
        bars.append(
            Bar(
                label=label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…",
                value=value,
                x=left,
                y=y,
                width=round(max(end - left, 0), 2),
                height=row_height - 12,
                css=css[index],
                text=text,
                text_x=round(end + 6, 2),
                text_y=round(y + (row_height - 12) / 2 + FONT / 3, 2),
                tip=f"{label}: {text}",
            )
        )
    extra = extra or [[] for _ in items]
    return Chart(
        kind="hbars",
        id=id,
        title=title,
        x_label=x_label,
        y_label=y_label,
        columns=columns or [y_label, x_label],
        rows=[[label, value, *more] for (label, value), more in zip(items, extra, strict=True)],
        height=height,
        left=left,
        top=top,
        right=right,
        bottom=bottom,
        bars=bars,
        x_ticks=[Tick(pos=scale(t, x_domain, (left, right)), label=str(t)) for t in ticks],
    )


# --- a line over time, with the days things happened ---------------------------------------


DAILY_TICKS_UP_TO = 150


def date_ticks(start: date, end: date) -> list[date]:
    """Round dates to label a time axis: Mondays for a month or so, then the 1st and
    15th of each month, then the 1st of every month or every few months."""
    span = (end - start).days
    if span <= 45:
        first = start + timedelta(days=(7 - start.weekday()) % 7)
        step = 7 if span > 14 else 1
        return [
            first + timedelta(days=n)
            for n in range(0, span + 1, step)
            if first + timedelta(days=n) <= end
        ]
    if span <= DAILY_TICKS_UP_TO:
        # The 1st and the 15th of each month.
        days = (start + timedelta(days=n) for n in range(1, span + 1))
        return [day for day in days if day.day in (1, 15)]
    months = 1 if span <= 200 else 2 if span <= 400 else 3 if span <= 800 else 6
    ticks = []
    year, month = start.year, start.month
    while True:
        month += 1
        if month > 12:
            year, month = year + 1, 1
        day = date(year, month, 1)
        if day > end:
            break
        if (month - 1) % months == 0:
            ticks.append(day)
    return ticks


def line_chart(
    *,
    id: str,
    title: str,
    start: date,
    end: date,
    points: list[tuple[date, float]],
    y_domain: tuple[int, int],
    y_label: str,
    lanes: list[tuple[str, str, list[tuple[date, int, str, str]]]],
    columns: list[str],
    rows: list[list],
    gap_days: int = 7,
    x_label: str = "Date",
) -> Chart:
    """A line of values over dates, broken where nothing was recorded for more than
    `gap_days`, and under it a lane per kind of event with a mark on each day it
    happened. lanes: (label, css, [(day, count, tip, css)])."""
    lane_height = 22
    left, top, right = 112, 12, WIDTH - 16
    line_bottom = 190
    bottom = line_bottom + 14 + lane_height * len(lanes)
    height = bottom + 46
    x_domain = (start.toordinal(), end.toordinal())
    xs: dict[date, float] = {}  # each lane marks many of the same days

    def x_of(day: date) -> float:
        x = xs.get(day)
        if x is None:
            x = xs[day] = scale(day.toordinal(), x_domain, (left, right))
        return x

    plotted = [
        Point(
            x=x_of(day),
            y=scale(value, y_domain, (line_bottom, top)),
            value=value,
            tip=f"{day_label(day)}: {_number(value)}",
        )
        for day, value in points
    ]
    paths, segment, previous = [], [], None
    for (day, _), point in zip(points, plotted, strict=True):
        if previous is not None and (day - previous).days > gap_days and segment:
            paths.append(segment)
            segment = []
        segment.append(point)
        previous = day
    if segment:
        paths.append(segment)
    chart_lanes = []
    for index, (label, css, marks) in enumerate(lanes):
        y = line_bottom + 14 + index * lane_height + lane_height / 2
        chart_lanes.append(
            Lane(
                label=label,
                css=css,
                y=round(y, 2),
                marks=[
                    Mark(x=x_of(day), value=count, tip=tip, css=mark_css or css)
                    for day, count, tip, mark_css in marks
                ],
            )
        )
    low, high = y_domain
    return Chart(
        kind="line",
        id=id,
        title=title,
        x_label=x_label,
        y_label=y_label,
        columns=columns,
        rows=rows,
        height=height,
        left=left,
        top=top,
        right=right,
        bottom=line_bottom,
        points=plotted,
        paths=["M" + " L".join(f"{p.x},{p.y}" for p in segment) for segment in paths if segment],
        lanes=chart_lanes,
        x_ticks=[Tick(pos=x_of(day), label=day_label(day)) for day in date_ticks(start, end)],
        y_ticks=[
            Tick(pos=scale(v, y_domain, (line_bottom, top)), label=str(v))
            for v in range(low, high + 1)
            if v == low or v % 2 == 0
        ],
    )


# --- drawing: the chart as SVG markup ---------------------------------------------------------


def escape(value) -> str:
    """What django.utils.html.escape() writes, without its check for lazy strings on
    every call: a timeline escapes thousands of words and numbers."""
    if type(value) is int:
        return str(value)  # digits and a sign need no escaping
    return html.escape(str(value))


def _n(value: float) -> str:
    """A coordinate as SVG wants it: a dot for decimals whatever the language, no exponent."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _text(x: float, y: float, words: str, css: str, anchor: str = "", extra: str = "") -> str:
    anchor = f' text-anchor="{anchor}"' if anchor else ""
    return f'<text class="{css}" x="{_n(x)}" y="{_n(y)}"{anchor}{extra}>{escape(words)}</text>'


def _segment(x1: float, x2: float, y1: float, y2: float, css: str = "") -> str:
    css = f' class="{css}"' if css else ""
    return f'<line{css} x1="{_n(x1)}" x2="{_n(x2)}" y1="{_n(y1)}" y2="{_n(y2)}"></line>'


def _axes(chart: Chart) -> list[str]:
    parts = ['<g class="chart__grid" aria-hidden="true">']
    if chart.kind == "hbars":
        parts += [_segment(t.pos, t.pos, chart.top, chart.axis_y) for t in chart.x_ticks]
    else:
        parts += [_segment(chart.left, chart.right, t.pos, t.pos) for t in chart.y_ticks]
    parts.append('</g><g class="chart__axis">')
    foot = chart.axis_y if chart.kind == "hbars" else chart.bottom
    parts.append(_segment(chart.left, chart.left, chart.top, foot))
    parts.append(_segment(chart.left, chart.right, chart.axis_y, chart.axis_y))
    parts += [
        _text(t.pos, chart.tick_label_y, t.label, "chart__tick", "middle") for t in chart.x_ticks
    ]
    if chart.kind != "hbars":
        parts += [
            _text(chart.label_left + 2, t.pos, t.label, "chart__tick", "end", ' dy="4"')
            for t in chart.y_ticks
        ]
    parts.append(_text(chart.right, chart.x_label_y, chart.x_label, "chart__label", "end"))
    if chart.kind != "hbars":
        x, y = _n(chart.y_label_x), _n(chart.y_label_y)
        parts.append(
            _text(
                chart.y_label_x,
                chart.y_label_y,
                chart.y_label,
                "chart__label",
                "middle",
                f' transform="rotate(-90 {x} {y})"',
            )
        )
    parts.append("</g>")
    return parts


def _bars(chart: Chart) -> list[str]:
    parts = ['<g class="chart__bars">']
    for bar in chart.bars:
        css = "".join(f" chart__bar--{name}" for name in bar.css.split())
        parts.append(
            f'<g class="chart__bar{css}">'
            + (
                _text(chart.label_left, bar.text_y, bar.label, "chart__category", "end")
                if chart.kind == "hbars"
                else ""
            )
            + f'<rect x="{_n(bar.x)}" y="{_n(bar.y)}" width="{_n(bar.width)}" '
            f'height="{_n(bar.height)}" rx="2" data-value="{_n(bar.value)}">'
            f"<title>{escape(bar.tip)}</title></rect>"
        )
        if bar.target_y is not None:
            parts.append(
                _segment(bar.target_x1, bar.target_x2, bar.target_y, bar.target_y, "chart__target")
            )
        if chart.kind == "hbars":
            parts.append(_text(bar.text_x, bar.text_y, bar.text, "chart__value"))
        elif bar.value:
            parts.append(_text(bar.text_x, bar.text_y, bar.text, "chart__value", "middle"))
        parts.append("</g>")
    parts.append("</g>")
    return parts


def _line(chart: Chart) -> list[str]:
    written: dict[float, str] = {}  # a coordinate written once however many marks share it

    def n(value: float) -> str:
        text = written.get(value)
        if text is None:
            text = written[value] = _n(value)
        return text

    parts = ['<g class="chart__line">']
    parts += [f'<path d="{path}"></path>' for path in chart.paths]
    parts += [
        f'<circle cx="{n(p.x)}" cy="{n(p.y)}" r="2.5" data-value="{_n(p.value)}">'
        f"<title>{escape(p.tip)}</title></circle>"
        for p in chart.points
    ]
    parts.append("</g>")
    for lane in chart.lanes:
        parts.append(
            f'<g class="chart__lane chart__lane--{lane.css}">'
            + _segment(chart.left, chart.right, lane.y, lane.y, "chart__lane-rule")
            + _text(chart.label_left, lane.y, lane.label, "chart__category", "end", ' dy="4"')
        )
        cy = _n(lane.y)
        parts += [
            f'<circle class="chart__mark chart__mark--{mark.css}" cx="{n(mark.x)}" '
            f'cy="{cy}" r="{6 if mark.value > 2 else 5 if mark.value > 1 else 4}" '
            f'data-value="{mark.value}"><title>{escape(mark.tip)}</title></circle>'
            for mark in lane.marks
        ]
        parts.append("</g>")
    return parts


def svg(chart: Chart, description: str) -> SafeString:
    """The chart as an inline SVG image, named by its title and described by its reading.

    Every word in it is escaped; numbers are written the same in every language."""
    parts = [
        f'<svg class="chart__svg" viewBox="0 0 {chart.width} {_n(chart.height)}" role="img" '
        f'aria-labelledby="{chart.id}-title {chart.id}-desc">'
        f'<title id="{chart.id}-title">{escape(chart.title)}</title>'
        f'<desc id="{chart.id}-desc">{escape(description)}</desc>',
        *_axes(chart),
        *(_line(chart) if chart.kind == "line" else _bars(chart)),
        "</svg>",
    ]
    return mark_safe("".join(parts))  # noqa: S308 - built from escaped words and numbers


def table(chart: Chart) -> SafeString:
    """The chart's numbers as a table: a row per bar, point or period, a heading per column
    (repeated on each cell, for the stacked layout on a phone)."""
    head = "".join(f'<th scope="col">{escape(column)}</th>' for column in chart.columns)
    cell_starts = [f'<td data-label="{escape(column)}">' for column in chart.columns[1:]]
    rows = []
    for first, *rest in chart.rows:
        cells = "".join(
            f"{start}{escape(cell)}</td>" for start, cell in zip(cell_starts, rest, strict=False)
        )
        rows.append(f'<tr><th scope="row">{escape(first)}</th>{cells}</tr>')
    return mark_safe(  # noqa: S308 - every cell escaped above
        f'<table class="table chart__table"><caption class="visually-hidden">'
        f"{escape(chart.title)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
