"""The municipality map: an accessible SVG of Finland's 309 municipalities, coloured by status.

No database: the map is drawn from the TopoJSON file shipped with the registry.
"""

from __future__ import annotations

import csv
import re
import time
import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from vip.registry import maps
from vip.registry.maps import MapStatus, municipality_map_svg
from vip.registry.services import MUNICIPALITIES_CSV

SVG = "{http://www.w3.org/2000/svg}"
LEGEND = [
    MapStatus("complete", "Complete", "vip-map__area--complete"),
    MapStatus("partial", "Partial", "vip-map__area--partial"),
    MapStatus("missing", "Missing", "vip-map__area--missing", hatched=True),
]
CLASS_OF = {status.key: status.css_class for status in LEGEND}


@pytest.fixture(autouse=True)
def _in_english():
    # "No data" is the map's own label, translated like any other.
    with translation.override("en"):
        yield


def all_codes() -> list[str]:
    return sorted(maps.municipality_codes())


def every_status(key: str = "complete") -> dict[str, str]:
    return dict.fromkeys(all_codes(), key)


def render(statuses: dict[str, str] | None = None, **kwargs) -> str:
    kwargs.setdefault("title", "Coverage of the VIP network")
    kwargs.setdefault("description", "Which municipalities have a named contact.")
    return str(
        municipality_map_svg(every_status() if statuses is None else statuses, LEGEND, **kwargs)
    )


def parse(svg: str) -> ET.Element:
    """The SVG as XML: it must be well-formed. (It is our own output, not untrusted data.)"""
    return ET.fromstring(svg)  # noqa: S314


def areas(svg: str) -> list[ET.Element]:
    """The municipalities' paths, in drawing order."""
    root = parse(svg)
    return [
        path for path in root.iter(f"{SVG}path") if "vip-map__area" in path.get("class", "").split()
    ]


def tooltip(path: ET.Element) -> str:
    title = path.find(f"{SVG}title")
    assert title is not None
    return title.text or ""


def path_for(svg: str, name: str) -> ET.Element:
    [path] = [path for path in areas(svg) if tooltip(path).startswith(f"{name}:")]
    return path


def points(d: str) -> list[tuple[float, float]]:
    """The absolute points of path data made of m/l (relative), M/L (absolute) and z."""
    tokens = re.findall(r"[MmLlZz]|-?(?:\d+\.?\d*|\.\d+)", d)
    result: list[tuple[float, float]] = []
    x = y = start_x = start_y = 0.0
    command = ""
    numbers: list[float] = []
    for token in [*tokens, "z"]:
        if token in "MmLlZz":
            command = token
            first = command in "Mm"
            if command in "Zz":
                x, y = start_x, start_y
            continue
        numbers.append(float(token))
        if len(numbers) < 2:
            continue
        dx, dy = numbers
        numbers = []
        x, y = (x + dx, y + dy) if command.islower() else (dx, dy)
        if first:
            start_x, start_y = x, y
            first = False
        result.append((x, y))
    return result


def centre(svg: str, name: str) -> tuple[float, float]:
    xy = points(path_for(svg, name).get("d", ""))
    xs, ys = [x for x, _y in xy], [y for _x, y in xy]
    return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2


# --- The data ------------------------------------------------------------------------------


def test_it_decodes_all_309_municipalities_with_three_digit_codes():
    codes = maps.municipality_codes()

    assert len(codes) == 309
    assert all(re.fullmatch(r"\d{3}", code) for code in codes)
    assert all(maps.map_geometry().paths[code].startswith("m") for code in codes)


def test_it_knows_the_same_municipalities_as_the_registry():
    with MUNICIPALITIES_CSV.open(encoding="utf-8") as file:
        registry = {row["code"]: row["name_fi"] for row in csv.DictReader(file)}

    assert maps.municipality_codes() == frozenset(registry)
    assert maps.municipality_names_fi() == registry


def test_it_draws_the_holes_of_municipalities_that_surround_another():
    espoo = maps.map_geometry().paths["049"]  # Kauniainen lies inside Espoo

    assert espoo.count("m") == 2


def test_its_compact_path_data_reaches_every_projected_point():
    geometry = maps.map_geometry()

    for code, d in geometry.paths.items():
        xy = points(d)
        xs, ys = [x for x, _y in xy], [y for _x, y in xy]
        bbox = (min(xs), min(ys), max(xs), max(ys))
        assert bbox == pytest.approx(geometry.bboxes[code], abs=0.01), code


def test_it_projects_finland_the_right_way_up():
    svg = render()

    _helsinki_x, helsinki_y = centre(svg, "Helsinki")
    _utsjoki_x, utsjoki_y = centre(svg, "Utsjoki")
    turku_x, _turku_y = centre(svg, "Turku")
    joensuu_x, _joensuu_y = centre(svg, "Joensuu")

    assert helsinki_y > utsjoki_y + 400  # y grows downwards in SVG
    assert turku_x < joensuu_x - 150


def test_it_fits_the_map_inside_its_view_box():
    geometry = maps.map_geometry()

    assert all(
        0 <= x0 < x1 <= geometry.width and 0 <= y0 < y1 <= geometry.map_height
        for x0, y0, x1, y1 in geometry.bboxes.values()
    )


# --- Colours and legend ----------------------------------------------------------------------


def test_it_colours_every_municipality_by_its_status():
    keys = list(CLASS_OF)
    statuses = {code: keys[number % 3] for number, code in enumerate(all_codes())}

    paths = areas(render(statuses))

    assert len(paths) == 309
    for path in paths:
        classes = path.get("class", "").split()
        status = next(s for s in LEGEND if tooltip(path).endswith(f": {s.label}"))
        assert classes == ["vip-map__area", status.css_class]


def test_it_gives_every_municipality_a_tooltip_with_its_name_and_status():
    statuses = every_status("partial")

    svg = render(statuses)

    assert tooltip(path_for(svg, "Helsinki")) == "Helsinki: Partial"
    assert tooltip(path_for(svg, "Maarianhamina")) == "Maarianhamina: Partial"


def test_it_uses_the_names_it_is_given():
    svg = render(names={"091": "Helsingfors"})

    assert tooltip(path_for(svg, "Helsingfors")) == "Helsingfors: Complete"
    assert tooltip(path_for(svg, "Espoo")) == "Espoo: Complete"  # not given: Finnish name


def test_it_shows_municipalities_without_a_known_status_as_no_data():
    statuses = every_status()
    del statuses["091"]
    statuses["049"] = "unheard-of"

    svg = render(statuses)

    for name in ("Helsinki", "Espoo"):
        path = path_for(svg, name)
        assert path.get("class") == "vip-map__area vip-map__area--no-data"
        assert tooltip(path) == f"{name}: No data"
    assert "No data (2)" in legend_texts(svg)


def legend_texts(svg: str) -> list[str]:
    return [text.text or "" for text in parse(svg).iter(f"{SVG}text")]


def test_it_lists_every_status_in_the_legend_with_its_count():
    statuses = every_status()
    statuses["091"] = "missing"

    assert legend_texts(render(statuses)) == ["Complete (308)", "Partial (0)", "Missing (1)"]


def test_it_leaves_counts_out_when_asked():
    assert legend_texts(render(show_counts=False)) == ["Complete", "Partial", "Missing"]


def test_it_draws_a_coloured_swatch_for_each_legend_entry():
    swatches = [
        rect.get("class")
        for rect in parse(render()).iter(f"{SVG}rect")
        if "vip-map__swatch" in rect.get("class", "")
    ]

    assert swatches == [f"vip-map__swatch {status.css_class}" for status in LEGEND]


def test_it_hatches_the_statuses_marked_so_and_only_them():
    statuses = every_status()
    statuses["091"] = "missing"

    root = parse(render(statuses))

    [pattern] = root.iter(f"{SVG}pattern")
    hatch_id = pattern.get("id")
    assert hatch_id == "vip-map-hatch"
    hatchings = [p for p in root.iter(f"{SVG}path") if p.get("class") == "vip-map__hatch"]
    assert [p.get("d") for p in hatchings] == [maps.map_geometry().paths["091"]]
    assert not list(parse(render(every_status())).findall(f".//{SVG}path[@class='vip-map__hatch']"))


def test_it_fades_municipalities_outside_the_highlighted_ones():
    svg = render(highlight_area_codes={"091", "049"})

    paths = areas(svg)
    faded = [p for p in paths if "vip-map__area--faded" in p.get("class", "")]
    assert len(faded) == 307
    assert "vip-map__area--faded" not in path_for(svg, "Helsinki").get("class", "")
    assert {tooltip(p) for p in paths[-2:]} == {"Helsinki: Complete", "Espoo: Complete"}


def test_it_counts_only_the_highlighted_municipalities_in_the_legend():
    statuses = every_status()
    statuses["091"] = "missing"
    del statuses["853"]

    svg = render(statuses, highlight_area_codes={"091", "049", "092"})

    assert legend_texts(svg) == ["Complete (2)", "Partial (0)", "Missing (1)", "No data (0)"]


def test_it_overlays_the_borders_of_the_wellbeing_counties():
    root = parse(render())

    [borders] = root.findall(f".//{SVG}path[@class='vip-map__county-borders']")
    assert borders.get("fill") == "none"
    assert borders.get("aria-hidden") == "true"
    assert len(borders.get("d", "")) > 1000
    assert not list(
        parse(render(county_borders=False)).findall(
            f".//{SVG}path[@class='vip-map__county-borders']"
        )
    )


# --- Accessibility and safety ---------------------------------------------------------------


def test_it_is_one_labelled_image_without_links():
    root = parse(render(title="Kattavuus", description="Kunnat tilan mukaan"))

    assert root.get("role") == "img"
    assert root.get("focusable") == "false"
    assert root.get("aria-labelledby") == "vip-map-title vip-map-desc"
    assert root.find(f"{SVG}title[@id='vip-map-title']").text == "Kattavuus"
    assert root.find(f"{SVG}desc[@id='vip-map-desc']").text == "Kunnat tilan mukaan"
    assert not list(root.iter(f"{SVG}a"))


def test_it_keeps_links_for_pointers_out_of_the_tab_order_and_hidden_from_screen_readers():
    """300 tab stops and 300 announcements would bury the page: keyboard and screen
    reader users get the same links from the page's table. The links here are for
    pointers; assistive technology meets one labelled group (not an image: an image
    may not contain controls), and axe-core accepts hidden links out of the tab order."""
    links = {code: f"/municipalities/{code}/" for code in all_codes()}
    del links["049"]

    root = parse(render(links=links, id_prefix="coverage"))

    assert root.get("role") == "group"
    assert root.get("aria-labelledby") == "coverage-title coverage-desc"
    [drawn] = root.findall(f"{SVG}g[@class='vip-map__areas']")
    assert drawn.get("aria-hidden") == "true"
    anchors = {a.get("href"): a for a in drawn.iter(f"{SVG}a")}
    assert len(anchors) == 308
    assert len(list(root.iter(f"{SVG}a"))) == 308
    assert {a.get("tabindex") for a in anchors.values()} == {"-1"}
    helsinki = anchors["/municipalities/091/"]
    assert helsinki.get("aria-label") == "Helsinki: Complete"
    assert helsinki.find(f"{SVG}path") is not None
    assert "/municipalities/049/" not in anchors


def test_it_hides_the_municipalities_of_a_map_without_links_too():
    root = parse(render())

    [drawn] = root.findall(f"{SVG}g[@class='vip-map__areas']")
    assert drawn.get("aria-hidden") == "true"


def test_it_dots_the_statuses_marked_so_with_a_pattern_of_their_own():
    legend = [
        MapStatus("complete", "Complete", "vip-map__area--complete"),
        MapStatus("partial", "Partial", "vip-map__area--partial", dotted=True),
        MapStatus("missing", "Missing", "vip-map__area--missing", hatched=True),
    ]
    statuses = every_status()
    statuses["091"] = "partial"
    statuses["049"] = "missing"

    root = parse(str(municipality_map_svg(statuses, legend, title="t", description="d")))

    patterns = {p.get("id"): p for p in root.iter(f"{SVG}pattern")}
    assert set(patterns) == {"vip-map-hatch", "vip-map-dots"}
    assert patterns["vip-map-dots"].find(f"{SVG}circle") is not None
    [dotting] = root.findall(f".//{SVG}g[@class='vip-map__dotting']")
    assert dotting.get("fill") == "url(#vip-map-dots)"
    assert [p.get("d") for p in dotting] == [maps.map_geometry().paths["091"]]
    [hatching] = root.findall(f".//{SVG}g[@class='vip-map__hatching']")
    assert [p.get("d") for p in hatching] == [maps.map_geometry().paths["049"]]
    overlays = [r for r in root.iter(f"{SVG}rect") if r.get("class") == "vip-map__hatch"]
    swatch_fills = [rect.get("fill") for rect in overlays]
    assert swatch_fills == ["url(#vip-map-dots)", "url(#vip-map-hatch)"]


def test_it_escapes_with_the_standard_library_not_djangos_lazy_aware_wrapper():
    # Django's escape() checks every argument for lazy translations: ~1,300 calls a
    # render made it a third of the dashboard's time.
    import html

    assert maps.escape('<a href="x">&\'</a>') == html.escape('<a href="x">&\'</a>')
    assert "django" not in getattr(maps.escape, "__module__", "")
    assert type(maps.escape("x")) is str


def test_it_escapes_every_text():
    nasty = '<script>"&'
    svg = render(
        names={"091": f"Hel{nasty}"},
        links={"091": '/x?a=1&b="2"'},
        title=f"Title{nasty}",
        description=f"Desc{nasty}",
    )

    assert "<script" not in svg
    root = parse(svg)
    assert root.find(f"{SVG}title").text == f"Title{nasty}"
    assert root.find(f"{SVG}desc").text == f"Desc{nasty}"
    [anchor] = root.iter(f"{SVG}a")
    assert anchor.get("href") == '/x?a=1&b="2"'
    assert anchor.get("aria-label") == f"Hel{nasty}: Complete"


def test_it_escapes_legend_labels():
    legend = [MapStatus("complete", "Done <&>", "vip-map__area--complete")]

    svg = str(municipality_map_svg(every_status(), legend, title="t", description="d"))

    assert "Done &lt;&amp;&gt; (309)" in svg
    assert parse(svg) is not None


def test_it_uses_no_inline_styles_or_scripts():
    """The Content Security Policy forbids them: colours come from CSS classes."""
    svg = render(links={"091": "/x/"}, highlight_area_codes={"091"})

    for element in parse(svg).iter():
        assert element.tag not in {f"{SVG}style", f"{SVG}script"}
        assert "style" not in element.attrib
        assert not [name for name in element.attrib if name.startswith("on")]


def test_it_gives_unique_ids_from_the_prefix():
    statuses = every_status()
    statuses["091"] = "missing"

    ids = [
        element.get("id")
        for element in parse(render(statuses, id_prefix="m2")).iter()
        if element.get("id")
    ]

    assert sorted(ids) == ["m2-desc", "m2-hatch", "m2-title"]


# --- Cost -------------------------------------------------------------------------------------


def test_it_is_small():
    links = {code: f"/municipalities/{code}/" for code in all_codes()}

    assert len(render(links=links).encode()) < 250_000


def test_it_decodes_the_file_once_and_renders_from_the_cache():
    render()
    before = maps.map_geometry.cache_info()

    render()

    after = maps.map_geometry.cache_info()
    assert after.misses == before.misses
    assert after.hits > before.hits


@pytest.mark.parametrize("links", [False, True])
def test_it_renders_in_a_few_milliseconds(links):
    statuses = every_status()
    urls = {code: f"/m/{code}/" for code in all_codes()} if links else None
    render(statuses, links=urls)

    started = time.perf_counter()
    for _ in range(10):
        render(statuses, links=urls)
    per_render = (time.perf_counter() - started) / 10

    assert per_render < 0.05  # measured at about 2 ms; generous for slow CI machines
