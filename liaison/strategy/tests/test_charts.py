"""The server-drawn charts: lines told apart, every date labelled, named legends, and a
title and description for screen readers."""

from __future__ import annotations

import datetime
import re

from liaison.strategy.charts import Bar, Series, bar_chart_svg, line_chart_svg, progress_chart_svg

DAYS = [datetime.date(2025, month, 28) for month in range(1, 8)]


def y_of_points(svg: str) -> list[set[str]]:
    """The y coordinates of each polyline, in drawing order."""
    return [
        {pair.split(",")[1] for pair in points.split()}
        for points in re.findall(r'<polyline[^>]* points="([^"]+)"', svg)
    ]


def test_three_key_actions_at_zero_are_three_visible_lines() -> None:
    svg = progress_chart_svg(
        {name: [(day, 0) for day in DAYS] for name in ("1.1 First", "1.2 Second", "2.1 Third")},
        title="Progress",
    )
    heights = y_of_points(svg)
    assert len(heights) == 3
    assert len({frozenset(h) for h in heights}) == 3  # not drawn on each other
    strokes = re.findall(r'<polyline fill="none" stroke="([^"]+)"', svg)
    assert len(set(strokes)) == 3


def test_lines_beyond_the_colours_differ_by_dash() -> None:
    series = [Series(f"Action {n}", [(DAYS[0], n), (DAYS[1], n)]) for n in range(9)]
    svg = line_chart_svg(series, title="Many")
    styles = re.findall(
        r'<polyline fill="none" stroke="([^"]+)" stroke-width="2"( stroke-dasharray="[^"]+")?', svg
    )
    assert len(set(styles)) == 9


def test_every_date_is_labelled() -> None:
    svg = progress_chart_svg({"1.1 First": [(day, 10) for day in DAYS]}, title="Progress")
    for day in DAYS:
        assert f">{day.isoformat()}</text>" in svg


def test_the_legend_names_the_series_and_the_chart_has_a_title_and_description() -> None:
    svg = line_chart_svg(
        [Series("Agreements in force", [(DAYS[0], 3)])],
        title="Instruments",
        description="In force on 1 January",
        chart_id="c1",
        percent=False,
    )
    assert ">Agreements in force</text>" in svg
    assert 'aria-labelledby="c1-title c1-desc"' in svg
    assert '<title id="c1-title">Instruments</title>' in svg
    assert '<desc id="c1-desc">In force on 1 January</desc>' in svg


def test_a_bar_says_its_value_against_its_total() -> None:
    svg = bar_chart_svg([Bar("Western Balkans", 4, 6), Bar("Gulf", 0, 2)], title="Coverage")
    assert ">4 / 6</text>" in svg and ">0 / 2</text>" in svg
    assert "Western Balkans" in svg
