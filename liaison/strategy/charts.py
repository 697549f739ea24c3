"""Charts drawn as SVG on the server (no script, no library): lines over time and bars.

Each chart has a title and a description (read out by screen readers, `role="img"`); the
pages that show one also give its figures as a table. Lines differ in colour, dash and
marker, so that they are told apart in black and white too; lines that lie on each other
(three key actions at 0 %) are drawn a few pixels apart, in legend order."""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

WIDTH = 640
LEFT, RIGHT, TOP = 48, 24, 16
PLOT_HEIGHT = 200
LEGEND_ROW = 20
# Distinguishable colours (dark enough for 3:1 against white), cycled through the series.
COLOURS = ("#1f4e8c", "#9b1c1c", "#1e6b3a", "#8a5a00", "#5b2a86", "#0f6e75", "#444")
DASHES = ("", "7 4", "2 3", "9 3 2 3")
MARKERS = ("circle", "square", "triangle", "diamond")
OVERLAP_STEP = 3.0  # pixels between lines that would be drawn on each other


@dataclass(frozen=True)
class Series:
    """One line: its name in the legend and its points (date, value)."""

    label: str
    points: Sequence[tuple[datetime.date, float]]


def _marker(shape: str, cx: float, cy: float, colour: str) -> str:
    if shape == "circle":
        return f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="3.5" fill="{colour}"/>'
    if shape == "square":
        return f'<rect x="{cx - 3:.1f}" y="{cy - 3:.1f}" width="6" height="6" fill="{colour}"/>'
    if shape == "triangle":
        return f'<path d="M{cx:.1f} {cy - 4:.1f}l4 7h-8z" fill="{colour}"/>'  # pointing up
    return f'<path d="M{cx:.1f} {cy - 4.5:.1f}l4.5 4.5-4.5 4.5-4.5-4.5z" fill="{colour}"/>'


def _style(index: int) -> tuple[str, str, str]:
    """Colour, dash and marker of the index-th series: no two of the first 28 alike."""
    return (
        COLOURS[index % len(COLOURS)],
        DASHES[(index // len(COLOURS)) % len(DASHES)],
        MARKERS[index % len(MARKERS)],
    )


def _open(chart_id: str, title: str, description: str, height: float) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]


def _nice_top(value: float) -> float:
    """A round top for a count axis (1, 2, 5, 10, 20, 50...) at or above `value`."""
    magnitude = 10 ** math.floor(math.log10(value))
    return next(magnitude * f for f in (1, 2, 5, 10) if magnitude * f >= value)


def line_chart_svg(
    series: Sequence[Series],
    *,
    title: str,
    description: str = "",
    chart_id: str = "chart",
    percent: bool = True,
) -> str:
    """One line per series, every date labelled along x; 0-100 % up y when `percent`,
    else 0 to a round number above the largest value."""
    days = sorted({day for item in series for day, _value in item.points})
    rotate = len(days) > 5
    axis_room = 76 if rotate else 34
    legend_top = TOP + PLOT_HEIGHT + axis_room
    height = legend_top + LEGEND_ROW * len(series) + 8
    parts = _open(chart_id, title, description, height)
    inset = 36  # room for the first and last date's label
    plot_left, plot_w = LEFT + inset, WIDTH - LEFT - RIGHT - 2 * inset
    largest = max((value for item in series for _day, value in item.points), default=0)
    top_value = 100.0 if percent else _nice_top(max(largest, 1))
    for step in range(5):
        tick = top_value * step / 4
        y = TOP + PLOT_HEIGHT * (1 - step / 4)
        text = f"{tick:g} %" if percent else f"{tick:g}"
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#d6dce3"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end">{text}</text>'
        )
    if not days:
        parts.append("</svg>")
        return "".join(parts)
    first, span = days[0], max((days[-1] - days[0]).days, 1)

    def x(day: datetime.date) -> float:
        return plot_left + (plot_w / 2 if len(days) == 1 else plot_w * (day - first).days / span)

    base = TOP + PLOT_HEIGHT + 20
    for day in days:
        if rotate:
            parts.append(
                f'<text x="{x(day):.1f}" y="{base:.1f}" font-size="10" text-anchor="end" '
                f'transform="rotate(-45 {x(day):.1f} {base:.1f})">{day.isoformat()}</text>'
            )
        else:
            parts.append(
                f'<text x="{x(day):.1f}" y="{base:.1f}" font-size="11" '
                f'text-anchor="middle">{day.isoformat()}</text>'
            )
    # Series drawn on the same points are set apart, in legend order: upwards from a low
    # line (three at 0 % stay above the axis), downwards from a high one.
    alike: dict[tuple[tuple[datetime.date, float], ...], list[int]] = defaultdict(list)
    for index, item in enumerate(series):
        alike[tuple(sorted(item.points))].append(index)
    shift: dict[int, float] = {}
    for points, indexes in alike.items():
        mean = sum(value for _day, value in points) / max(len(points), 1)
        direction = -1 if mean < top_value / 2 else 1
        for rank, index in enumerate(indexes):
            shift[index] = direction * rank * OVERLAP_STEP
    for index, item in enumerate(series):
        colour, dash, marker = _style(index)
        coords = [
            (x(day), TOP + PLOT_HEIGHT * (1 - value / top_value) + shift[index])
            for day, value in sorted(item.points)
        ]
        dashing = f' stroke-dasharray="{dash}"' if dash else ""
        if len(coords) > 1:
            line = " ".join(f"{cx:.1f},{cy:.1f}" for cx, cy in coords)
            parts.append(
                f'<polyline fill="none" stroke="{colour}" stroke-width="2"{dashing} '
                f'points="{line}"/>'
            )
        parts.extend(_marker(marker, cx, cy, colour) for cx, cy in coords)
        y = legend_top + LEGEND_ROW * index
        parts.append(
            f'<line x1="{LEFT}" y1="{y - 4}" x2="{LEFT + 28}" y2="{y - 4}" stroke="{colour}" '
            f'stroke-width="2"{dashing}/>'
            + _marker(marker, LEFT + 14, y - 4, colour)
            + f'<text x="{LEFT + 36}" y="{y}" font-size="12">{escape(_short(item.label))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _short(label: str, limit: int = 80) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def progress_chart_svg(
    series: Mapping[str, Sequence[tuple[datetime.date, int]]],
    *,
    title: str,
    description: str = "",
    chart_id: str = "progress-chart",
) -> str:
    """Percent done over time, one line per key action (legend label -> points)."""
    return line_chart_svg(
        [Series(label, points) for label, points in series.items()],
        title=title,
        description=description,
        chart_id=chart_id,
    )


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its value and, when it is a part of a whole, the whole."""

    label: str
    value: int
    total: int | None = None


def bar_chart_svg(
    bars: Sequence[Bar], *, title: str, description: str = "", chart_id: str = "bars"
) -> str:
    """Horizontal bars, labelled on the left and valued on the right ("12 of 20" when a
    bar has a total, drawn as a pale bar behind it)."""
    label_w, value_w, row = 236, 64, 24
    height = TOP + row * len(bars) + 8
    parts = _open(chart_id, title, description, height)
    largest = max([bar.total or bar.value for bar in bars] + [1])
    bar_w = WIDTH - label_w - value_w - 12
    for index, bar in enumerate(bars):
        y = TOP + row * index
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 13}" font-size="11" text-anchor="end">'
            f"<title>{escape(bar.label)}</title>{escape(_short(bar.label, 34))}</text>"
        )
        if bar.total:
            parts.append(
                f'<rect x="{label_w}" y="{y + 2}" width="{bar_w * bar.total / largest:.1f}" '
                f'height="14" fill="#dfe5ec"/>'
            )
        parts.append(
            f'<rect x="{label_w}" y="{y + 2}" width="{bar_w * bar.value / largest:.1f}" '
            f'height="14" fill="{COLOURS[0]}"/>'
        )
        value = f"{bar.value} / {bar.total}" if bar.total is not None else f"{bar.value}"
        parts.append(
            f'<text x="{WIDTH - value_w + 4}" y="{y + 13}" font-size="12">{escape(value)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
