"""Turn Natural Earth country boundaries (TopoJSON from the npm package `world-atlas`) into
the compact SVG path data Liaison ships in liaison/partners/world_map_data/countries.json.

Run once, when the boundaries are to be updated; nothing is fetched when Liaison runs:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/build_world_map.py package/countries-50m.json \
        > liaison/partners/world_map_data/countries.json

Countries are keyed by ISO 3166-1 alpha-2 (from the numeric code, with pycountry), so that
they match partners' codes. The projection is the Natural Earth projection (Šavrič et al.);
Antarctica is left out (no partner there, and it takes a fifth of the height).
"""

from __future__ import annotations

import json
import math
import sys
from typing import Any

import pycountry

SCALE = 150.0  # pixels per unit of the projection: the map is about 605 by 357
STEPS = 2  # points are rounded to half a pixel: finer costs size and shows nothing more
# Territories Natural Earth draws without an ISO numeric code, by the name it gives them.
CODES_BY_NAME = {"Kosovo": "XK"}
LEFT_OUT = {"010"}  # Antarctica
TOP_LATITUDE, BOTTOM_LATITUDE = 84.0, -57.0


def project(longitude: float, latitude: float) -> tuple[float, float]:
    """Natural Earth projection: longitude/latitude in degrees to plane x/y (y down)."""
    lam, phi = math.radians(longitude), math.radians(latitude)
    phi2 = phi * phi
    phi4 = phi2 * phi2
    x = lam * (
        0.8707 - 0.131979 * phi2 + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4))
    )
    y = phi * (
        1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4))
    )
    return x, -y


def decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """The topology's arcs as lists of longitude/latitude (quantised deltas undone)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(
    ring: list[int], arcs: list[list[tuple[float, float]]]
) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def split_at_antimeridian(points: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """A ring that crosses the 180th meridian (Russia's Chukotka, Fiji) as two rings, one
    each side: longitudes made continuous, then clamped to each side (a point beyond the
    edge lands on it, which clips the ring there)."""
    jumps = any(abs(b[0] - a[0]) > 180 for a, b in zip(points, points[1:], strict=False))
    if not jumps:
        return [points]
    east = [(lon + 360 if lon < 0 else lon, lat) for lon, lat in points]
    return [
        [(min(lon, 180.0), lat) for lon, lat in east],
        [(max(lon - 360, -180.0), lat) for lon, lat in east],
    ]


def span(points: list[tuple[float, float]]) -> float:
    """The larger side, in pixels, of the ring's box on the map."""
    projected = [project(longitude, latitude) for longitude, latitude in points]
    xs, ys = [x for x, _y in projected], [y for _x, y in projected]
    return max(max(xs) - min(xs), max(ys) - min(ys)) * SCALE


def number(steps: int) -> str:
    """A coordinate in pixels, as short as SVG reads it: 0.5 -> .5, -1.5 -> -1.5."""
    text = f"{steps / STEPS:g}"
    return text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text


def ring_path(points: list[tuple[float, float]], offset: tuple[float, float]) -> str:
    """One closed sub-path: an absolute move, then relative lines at 1/STEPS px precision,
    dropping points that round onto the previous one."""
    rounded = []
    for longitude, latitude in points:
        x, y = project(longitude, latitude)
        rounded.append(
            (round((x * SCALE + offset[0]) * STEPS), round((y * SCALE + offset[1]) * STEPS))
        )
    kept = [rounded[0]]
    for point in rounded[1:]:
        if point != kept[-1]:
            kept.append(point)
    if len(kept) < 3:
        return ""
    # Consecutive steps in one direction make one line (the rounding makes many).
    steps: list[tuple[int, int]] = []
    for (x0, y0), (x1, y1) in zip(kept, kept[1:], strict=False):
        dx, dy = x1 - x0, y1 - y0
        if steps:
            px, py = steps[-1]
            if px * dy == py * dx and px * dx + py * dy > 0:
                steps[-1] = (px + dx, py + dy)
                continue
        steps.append((dx, dy))
    parts = [f"M{number(kept[0][0])} {number(kept[0][1])}l"]
    parts.append(" ".join(f"{number(dx)} {number(dy)}" for dx, dy in steps).replace(" -", "-"))
    parts.append("z")
    return "".join(parts)


def main(path: str) -> None:
    with open(path, encoding="utf-8") as handle:
        topology = json.load(handle)
    arcs = decode_arcs(topology)
    left, top = project(-180, TOP_LATITUDE)
    right, bottom = project(180, BOTTOM_LATITUDE)
    offset = (-left * SCALE, -top * SCALE)
    width, height = (right - left) * SCALE, (bottom - top) * SCALE
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        numeric, name = geometry.get("id"), geometry["properties"]["name"]
        if numeric in LEFT_OUT:
            continue
        code = CODES_BY_NAME.get(name, "")
        if numeric:
            country = pycountry.countries.get(numeric=numeric)
            code = country.alpha_2 if country else ""
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = [
            part
            for polygon in polygons
            for ring in polygon
            for part in split_at_antimeridian(ring_points(ring, arcs))
        ]
        # Islets under a pixel are left out, unless they are all the country has.
        kept = [ring for ring in rings if span(ring) >= 1.0] or rings
        path_data = "".join(ring_path(ring, offset) for ring in kept)
        if path_data:
            countries.append({"code": code, "name": name, "d": path_data})
    countries.sort(key=lambda country: (country["code"] or "~", country["name"]))
    json.dump(
        {
            "source": "world-atlas 2.0.2 (npm), countries-50m.json: Natural Earth 1:50m",
            "width": round(width, 1),
            "height": round(height, 1),
            "countries": countries,
        },
        sys.stdout,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
