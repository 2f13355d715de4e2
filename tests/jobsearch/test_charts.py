"""The SVG drawing module: scales, ticks, the shapes it lays out, and how they render."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.template.loader import render_to_string

from jobsearch import charts
from jobsearch.insights import Figure

CSS = Path(__file__).resolve().parents[2] / "static" / "css" / "app.css"


@pytest.mark.parametrize(
    ("largest", "ticks"),
    [
        (0, [0, 1]),
        (1, [0, 1]),
        (7, [0, 2, 4, 6, 8]),
        (10, [0, 5, 10]),
        (29, [0, 10, 20, 30]),
        (340, [0, 100, 200, 300, 400]),
    ],
)
def test_ticks_are_round_and_reach_past_the_largest_value(largest, ticks):
    assert charts.nice_ticks(largest, 4) == ticks


def test_a_scale_maps_its_domain_onto_its_span_linearly():
    assert charts.scale(0, (0, 10), (200, 0)) == 200
    assert charts.scale(10, (0, 10), (200, 0)) == 0
    assert charts.scale(2.5, (0, 10), (0, 100)) == 25
    assert charts.scale(7, (7, 7), (0, 100)) == 50  # one value: the middle


def test_bars_stand_on_the_axis_in_proportion_to_their_values():
    chart = charts.bar_chart(
        id="c",
        title="Sent",
        items=[("A", 2), ("B", 4), ("C", 0)],
        targets=[3, 3, None],
        x_label="Week",
        y_label="Applications",
    )
    a, b, c = chart.bars
    assert a.y + a.height == b.y + b.height == chart.bottom  # all on the axis
    assert b.height == pytest.approx(2 * a.height)
    assert c.height == 0
    assert chart.y_ticks[-1].label == "4"
    assert a.target_y == charts.scale(3, (0, 4), (chart.bottom, chart.top))
    assert (a.css, b.css) == ("", "met")
    assert chart.rows == [["A", 2, 3], ["B", 4, 3], ["C", 0, "—"]]


def test_no_data_draws_nothing_and_has_no_rows():
    for chart in (
        charts.bar_chart(id="a", title="T", items=[], x_label="x", y_label="y"),
        charts.hbar_chart(id="b", title="T", items=[], x_label="x", y_label="y"),
        charts.line_chart(
            id="c",
            title="T",
            start=dt.date(2026, 1, 1),
            end=dt.date(2026, 3, 1),
            points=[],
            y_domain=(1, 10),
            y_label="Mood",
            lanes=[],
            columns=["Date"],
            rows=[],
        ),
    ):
        assert chart.empty and not chart.bars and not chart.points and not chart.paths
        html = render_to_string(
            "jobsearch/charts/figure.html", {"figure": Figure(chart, "Nothing yet.", drawn=False)}
        )
        assert "Nothing yet." in html and "<svg" not in html and "<table" not in html


def test_one_point_is_a_line_of_one_point():
    day = dt.date(2026, 2, 1)
    chart = charts.line_chart(
        id="c",
        title="Mood",
        start=dt.date(2026, 1, 1),
        end=dt.date(2026, 3, 1),
        points=[(day, 5)],
        y_domain=(1, 10),
        y_label="Mood",
        lanes=[],
        columns=["Date", "Mood"],
        rows=[["1 Feb", 5]],
    )
    (point,) = chart.points
    assert chart.left < point.x < chart.right
    assert point.y == charts.scale(5, (1, 10), (chart.bottom, chart.top))
    assert chart.paths == [f"M{point.x},{point.y}"]


def test_a_line_breaks_where_nothing_was_recorded_for_a_while():
    start = dt.date(2026, 1, 1)
    days = [start, start + dt.timedelta(days=2), start + dt.timedelta(days=20)]
    chart = charts.line_chart(
        id="c",
        title="Mood",
        start=start,
        end=start + dt.timedelta(days=30),
        points=[(day, 5) for day in days],
        y_domain=(1, 10),
        y_label="Mood",
        lanes=[("Sent", "sent", [(days[1], 2, "2 sent", "")])],
        columns=["Date", "Mood"],
        rows=[],
    )
    assert len(chart.paths) == 2
    (lane,) = chart.lanes
    assert lane.y > chart.bottom  # under the line
    assert lane.marks[0].x == chart.points[1].x  # on the day it happened


def test_time_axis_labels_are_round_dates():
    assert charts.date_ticks(dt.date(2026, 6, 1), dt.date(2026, 6, 30)) == [
        dt.date(2026, 6, 1),
        dt.date(2026, 6, 8),
        dt.date(2026, 6, 15),
        dt.date(2026, 6, 22),
        dt.date(2026, 6, 29),
    ]
    assert charts.date_ticks(dt.date(2026, 3, 17), dt.date(2026, 6, 14)) == [
        dt.date(2026, 4, 1),
        dt.date(2026, 4, 15),
        dt.date(2026, 5, 1),
        dt.date(2026, 5, 15),
        dt.date(2026, 6, 1),
    ]
    yearly = charts.date_ticks(dt.date(2025, 1, 10), dt.date(2026, 6, 14))
    assert yearly == [  # every third month
        dt.date(2025, 4, 1),
        dt.date(2025, 7, 1),
        dt.date(2025, 10, 1),
        dt.date(2026, 1, 1),
        dt.date(2026, 4, 1),
    ]


def test_the_svg_is_labelled_and_coloured_only_by_classes():
    chart = charts.hbar_chart(
        id="chart-x",
        title="Where it stopped",
        items=[("After applying", 3), ("After an <interview>", 5)],
        x_label="Rejections",
        y_label="Stage",
    )
    html = render_to_string("jobsearch/charts/figure.html", {"figure": Figure(chart, "Mostly.")})
    assert 'role="img"' in html and 'aria-labelledby="chart-x-title chart-x-desc"' in html
    assert '<title id="chart-x-title">Where it stopped</title>' in html
    assert '<desc id="chart-x-desc">Mostly.</desc>' in html
    assert "After an &lt;interview&gt;" in html and "<interview>" not in html  # escaped
    assert ">Rejections</text>" in html  # the axis is labelled
    # Colours come from the stylesheet (light, dark, print), never from the markup.
    assert "style=" not in html and " fill=" not in html and " stroke=" not in html
    classes = set(re.findall(r'class="(chart__[a-z_-]+)', html))
    stylesheet = CSS.read_text()
    for name in classes - {"chart__caption", "chart__bars"}:
        assert f".{name}" in stylesheet, name


def test_chart_colours_follow_the_colour_scheme():
    stylesheet = CSS.read_text()
    section = stylesheet[stylesheet.index("/* ---- insights") :]
    fills = re.findall(r"(?:fill|stroke): ([^;]+);", section.split("@media print")[0])
    # Every colour is a variable the dark scheme redefines (or a mix of them).
    assert fills and all("var(--" in value or value in ("none", "transparent") for value in fills)
    dark = stylesheet[stylesheet.index("prefers-color-scheme: dark") :]
    for variable in set(re.findall(r"var\((--[a-z-]+)\)", " ".join(fills))):
        assert f"{variable}:" in dark, variable
