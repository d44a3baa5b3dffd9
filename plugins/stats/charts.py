"""Chart geometry, without Pelican: where every point, tick and bar of an SVG chart goes.

theme/static/js/stats-charts.js computes the same numbers in the browser when a reader
filters the figures, with the same operations in the same order, so that both agree to
the last decimal (tests/test_browser_stats.py compares them).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# The line chart's canvas (SVG user units) and the room around its plot area.
LINE = {"width": 640, "height": 300, "left": 64, "right": 40, "top": 16, "bottom": 44}
# Horizontal bars: one row per item, its label (left) and value (right) above its bar.
BARS = {"width": 400, "row": 44, "label": 16, "bar_y": 22, "bar_height": 14, "top": 2, "bottom": 2}
# The small bars beside the numbers of a table (percent of the largest).
TABLE_BARS = {"width": 100, "row": 10, "label": 0, "bar_y": 0, "bar_height": 10, "top": 0, "bottom": 0}
# At most this many ticks above zero, and labelled months under the line chart.
Y_TICKS = 6
X_LABELS = 7
MONTH_STEPS = (1, 2, 3, 4, 6, 12)


def round1(value: float) -> float:
    """Round half up to one decimal, as Math.floor(v * 10 + 0.5) / 10 does in JavaScript."""
    return math.floor(value * 10 + 0.5) / 10


def fmt(value: float) -> str:
    """A coordinate as JavaScript's String() writes it: 12, 12.5 (never 12.0)."""
    text = f"{round1(value):.1f}"
    return text[:-2] if text.endswith(".0") else text


def nice_scale(maximum: int, target: int = Y_TICKS) -> tuple[int, int]:
    """(top, step) of an axis from 0: the step is 1, 2 or 5 times a power of ten, at most `target` steps."""
    if maximum <= 0:
        return 1, 1
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            step = factor * magnitude
            if step * target >= maximum:
                return -(-maximum // step) * step, step
        magnitude *= 10


@dataclass
class LineChart:
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    y_max: int
    ticks: list  # (value, y)
    points: list  # (x, y, index)
    x_labels: list  # (x, index), centred under the point

    @property
    def points_attr(self) -> str:
        return " ".join(f"{fmt(x)},{fmt(y)}" for x, y, _ in self.points)

    @property
    def baseline(self) -> float:
        return self.height - self.bottom


def label_step(months: list[str]) -> int:
    """Label every nth month, n chosen so that at most X_LABELS labels fit."""
    for step in MONTH_STEPS:
        if -(-len(months) // step) <= X_LABELS:
            return step
    return MONTH_STEPS[-1]


def line_chart(months: list[str], values: list[int], box: dict = LINE) -> LineChart:
    """A line of values over consecutive months, scaled to a round maximum."""
    top_value, step = nice_scale(max(values, default=0))
    plot_w = box["width"] - box["left"] - box["right"]
    plot_h = box["height"] - box["top"] - box["bottom"]
    n = len(values)

    def x_of(i):
        return round1(box["left"] + (i * plot_w / (n - 1) if n > 1 else plot_w / 2))

    def y_of(value):
        return round1(box["top"] + plot_h - value * plot_h / top_value)

    ticks = [(value, y_of(value)) for value in range(0, top_value + 1, step)]
    points = [(x_of(i), y_of(v), i) for i, v in enumerate(values)]
    every = label_step(months)
    labels = []
    for i, month in enumerate(months):
        if (int(month[5:]) - 1) % every == 0:
            labels.append((x_of(i), i))
    return LineChart(
        box["width"],
        box["height"],
        box["left"],
        box["right"],
        box["top"],
        box["bottom"],
        top_value,
        ticks,
        points,
        labels,
    )


@dataclass
class BarRow:
    index: int
    label_y: float
    bar_y: float
    segments: list  # (x, width) of each stacked part


@dataclass
class BarChart:
    width: int
    height: int
    bar_height: int
    maximum: int
    rows: list


def bar_chart(rows: list[list[int]], box: dict = BARS) -> BarChart:
    """Horizontal bars, each the sum of stacked parts, the longest one the full width."""
    maximum = max((sum(parts) for parts in rows), default=0) or 1
    out = []
    for i, parts in enumerate(rows):
        top = box["top"] + i * box["row"]
        segments, total, x = [], 0, 0.0
        for part in parts:
            total += part
            end = round1(total * box["width"] / maximum)
            segments.append((x, round1(end - x)))
            x = end
        out.append(BarRow(i, top + box["label"], top + box["bar_y"], segments))
    height = box["top"] + len(rows) * box["row"] + box["bottom"]
    return BarChart(box["width"], height, box["bar_height"], maximum, out)
