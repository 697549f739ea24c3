"""A line chart of progress over time, drawn as SVG on the server (no script, no library)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from html import escape

WIDTH, HEIGHT, MARGIN = 640, 260, 40
# Distinguishable colours, cycled through the series.
COLOURS = ("#1f4e8c", "#9b1c1c", "#1e6b3a", "#8a5a00", "#5b2a86", "#0f6e75", "#444")


def progress_chart_svg(
    series: Mapping[str, Sequence[tuple[datetime.date, int]]], *, title: str
) -> str:
    """One line per series (label -> [(date, percent)]), dates along x, 0-100 % up y."""
    days = sorted({day for points in series.values() for day, _percent in points})
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="strategy-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {HEIGHT + 20 * len(series)}" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    plot_w, plot_h = WIDTH - 2 * MARGIN, HEIGHT - 2 * MARGIN
    for tick in (0, 50, 100):
        y = MARGIN + plot_h * (1 - tick / 100)
        parts.append(
            f'<line x1="{MARGIN}" y1="{y:.1f}" x2="{WIDTH - MARGIN}" y2="{y:.1f}" '
            f'stroke="#d6dce3"/><text x="4" y="{y + 4:.1f}" font-size="11">{tick} %</text>'
        )
    if not days:
        parts.append("</svg>")
        return "".join(parts)
    first, span = days[0], max((days[-1] - days[0]).days, 1)

    def x(day: datetime.date) -> float:
        return MARGIN + (plot_w / 2 if len(days) == 1 else plot_w * (day - first).days / span)

    for day in (days[0], days[-1]):
        parts.append(
            f'<text x="{x(day):.1f}" y="{HEIGHT - MARGIN + 16}" font-size="11" '
            f'text-anchor="middle">{day.isoformat()}</text>'
        )
    for index, (label, points) in enumerate(series.items()):
        colour = COLOURS[index % len(COLOURS)]
        coords = " ".join(
            f"{x(day):.1f},{MARGIN + plot_h * (1 - percent / 100):.1f}"
            for day, percent in sorted(points)
        )
        parts.append(
            f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{coords}"/>'
        )
        for point in coords.split():
            cx, cy = point.split(",")
            parts.append(f'<circle cx="{cx}" cy="{cy}" r="3" fill="{colour}"/>')
        y = HEIGHT + 20 * index
        parts.append(
            f'<rect x="{MARGIN}" y="{y - 9}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{MARGIN + 16}" y="{y}" font-size="12">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
