"""The materials bank's part of ``make bench`` (issue 5): search, reindex, list pages.

1. **Reindex**: ``manage.py reindex_materials`` on the 50,000-item bench database, timed
   (wall clock and the command's CPU time), before the servers start.
2. **Search mix**: thousands of different searches, built from the demo vocabulary
   (``vip/demo/materials/vocabulary.py``) in a fixed order: base forms, inflected forms,
   compounds, two-word queries, Swedish words and names, half of them with one or two facet
   filters. ``materials.lua`` gives each request the next address of the list, so no
   address is asked twice in a run and the page cache never answers; the engine's
   per-process memos (rankings by the terms searched for, marked snippets by item, page
   language and terms) answer where a search asks for the terms of an earlier one in the
   same worker (another inflected form, the same words with other filters), as they would
   for real visitors; the warm-up uses other searches. The API (``/api/v1/materials?q=...``)
   and the search page (``/materials/?q=...``) are measured with the same mix; every answer
   includes the facet counts. Target: p95 <= 100 ms.
3. **Profile**: the same kinds of query run in-process, one at a time, timed by type and
   with and without filters, the SQL time separated from the Python time, so that a missed
   target says which queries are slow and where the time goes.
4. **List pages**: the bank's front page (``/materials/``), a theme page and an item page,
   against the target of the other list and detail pages (p95 <= 150 ms, >= 150 req/s).
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from common import BENCH_DIR, PYTHON, ROOT, VAR_DIR, Endpoint

MIX_SCRIPT = BENCH_DIR / "materials.lua"
SEARCH_TARGET_P95_MS = 100.0
MEASURED_SEARCHES = 4000
WARMUP_SEARCHES = 1000
PROFILE_PER_TYPE = 40

# Shares of the query mix by type (see the snippet below).
QUERY_TYPES = {
    "base form": 18,
    "inflected form": 24,
    "compound": 24,
    "two words": 20,
    "Swedish": 8,
    "name or place": 6,
}

QUERIES_SNIPPET = r"""
import json, random
from django.db.models import Count
from urllib.parse import urlencode
from vip.demo.materials import vocabulary as v
from vip.demo.materials.text import compound
from vip.demo.materials.plans import EXTERNAL_PREFIX
from vip.materials.models import Material
from vip.network.models import Theme
from vip.registry.models import Municipality

rng = random.Random(5)
base, inflected, compounds = [], [], []
for forms_text, modifiers, _themes in v.HEADS_FI:
    forms = forms_text.split()
    for modifier in modifiers:
        words = [compound(modifier, f) for f in forms]
        if modifier:
            compounds += words
        else:
            base.append(words[0])
            inflected += words[1:]
phrases = [p.split("|") for p, _t in v.PHRASES_FI]
genitives = [compound(m, f.split()[1]) for f, mods, _t in v.HEADS_FI for m in mods]
nominatives = [compound(m, f.split()[0]) for f, mods, _t in v.HEADS_FI for m in mods]
swedish = [w for ind, d, _t in v.NOUNS_SV for w in (ind, d)]
names = ["Virtanen", "Korhonen", "Nieminen", "Valteri", "Opetushallitus", "Elmeri",
         "Tampere", "Oulu", "Vaasa", "Turku", "Jyväskylä", "Kuopio", "Rovaniemi", "Lahti",
         "Helsinki", "Espoo", "Joensuu", "Seinäjoki", "Kokkola", "Pori"]
names += list(Municipality.objects.order_by("-population").values_list("name_fi", flat=True)[:80])

def two_words():
    if rng.random() < 0.15:
        return rng.choice(rng.choice(phrases))
    return f"{rng.choice(genitives)} {rng.choice(nominatives)}"

pools = {
    "base form": lambda: rng.choice(base),
    "inflected form": lambda: rng.choice(inflected),
    "compound": lambda: rng.choice(compounds),
    "two words": two_words,
    "Swedish": lambda: rng.choice(swedish) if rng.random() < 0.7
        else f"{rng.choice(swedish)} {rng.choice(swedish)}",
    "name or place": lambda: rng.choice(names),
}
shares = %(types)s
published = Material.objects.filter(status="published")
themes = sorted(Theme.objects.values_list("code", flat=True))
kinds = sorted(Material.Kind.values)
years = sorted({y for y in published.values_list("year", flat=True).distinct() if y})
levels = ["basic-education", "pre-primary-education", "early-childhood-education"]
facet_values = {"theme": themes, "kind": kinds, "language": ["fi", "sv", "en"],
                "year": years, "level": levels}
facet_weights = {"theme": 35, "kind": 30, "language": 10, "year": 15, "level": 10}

def filters():
    roll = rng.random()
    chosen = {}
    if roll < 0.5:
        return chosen
    count = 2 if roll > 0.9 else 1
    while len(chosen) < count:
        facet = rng.choices(list(facet_weights), weights=list(facet_weights.values()))[0]
        chosen[facet] = str(rng.choice(facet_values[facet]))
    return chosen

seen = set()
def searches(n):
    out = []
    while len(out) < n:
        kind = rng.choices(list(shares), weights=list(shares.values()))[0]
        q = pools[kind]()
        if q.lower() in seen and kind != "name or place":
            continue
        seen.add(q.lower())
        out.append({"type": kind, "q": q, "filters": filters()})
    return out

measured = searches(%(measured)d)
warmup = searches(%(warmup)d)
theme = (Theme.objects.filter(materials__status="published")
         .annotate(n=Count("materials")).order_by("-n", "code").first())
survey = Material.objects.filter(
    external_id=EXTERNAL_PREFIX + "report:kouluakaymattomyys-2020").first()
print("BENCHJSON " + json.dumps({
    "measured": measured,
    "warmup": warmup,
    "published": published.count(),
    "materials": Material.objects.count(),
    "theme": {"code": theme.code, "name": theme.name_fi, "items": theme.n} if theme else None,
    "detail": {"id": survey.pk, "title": survey.title_fi} if survey else None,
    "vocabulary": {"base": len(base), "inflected": len(inflected), "compounds": len(compounds)},
}))
"""

PROFILE_SNIPPET = r"""
import json, time, statistics
from collections import defaultdict
from django.db import connection
from vip.materials.index import parse_params, search
from vip.materials.index.catalogue import catalogue

queries = json.loads(%(queries)r)
catalogue(["published"])  # the per-process catalogue, loaded once as a worker does
search(parse_params({"q": "koulu"}))
sql_time = [0.0]
statements = []
def timer(execute, sql, params, many, context):
    started = time.perf_counter()
    try:
        return execute(sql, params, many, context)
    finally:
        spent = time.perf_counter() - started
        sql_time[0] += spent
        statements.append((spent, sql.split()[0] if sql.strip().startswith("WITH") else sql[:60]))
rows = []
with connection.execute_wrapper(timer):
    for entry in queries:
        data = {"q": entry["q"], **entry["filters"]}
        sql_time[0] = 0.0
        statements.clear()
        # The engine's cost, not its ranking and snippet memos': each search ranks and
        # marks anew (the words' routes and postings stay loaded, as in a warm worker).
        catalogue(["published"]).matches.clear()
        catalogue(["published"]).snippets.clear()
        started = time.perf_counter()
        results = search(parse_params(data))
        total = time.perf_counter() - started
        slowest = max(statements, default=(0.0, ""))
        rows.append({"type": entry["type"], "filtered": bool(entry["filters"]), "q": entry["q"],
                     "filters": entry["filters"], "ms": total * 1000, "sql_ms": sql_time[0] * 1000,
                     "queries": len(statements), "hits": results.total,
                     "slowest_sql_ms": slowest[0] * 1000, "slowest_sql": slowest[1]})
plan = []
with connection.cursor() as cursor:
    worst = max(rows, key=lambda r: r["sql_ms"])
    captured = []
    def capture(execute, sql, params, many, context):
        captured.append((sql, params))
        return execute(sql, params, many, context)
    # The same query once more with the memo bypassed, to EXPLAIN its heaviest statement.
    from vip.materials.index import engine
    cat = catalogue(["published"])
    cat.matches.clear()
    with connection.execute_wrapper(capture):
        search(parse_params({"q": worst["q"], **worst["filters"]}))
    heavy = [c for c in captured if c[0].lstrip().startswith("WITH")]
    if heavy:
        sql, params = heavy[0]
        prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
        cursor.execute(prefix + sql, params)
        plan = [" ".join(str(c) for c in row) for row in cursor.fetchall()]
print("BENCHJSON " + json.dumps({"rows": rows, "plan": plan, "worst": worst}))
"""


@dataclass
class MixEndpoint(Endpoint):
    """An endpoint measured over a list of addresses (one per request) instead of one."""

    paths_file: str = ""
    warmup_file: str = ""
    addresses: int = 0


@dataclass
class MaterialsRun:
    """What the materials part prepared and measured, for the report."""

    info: dict[str, Any]
    reindex: dict[str, Any] | None = None
    profile: dict[str, Any] | None = None
    endpoints: list[Endpoint] = field(default_factory=list)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--materials",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="measure the materials bank: reindex, search mix, list pages (default: yes)",
    )
    parser.add_argument(
        "--materials-reindex",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="time `manage.py reindex_materials` on the 50,000 items (default: yes)",
    )


def wrk_options(endpoint: Endpoint, threads: int, *, warmup: bool) -> dict[str, Any]:
    """run_wrk's script and arguments for an endpoint (the default script for plain ones)."""
    if not isinstance(endpoint, MixEndpoint):
        return {}
    paths = endpoint.warmup_file if warmup else endpoint.paths_file
    return {"script": MIX_SCRIPT, "script_args": [paths, str(threads)]}


def _query_string(entry: dict[str, Any]) -> str:
    return urlencode({"q": entry["q"], **entry["filters"]})


def _write_paths(name: str, prefix: str, searches: list[dict[str, Any]]) -> str:
    path = VAR_DIR / name
    path.write_text("".join(f"{prefix}{_query_string(e)}\n" for e in searches))
    return str(path)


def time_reindex(env: dict[str, str], log: Callable[[str], None]) -> dict[str, Any]:
    log("Timing manage.py reindex_materials (the whole materials index, one transaction)")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    result = subprocess.run(
        [PYTHON, "manage.py", "reindex_materials"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise RuntimeError(f"reindex_materials failed:\n{(result.stdout + result.stderr)[-3000:]}")
    line = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    found = re.search(
        r"Indexed (\d+) published items: (\d+) terms, (\d+) postings, (\d+) vocabulary words "
        r"in ([\d.]+) s",
        line,
    )
    figures = (
        dict(zip(("items", "terms", "postings", "words", "seconds"), found.groups(), strict=True))
        if found
        else {}
    )
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    log(f"  {line} (wall {wall:.1f} s, CPU {cpu:.1f} s)")
    return {"line": line, "wall": wall, "cpu": cpu, **figures}


def prepare(
    env: dict[str, str],
    args: argparse.Namespace,
    shell_json: Callable[[dict[str, str], str], dict[str, Any]],
    log: Callable[[str], None],
) -> MaterialsRun:
    info = shell_json(
        env,
        QUERIES_SNIPPET
        % {"types": repr(QUERY_TYPES), "measured": MEASURED_SEARCHES, "warmup": WARMUP_SEARCHES},
    )
    run = MaterialsRun(info=info)
    if args.materials_reindex:
        run.reindex = time_reindex(env, log)
    sample: list[dict[str, Any]] = []
    per_type: dict[tuple[str, bool], int] = {}
    for entry in info["measured"]:
        key = (entry["type"], bool(entry["filters"]))
        if per_type.get(key, 0) < PROFILE_PER_TYPE // 2:
            per_type[key] = per_type.get(key, 0) + 1
            sample.append(entry)
    log(f"Profiling {len(sample)} searches in-process (one at a time, SQL timed apart)")
    run.profile = shell_json(env, PROFILE_SNIPPET % {"queries": json.dumps(sample)})
    api = _write_paths("bench-materials-api.txt", "/api/v1/materials?", info["measured"])
    api_warm = _write_paths("bench-materials-api-warmup.txt", "/api/v1/materials?", info["warmup"])
    page = _write_paths("bench-materials-page.txt", "/materials/?", info["measured"])
    page_warm = _write_paths("bench-materials-page-warmup.txt", "/materials/?", info["warmup"])
    first = _query_string(info["measured"][0])
    count = len(info["measured"])
    note = (
        f"{count:,} different searches, half with facet filters, "
        f"over {info['published']:,} published items"
    )
    run.endpoints = [
        MixEndpoint(
            "Materials search API, query mix",
            f"/api/v1/materials?{first}",
            True,
            b'"facets"',
            note,
            cached=False,
            min_rps=None,
            target_p95_ms=SEARCH_TARGET_P95_MS,
            paths_file=api,
            warmup_file=api_warm,
            addresses=count,
        ),
        MixEndpoint(
            "Materials search page, query mix",
            f"/materials/?{first}",
            True,
            b"<main",
            note + "; each address once, so the page cache never answers",
            min_rps=None,
            target_p95_ms=SEARCH_TARGET_P95_MS,
            paths_file=page,
            warmup_file=page_warm,
            addresses=count,
        ),
        Endpoint(
            "Materials bank front page",
            "/materials/",
            True,
            b"<main",
            f"browse: {info['published']:,} published items, newest first, with facets",
        ),
    ]
    theme = info.get("theme")
    if theme:
        run.endpoints.append(
            Endpoint(
                "Materials theme page",
                f"/materials/themes/{theme['code']}/",
                True,
                theme["name"].encode(),
                f"{theme['name']}, {theme['items']:,} items, 20 a page",
            )
        )
    detail = info.get("detail")
    if detail:
        run.endpoints.append(
            Endpoint(
                "Material detail",
                f"/materials/{detail['id']}/",
                True,
                b"<main",
                detail["title"],
            )
        )
    return run


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def render_section(run: MaterialsRun) -> str:
    info = run.info
    lines = [
        "**Materials bank** (issue 5) — "
        f"{info['materials']:,} items ({info['published']:,} published; "
        "`vip/demo/materials`: the named publications and 50,000 synthetic items). "
        f"Search target: p95 <= {SEARCH_TARGET_P95_MS:.0f} ms at 16 concurrent clients, facet "
        "counts included; the bank's list and item pages as the other list pages.",
        "",
    ]
    if run.reindex:
        r = run.reindex
        lines += [
            f"- Full reindex (`manage.py reindex_materials`): {r.get('items', '?')} published "
            f"items, {r.get('terms', '?')} terms, {r.get('postings', '?')} postings, "
            f"{r.get('words', '?')} vocabulary words in {r.get('seconds', '?')} s as the command "
            f"reports it ({r['wall']:.1f} s wall clock with start-up, {r['cpu']:.1f} s CPU).",
        ]
    mix = ", ".join(f"{name} {share} %" for name, share in QUERY_TYPES.items())
    lines += [
        f"- Search mix: {len(info['measured']):,} different searches ({mix}); half with one "
        "facet filter or two (theme, kind, year, level, language); every answer counts the "
        "facets. Each request takes the next address (`bench/materials.lua`), so none is "
        "asked twice in a run: the page cache (keyed by the address) does not answer, and "
        "the search page's production row costs what its page-cache-off row does. The "
        "engine's memos answer where a search asks for the terms of an earlier one in the "
        "same worker (another inflected form, the same words with other filters): rankings "
        "by the terms searched for, marked titles and snippets by item, page language and "
        "terms. A visitor repeating a popular search within the cache's lifetime would get "
        "it from the page cache in a few ms, as the other cached pages.",
        "",
    ]
    if run.profile:
        lines += render_profile(run.profile)
    return "\n".join(lines) + "\n"


def _filters(filters: dict[str, str]) -> str:
    return f" {json.dumps(filters, ensure_ascii=False)}" if filters else ""


def render_profile(profile: dict[str, Any]) -> list[str]:
    rows = profile["rows"]
    lines = [
        "Search by query type, in-process, one search at a time (no HTTP, no concurrency, "
        "the ranking and snippet memos emptied before each): milliseconds per search, SQL "
        "time apart.",
        "",
        "| Query type | Filters | Searches | p50 ms | p95 ms | max ms | SQL share | Median hits |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    groups: dict[tuple[str, bool], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault((row["type"], row["filtered"]), []).append(row)
    for (kind, filtered), found in sorted(groups.items()):
        ms = [r["ms"] for r in found]
        sql = sum(r["sql_ms"] for r in found) / max(sum(ms), 1e-9)
        lines.append(
            f"| {kind} | {'yes' if filtered else 'no'} | {len(found)} "
            f"| {_percentile(ms, 0.5):.1f} | {_percentile(ms, 0.95):.1f} | {max(ms):.1f} "
            f"| {100 * sql:.0f} % | {int(_percentile([r['hits'] for r in found], 0.5)):,} |"
        )
    slow = sorted(rows, key=lambda r: -r["ms"])[:5]
    lines += [
        "",
        "Slowest searches: "
        + "; ".join(
            f"`{r['q']}`{_filters(r['filters'])}"
            f" {r['ms']:.0f} ms ({r['sql_ms']:.0f} ms SQL in {r['queries']} statements, the "
            f"heaviest {r['slowest_sql_ms']:.0f} ms; {r['hits']:,} hits)"
            for r in slow
        )
        + ".",
        "",
    ]
    if profile.get("plan"):
        lines += [
            f"Plan of the scoring statement of `{profile['worst']['q']}`: "
            + " / ".join(f"`{step}`" for step in profile["plan"]),
            "",
        ]
    return lines
