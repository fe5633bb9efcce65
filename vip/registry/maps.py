"""An accessible SVG map of Finland's municipalities, coloured by a status each.

The boundaries come from ``data/finland-municipalities-2021.topo.json``
(TopoJSON: object ``munis`` with one geometry per municipality, ``hva`` with
the wellbeing services counties). The file is decoded here, without a GIS
library: arcs are delta-decoded and dequantised, projected onto a plane,
rounded to a tenth of a unit and thinned, and the rings of every municipality
are stitched from them into compact SVG path data.

All of that happens once per process (:func:`map_geometry` is cached), so a
render at request time is only string assembly: a few milliseconds for the
whole country.

Colours come from CSS classes only (``static/src/vip.scss``, block "Municipality
map"): the site's Content Security Policy forbids inline styles and scripts.
"""

from __future__ import annotations

import functools
import html
import json
import math
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

TOPOJSON_PATH = Path(__file__).resolve().parent / "data" / "finland-municipalities-2021.topo.json"

#: Width of the viewBox, in SVG user units.
VIEW_WIDTH = 400
#: Height of the part of the viewBox the map is fitted into (the legend goes below it).
MAP_HEIGHT = 660
#: Empty space around the map, in user units.
MARGIN = 8
#: Points of an arc closer than this (in user units) to the last point kept are dropped.
MIN_DISTANCE = 0.5
#: Central meridian of the transverse Mercator projection (that of ETRS-TM35FIN).
CENTRAL_MERIDIAN = 27.0

LEGEND_ROW = 22
LEGEND_SWATCH = 14
LEGEND_TOP_GAP = 10

SVG_NS = "http://www.w3.org/2000/svg"
NO_DATA_KEY = ""
NO_DATA_CLASS = "vip-map__area--no-data"
AREA_CLASS = "vip-map__area"
FADED_CLASS = "vip-map__area--faded"


def escape(value: object) -> str:
    """HTML-escape a text or attribute value.

    The standard library's escape, not Django's: the map escapes some 1,300
    values a render, and Django's lazy-aware wrapper made that a third of the
    dashboard's rendering time.
    """
    return html.escape(str(value), quote=True)


@dataclass(frozen=True)
class MapStatus:
    """One status a municipality can have on the map, and its legend entry.

    ``key`` is what :func:`municipality_map_svg`'s ``statuses`` maps codes to;
    ``label`` is shown in the legend and tooltips (translate it before passing
    it in); ``css_class`` colours the municipality and its legend swatch, e.g.
    ``"vip-map__area--complete"``. ``hatched`` overlays white diagonal lines on
    the colour, ``dotted`` white dots, so that the status can be told apart
    without seeing colours (red and green look alike to many colour-blind
    people). Give two statuses of similar colour different patterns.
    """

    key: str
    label: str
    css_class: str
    hatched: bool = False
    dotted: bool = False

    @property
    def pattern(self) -> str:
        """The overlay's name ("hatch" or "dots"), or "" for a plain colour."""
        return "hatch" if self.hatched else "dots" if self.dotted else ""


@dataclass(frozen=True)
class MapGeometry:
    """The projected map, ready for string assembly.

    ``paths`` maps a municipality code to its SVG path data (rings of all its
    polygons, holes included: draw with ``fill-rule="evenodd"``), in user
    units of a viewBox ``width`` wide and ``map_height`` tall.
    ``county_borders`` is path data of the borders between wellbeing services
    counties (lines, not to be filled). ``bboxes`` gives each municipality's
    (min x, min y, max x, max y).
    """

    paths: Mapping[str, str]
    names_fi: Mapping[str, str]
    names_sv: Mapping[str, str]
    bboxes: Mapping[str, tuple[float, float, float, float]]
    county_borders: str
    width: int
    map_height: int


# --- Decoding and projection (once per process) ------------------------------------------

Point = tuple[int, int]  # a projected point in tenths of a user unit


def _project(lon: float, lat: float) -> tuple[float, float]:
    """Spherical transverse Mercator about 27°E (close to ETRS-TM35FIN), in radians of arc.

    y grows northwards here; it is flipped when fitted into the viewBox.
    """
    lam = math.radians(lon - CENTRAL_MERIDIAN)
    phi = math.radians(lat)
    b = math.cos(phi) * math.sin(lam)
    x = math.atanh(b)
    y = math.atan2(math.tan(phi), math.cos(lam))
    return x, y


def _decode_arcs(topology: Mapping[str, Any]) -> list[list[tuple[float, float]]]:
    """Delta-decode and dequantise every arc, then project it (unfitted plane)."""
    transform = topology.get("transform")
    if transform:
        sx, sy = transform["scale"]
        tx, ty = transform["translate"]
    arcs = []
    for arc in topology["arcs"]:
        points = []
        if transform:
            qx = qy = 0
            for dx, dy, *_rest in arc:
                qx += dx
                qy += dy
                points.append(_project(qx * sx + tx, qy * sy + ty))
        else:
            points = [_project(p[0], p[1]) for p in arc]
        arcs.append(points)
    return arcs


def _fit(
    arcs: list[list[tuple[float, float]]], width: int, height: int, margin: int
) -> list[list[Point]]:
    """Scale and translate projected arcs into the box, flip y, round to tenths and thin."""
    xs = [x for arc in arcs for x, _y in arc]
    ys = [y for arc in arcs for _x, y in arc]
    min_x, max_x, min_y, max_y = min(xs), max(xs), min(ys), max(ys)
    scale = min((width - 2 * margin) / (max_x - min_x), (height - 2 * margin) / (max_y - min_y))
    off_x = (width - (max_x - min_x) * scale) / 2
    off_y = (height - (max_y - min_y) * scale) / 2
    limit = (MIN_DISTANCE * 10) ** 2
    fitted = []
    for arc in arcs:
        points = [
            (round(((x - min_x) * scale + off_x) * 10), round(((max_y - y) * scale + off_y) * 10))
            for x, y in arc
        ]
        # Thin each arc on its own, always keeping both ends, so that neighbours,
        # which share the arc, still meet exactly.
        kept = points[:1]
        for point in points[1:]:
            last = kept[-1]
            if (point[0] - last[0]) ** 2 + (point[1] - last[1]) ** 2 >= limit:
                kept.append(point)
        if kept[-1] != points[-1]:
            if len(kept) > 1:
                kept.pop()  # too close to the end, which is kept instead
            kept.append(points[-1])
        fitted.append(kept)
    return fitted


def _ring(arcs: list[list[Point]], indexes: Iterable[int]) -> list[Point]:
    """Stitch a ring from arcs; ~i is arc i reversed. The joint point is kept once."""
    ring: list[Point] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(arc[1:] if ring else arc)
    deduplicated = [point for i, point in enumerate(ring) if i == 0 or point != ring[i - 1]]
    if len(deduplicated) > 1 and deduplicated[0] == deduplicated[-1]:
        deduplicated.pop()
    return deduplicated


def _polygons(geometry: Mapping[str, Any]) -> list[list[list[int]]]:
    kind = geometry.get("type")
    if kind == "Polygon":
        return [geometry["arcs"]]
    if kind == "MultiPolygon":
        return list(geometry["arcs"])
    return []


def _number(tenths: int) -> str:
    """A coordinate in tenths written as briefly as SVG allows: 15 -> "1.5", -5 -> "-.5"."""
    whole, tenth = divmod(abs(tenths), 10)
    sign = "-" if tenths < 0 else ""
    if tenth == 0:
        return f"{sign}{whole}"
    return f"{sign}{whole or ''}.{tenth}"


def _append_numbers(out: list[str], numbers: Iterable[int]) -> None:
    """Append numbers with a separator only where the grammar of path data needs one.

    A number needs none after a command letter, nor when it starts with "-", nor
    when it starts with "." right after a number that already has a decimal point.
    """
    previous = out[-1] if out else ""
    for value in numbers:
        text = _number(value)
        if previous[-1:].isdigit() and not (text[0] == "-" or (text[0] == "." and "." in previous)):
            out.append(" ")
        out.append(text)
        previous = text


def _path_data(rings: Iterable[list[Point]], closed: bool = True) -> str:
    """Rings (or lines) as path data: relative moveto and implicit relative lineto."""
    out: list[str] = []
    current = (0, 0)
    for ring in rings:
        start = ring[0]
        out.append("m")
        _append_numbers(out, (start[0] - current[0], start[1] - current[1]))
        previous = start
        for point in ring[1:]:
            _append_numbers(out, (point[0] - previous[0], point[1] - previous[1]))
            previous = point
        if closed:
            out.append("z")
            current = start  # after closepath the current point is the subpath's start
        else:
            current = previous
    return "".join(out)


def _municipality_rings(arcs: list[list[Point]], geometry: Mapping[str, Any]) -> list[list[Point]]:
    rings: list[list[Point]] = []
    for polygon in _polygons(geometry):
        stitched = [_ring(arcs, ring) for ring in polygon]
        if not stitched or len(stitched[0]) < 3:
            continue  # an islet thinned to nothing: its holes go with it
        rings.extend(ring for ring in stitched if len(ring) >= 3)
    return rings


def _county_border_lines(arcs: list[list[Point]], geometries: Iterable[Mapping[str, Any]]) -> str:
    """The mesh of arcs that two different counties share: their borders, each drawn once."""
    users: dict[int, set[int]] = {}
    for number, geometry in enumerate(geometries):
        for polygon in _polygons(geometry):
            for ring in polygon:
                for index in ring:
                    users.setdefault(index if index >= 0 else ~index, set()).add(number)
    lines = [arcs[index] for index in sorted(users) if len(users[index]) > 1]
    return _path_data((line for line in lines if len(line) > 1), closed=False)


@functools.cache
def map_geometry() -> MapGeometry:
    """Decode, project and encode the map once per process; later calls are free."""
    topology = json.loads(TOPOJSON_PATH.read_text(encoding="utf-8"))
    arcs = _fit(_decode_arcs(topology), VIEW_WIDTH, MAP_HEIGHT, MARGIN)
    paths: dict[str, str] = {}
    names_fi: dict[str, str] = {}
    names_sv: dict[str, str] = {}
    bboxes: dict[str, tuple[float, float, float, float]] = {}
    for geometry in topology["objects"]["munis"]["geometries"]:
        properties = geometry.get("properties") or {}
        code = str(properties.get("id", geometry.get("id", ""))).zfill(3)
        rings = _municipality_rings(arcs, geometry)
        if not rings:
            continue
        paths[code] = _path_data(rings)
        names_fi[code] = str(properties.get("name_fi") or code)
        names_sv[code] = str(properties.get("name_sv") or names_fi[code])
        xs = [x for ring in rings for x, _y in ring]
        ys = [y for ring in rings for _x, y in ring]
        bboxes[code] = (min(xs) / 10, min(ys) / 10, max(xs) / 10, max(ys) / 10)
    counties = topology["objects"].get("hva", {}).get("geometries", [])
    return MapGeometry(
        paths=dict(sorted(paths.items())),
        names_fi=names_fi,
        names_sv=names_sv,
        bboxes=bboxes,
        county_borders=_county_border_lines(arcs, counties),
        width=VIEW_WIDTH,
        map_height=MAP_HEIGHT,
    )


def municipality_codes() -> frozenset[str]:
    """The codes of all municipalities on the map (309, the 2021 division)."""
    return frozenset(map_geometry().paths)


def municipality_names_fi() -> dict[str, str]:
    """Municipality code -> Finnish name, as in the map's data file."""
    return dict(map_geometry().names_fi)


# --- Rendering (per request) -------------------------------------------------------------


def municipality_map_svg(
    statuses: Mapping[str, str],
    legend: Sequence[MapStatus],
    *,
    title: str,
    description: str,
    names: Mapping[str, str] | None = None,
    links: Mapping[str, str] | None = None,
    highlight_area_codes: Collection[str] | None = None,
    id_prefix: str = "vip-map",
    show_counts: bool = True,
    county_borders: bool = True,
) -> SafeString:
    """An inline SVG map of all municipalities, each coloured by its status.

    ``statuses`` maps a municipality code to the ``key`` of one of ``legend``'s
    entries; a municipality with no status, or one whose status is not in the
    legend, is drawn as "No data" (a legend entry that appears only when
    used). Each municipality has a tooltip "Name: Status"; ``names`` gives
    the names to show (default: the Finnish ones of the data file).

    To assistive technology the SVG is one labelled whole: its ``title`` and
    ``description`` (say the gist in the description, e.g. the counts); the
    municipalities themselves are hidden. Without ``links`` it is an image
    (``role="img"``). ``links`` (code -> URL) make municipalities clickable for
    pointer users only: each link has ``tabindex="-1"``, and the SVG becomes a
    labelled ``role="group"`` (an image may not contain controls). Three hundred
    links would be 300 tab stops and 300 announcements before the rest of the
    page; the page must therefore offer the same links in text, e.g. in a table
    of the municipalities (the VIPU dashboard's "map as a table"), where keyboard
    and screen reader users reach them. axe-core accepts this: hidden content may
    hold links that are out of the tab order.

    ``highlight_area_codes``, when given, are the municipality codes drawn at
    full strength; the others are faded (e.g. on a VIP area's page).
    ``show_counts`` adds the number of municipalities to each legend label (only
    the highlighted ones when highlighting); ``county_borders`` overlays the
    borders of the wellbeing services counties.

    ``id_prefix`` must be unique within the page. Every text is escaped.
    """
    geometry = map_geometry()
    by_key = {status.key: status for status in legend}
    no_data = MapStatus(NO_DATA_KEY, _("No data"), NO_DATA_CLASS)
    display_names = geometry.names_fi if names is None else names
    highlighted = None if highlight_area_codes is None else frozenset(highlight_area_codes)
    prefix = escape(id_prefix)
    pattern_ids = {"hatch": f"{prefix}-hatch", "dots": f"{prefix}-dots"}
    width, map_height = geometry.width, geometry.map_height
    # Escaped once per status, not once per municipality.
    css = {status.key: escape(status.css_class) for status in [*legend, no_data]}
    status_labels = {status.key: status.label for status in [*legend, no_data]}

    counts: Counter[str] = Counter()  # of the municipalities drawn at full strength
    uses_no_data = False
    # (faded, area, pattern, overlay): faded municipalities are drawn first, so that
    # the outlines of the highlighted ones are not covered by their neighbours.
    areas: list[tuple[bool, str, str, str]] = []
    for code, path in geometry.paths.items():
        status = by_key.get(statuses.get(code, NO_DATA_KEY), no_data)
        faded = highlighted is not None and code not in highlighted
        if not faded:
            counts[status.key] += 1
        uses_no_data = uses_no_data or status is no_data
        name = display_names.get(code) or geometry.names_fi[code]
        label = escape(f"{name}: {status_labels[status.key]}")
        modifiers = f" {FADED_CLASS}" if faded else ""
        area = (
            f'<path class="{AREA_CLASS} {css[status.key]}{modifiers}" d="{path}">'
            f"<title>{label}</title></path>"
        )
        url = links.get(code) if links else None
        if url:
            area = f'<a href="{escape(url)}" tabindex="-1" aria-label="{label}">{area}</a>'
        pattern = status.pattern
        overlay = f'<path class="vip-map__hatch{modifiers}" d="{path}"/>' if pattern else ""
        areas.append((faded, area, pattern, overlay))
    areas.sort(key=lambda item: not item[0])

    entries = list(legend)
    if uses_no_data:
        entries.append(no_data)
    legend_rows = []
    for row, status in enumerate(entries):
        y = map_height + LEGEND_TOP_GAP + row * LEGEND_ROW
        text = f"{status.label} ({counts[status.key]})" if show_counts else status.label
        square = f'x="{MARGIN}" y="{y}" width="{LEGEND_SWATCH}" height="{LEGEND_SWATCH}"'
        legend_rows.append(f'<rect class="vip-map__swatch {escape(status.css_class)}" {square}/>')
        if status.pattern:
            fill = f"url(#{pattern_ids[status.pattern]})"
            legend_rows.append(f'<rect class="vip-map__hatch" fill="{fill}" {square}/>')
        legend_rows.append(
            f'<text class="vip-map__legend-text" x="{MARGIN + LEGEND_SWATCH + 8}"'
            f' y="{y + LEGEND_SWATCH // 2}" dy=".35em">{escape(text)}</text>'
        )
    height = map_height + LEGEND_TOP_GAP + len(entries) * LEGEND_ROW

    labelled_by = f'aria-labelledby="{prefix}-title {prefix}-desc"'
    # With links inside, "img" would make them nested controls (axe: nested-interactive);
    # a labelled group whose areas are hidden reads the same: title and description.
    role = '"group"' if links else '"img" focusable="false"'
    parts = [
        f'<svg xmlns="{SVG_NS}" role={role} {labelled_by}'
        f' viewBox="0 0 {width} {height}" class="vip-map">',
        f'<title id="{prefix}-title">{escape(title)}</title>',
        f'<desc id="{prefix}-desc">{escape(description)}</desc>',
    ]
    used_patterns = {status.pattern for status in entries if status.pattern}
    if used_patterns:
        parts.append("<defs>")
        if "hatch" in used_patterns:
            parts.append(
                f'<pattern id="{pattern_ids["hatch"]}" width="4" height="4"'
                ' patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
                '<path class="vip-map__hatch-line" d="M1 0v4" stroke="#fff"'
                ' stroke-width="1.2"/></pattern>'
            )
        if "dots" in used_patterns:
            parts.append(
                f'<pattern id="{pattern_ids["dots"]}" width="4" height="4"'
                ' patternUnits="userSpaceOnUse"><circle class="vip-map__dot" cx="2" cy="2"'
                ' r="1" fill="#fff"/></pattern>'
            )
        parts.append("</defs>")
    # Hidden from assistive technology, links included: they are out of the tab order
    # (axe: aria-hidden-focus is satisfied by tabindex="-1").
    parts.append('<g class="vip-map__areas" fill-rule="evenodd" aria-hidden="true">')
    parts.extend(area for _faded, area, _pattern, _overlay in areas)
    parts.append("</g>")
    for name in ("hatch", "dots"):
        overlays = "".join(overlay for _faded, _area, pattern, overlay in areas if pattern == name)
        if overlays:
            group_class = "vip-map__hatching" if name == "hatch" else "vip-map__dotting"
            parts.append(
                f'<g class="{group_class}" fill="url(#{pattern_ids[name]})" fill-rule="evenodd"'
                f' pointer-events="none" aria-hidden="true">{overlays}</g>'
            )
    if county_borders and geometry.county_borders:
        parts.append(
            '<path class="vip-map__county-borders" fill="none" pointer-events="none"'
            f' aria-hidden="true" d="{geometry.county_borders}"/>'
        )
    parts.append(f'<g class="vip-map__legend" aria-hidden="true">{"".join(legend_rows)}</g>')
    parts.append("</svg>")
    # Every text and attribute value from outside this module went through escape().
    return mark_safe("".join(parts))  # noqa: S308
