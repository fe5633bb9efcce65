#!/usr/bin/env python3
"""Search quality evaluation of the materials search analyser (``make search-eval``).

Reads the labelled sets beside this file, all written by hand from the language and the
documents before the analyser was tuned:

- ``inflections.json``: base form -> inflected forms (Finnish 345, Swedish 38);
- ``compounds.json``: compounds -> the parts a search for which must find them (Finnish 93,
  Swedish 12), and Finnish words that are not compounds;
- ``corpus.json``: 85 short documents (70 Finnish, 12 Swedish, 3 English) on the VIP
  network's topics;
- ``queries.json``: 249 queries with the documents each should find;
- ``minimal_pairs.json``: ä/a, ö/o and å/a word pairs that must never match each other.

For each analyser it prints: inflection conflation rate (share of inflected forms given the
same lemma as their base form), compound-part recall (share of expected parts produced),
false splits of non-compounds, Recall@10 and MRR over the queries (with the reference
ranking of vip.search.memory), ä/a-ö/o false matches, and analysis speed and memory.

Then the same evaluation runs through the database index (vip.materials.index) on SQLite
(a throwaway database in a temporary folder, migrated) and, when TEST_DATABASE_URL is set,
on PostgreSQL (a throwaway database created beside it and dropped afterwards): the corpus
becomes published items, and every figure is measured by searching: inflection conflation
(an item titled with the base form is found by each inflected form), compound-part recall
(an item titled with the compound is found by each expected part), Recall@10 and MRR, and
the ä/ö false matches. The top ten of every query must equal the reference ranking's.

Usage: .venv/bin/python bench/search_eval/run.py [--analyser NAME ...] [--details] [--no-db]
Exit status 0 when the default analyser meets every target on every backend and the
backends agree with the reference ranking, 1 otherwise.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from vip.search import analysis  # noqa: E402
from vip.search.base import Analyser, TermKind  # noqa: E402
from vip.search.memory import InMemoryIndex  # noqa: E402

TARGETS = {"inflection": 0.95, "compound": 0.90, "recall@10": 0.90, "mrr": 0.70, "umlaut": 0}


@dataclass
class Result:
    inflection: float
    compound: float
    recall: float
    mrr: float
    umlaut: int
    by_type: dict[str, tuple[float, float, int]] = field(default_factory=dict)

    def missed(self) -> list[str]:
        checks = {
            "inflection": self.inflection >= TARGETS["inflection"],
            "compound": self.compound >= TARGETS["compound"],
            "recall@10": self.recall >= TARGETS["recall@10"],
            "mrr": self.mrr >= TARGETS["mrr"],
            "umlaut": self.umlaut <= TARGETS["umlaut"],
        }
        return [name for name, ok in checks.items() if not ok]


def load(name: str) -> Any:
    return json.loads((HERE / name).read_text(encoding="utf-8"))


def _lemmas(analyser: Analyser, word: str) -> set[str]:
    """Whole-word terms of a single word (what an exact search for it would look up)."""
    return {t.text for t in analyser.analyse(word) if t.kind is not TermKind.PART}


def inflection(name: str, language: str) -> tuple[float, list[str]]:
    analyser = analysis.get_analyser(language, name)
    table = load("inflections.json")[language]
    total, misses = 0, []
    for base, forms in table.items():
        wanted = _lemmas(analyser, base)
        for form in forms:
            total += 1
            got = _lemmas(analyser, form)
            if not wanted & got:
                misses.append(f"{form} -> {sorted(got)} (base {base} -> {sorted(wanted)})")
    return 1 - len(misses) / total, misses


def compounds(name: str, language: str) -> tuple[float, list[str]]:
    analyser = analysis.get_analyser(language, name)
    table = load("compounds.json")[language]
    total, misses = 0, []
    for word, parts in table.items():
        produced = {t.text for t in analyser.analyse(word)}
        for alternatives in parts:
            total += 1
            accepted = set().union(*(_lemmas(analyser, a) | {a} for a in alternatives))
            if not accepted & produced:
                misses.append(f"{word}: {alternatives[0]} not in {sorted(produced)}")
    return 1 - len(misses) / total, misses


def false_splits(name: str) -> tuple[float, list[str]]:
    analyser = analysis.get_analyser("fi", name)
    words = load("compounds.json")["non_compounds_fi"]
    split = []
    for word in words:
        parts = [t.text for t in analyser.analyse(word) if t.kind is TermKind.PART]
        if parts:
            split.append(f"{word} -> {parts}")
    return len(split) / len(words), split


def build_index(name: str) -> InMemoryIndex:
    index = InMemoryIndex(analyser=name)
    for doc in load("corpus.json"):
        fields = {"title": doc["title"], "summary": doc["summary"], "body": doc["body"]}
        index.add(doc["id"], doc["language"], fields, year=doc.get("year"))
    return index


def retrieval(name: str) -> tuple[float, float, dict[str, tuple[float, float, int]], list[str]]:
    index = build_index(name)
    queries = load("queries.json")["queries"]
    by_type: dict[str, list[tuple[float, float]]] = defaultdict(list)
    recalls, reciprocal, misses = [], [], []
    for q in queries:
        ranked = [h.id for h in index.search(q["query"], limit=10)]
        relevant = set(q["relevant"])
        found = relevant & set(ranked)
        recall = len(found) / len(relevant)
        first = next((i for i, doc in enumerate(ranked, 1) if doc in relevant), None)
        rr = 1 / first if first else 0.0
        recalls.append(recall)
        reciprocal.append(rr)
        by_type[q["type"]].append((recall, rr))
        if recall < 1 or rr < 0.5:
            missing = sorted(relevant - found)
            misses.append(
                f"{q['id']} [{q['type']}] {q['query']!r}: missing {missing}, top {ranked[:5]}"
            )
    summary = {
        kind: (
            sum(r for r, _ in rows) / len(rows),
            sum(m for _, m in rows) / len(rows),
            len(rows),
        )
        for kind, rows in sorted(by_type.items())
    }
    return sum(recalls) / len(recalls), sum(reciprocal) / len(reciprocal), summary, misses


def umlaut_false_matches(name: str) -> tuple[int, int, list[str]]:
    """(search-level false matches, term-level collisions, details).

    For each pair, one tiny document holds the umlaut word's forms and another the plain
    word's; every form of each word is searched with both documents indexed and with only
    the other document indexed (which exercises the typo fallback). Any hit on the other
    word's document is a false match.
    """
    pairs = load("minimal_pairs.json")
    matches, collisions, details = 0, 0, []
    for language, groups in pairs.items():
        if language.startswith("_"):
            continue
        analyser = analysis.get_analyser(language, name)
        for group in groups:
            umlaut_forms = [w for i, w in enumerate(group) if i % 2 == 0]
            plain_forms = [w for i, w in enumerate(group) if i % 2 == 1]
            a_terms = {t.text for w in umlaut_forms for t in analyser.analyse(w)}
            b_terms = {t.text for w in plain_forms for t in analyser.analyse(w)}
            if a_terms & b_terms:
                collisions += 1
                details.append(f"terms shared: {group} -> {sorted(a_terms & b_terms)}")
            for own, other in ((umlaut_forms, plain_forms), (plain_forms, umlaut_forms)):
                for include_own in (True, False):
                    index = InMemoryIndex(analyser=name, languages=(language,))
                    index.add("other", language, {"body": " ".join(other)})
                    if include_own:
                        index.add("own", language, {"body": " ".join(own)})
                    for query in own:
                        if any(h.id == "other" for h in index.search(query)):
                            matches += 1
                            details.append(f"{query!r} found {other} ({language})")
    return matches, collisions, details


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def speed(name: str) -> dict[str, float]:
    """Throughput of a fresh analyser (empty word cache) and of a warm one."""
    docs = load("corpus.json")
    texts = [(d["language"], f"{d['title']} {d['summary']} {d['body']}") for d in docs]
    vocabulary: dict[str, set[str]] = defaultdict(set)
    for language, text in texts:
        vocabulary[language].update(text.split())
    for forms in load("inflections.json")["fi"].values():
        vocabulary["fi"].update(forms)
    vocabulary["fi"].update(load("compounds.json")["fi"])
    fresh = {lang: analysis.ANALYSERS[name](lang) for lang in ("fi", "sv", "en")}
    words = 0
    started = time.perf_counter()
    for language, vocab in vocabulary.items():
        for word in vocab:
            fresh[language].analyse(word)
            words += 1
    distinct = words / (time.perf_counter() - started)
    words = 0
    started = time.perf_counter()
    for _ in range(20):
        for language, text in texts:
            fresh[language].analyse(text)
            words += len(text.split())
    warm = words / (time.perf_counter() - started)
    return {"distinct words/s": distinct, "running text words/s (warm)": warm}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--analyser",
        action="append",
        help="analyser name (repeatable); default: the default analyser, the baselines "
        "(snowball, simplemma, simplemma+alternatives) and voikko when libvoikko is installed",
    )
    parser.add_argument("--details", action="store_true", help="list every miss")
    parser.add_argument("--no-db", action="store_true", help="skip the database backends")
    parser.add_argument("--backend-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.backend_child:
        return backend_child(args.backend_child)

    names = args.analyser
    if not names:
        from vip.search import voikko

        names = ["snowball", "simplemma", "simplemma+alternatives", "default"]
        names += ["voikko"] if voikko.available() else []

    # Memory of the default analyser's word lists, measured before anything else loads them.
    rss_before = _rss_mb()
    started = time.perf_counter()
    for language in analysis.LANGUAGES:
        analysis.get_analyser(language, "default")
    load_seconds = time.perf_counter() - started
    gc.collect()
    rss_default = _rss_mb() - rss_before

    print("# Search quality evaluation\n")
    queries = load("queries.json")["queries"]
    print(
        f"Corpus: {len(load('corpus.json'))} documents; {len(queries)} labelled queries. "
        f"Targets: inflection >= {TARGETS['inflection']:.0%}, compound parts >= "
        f"{TARGETS['compound']:.0%}, Recall@10 >= {TARGETS['recall@10']:.2f}, "
        f"MRR >= {TARGETS['mrr']:.2f}, umlaut false matches = 0.\n"
    )
    header = (
        "| analyser | inflection fi | inflection sv | compound parts fi | compound parts sv "
        "| false splits fi | Recall@10 | MRR | ä/a ö/o false matches | distinct words/s "
        "| warm words/s |"
    )
    print(header)
    print("|" + "|".join(["---"] * 11) + "|")
    results: dict[str, Result] = {}
    details: dict[str, list[str]] = {}
    for name in names:
        inf_fi, miss_inf_fi = inflection(name, "fi")
        inf_sv, miss_inf_sv = inflection(name, "sv")
        comp_fi, miss_comp_fi = compounds(name, "fi")
        comp_sv, miss_comp_sv = compounds(name, "sv")
        split_rate, splits = false_splits(name)
        recall, mrr, by_type, miss_q = retrieval(name)
        umlaut, collisions, miss_u = umlaut_false_matches(name)
        rates = speed(name)
        results[name] = Result(inf_fi, comp_fi, recall, mrr, umlaut + collisions, by_type)
        details[name] = [
            *(f"inflection fi: {m}" for m in miss_inf_fi),
            *(f"inflection sv: {m}" for m in miss_inf_sv),
            *(f"compound fi: {m}" for m in miss_comp_fi),
            *(f"compound sv: {m}" for m in miss_comp_sv),
            *(f"false split: {m}" for m in splits),
            *(f"query: {m}" for m in miss_q),
            *(f"umlaut: {m}" for m in miss_u),
        ]
        print(
            f"| {name} | {inf_fi:.1%} | {inf_sv:.1%} | {comp_fi:.1%} | {comp_sv:.1%} "
            f"| {split_rate:.1%} | {recall:.3f} | {mrr:.3f} | {umlaut} (+{collisions} term) "
            f"| {rates['distinct words/s']:,.0f} | {rates['running text words/s (warm)']:,.0f} |"
        )

    print("\n## Recall@10 / MRR by query type\n")
    types = sorted({t for r in results.values() for t in r.by_type})
    counts = results[names[0]].by_type
    print("| analyser | " + " | ".join(f"{t} (n={counts[t][2]})" for t in types) + " |")
    print("|" + "|".join(["---"] * (len(types) + 1)) + "|")
    for name, r in results.items():
        cells = " | ".join(f"{r.by_type[t][0]:.2f} / {r.by_type[t][1]:.2f}" for t in types)
        print(f"| {name} | {cells} |")

    print(
        f"\nDefault analyser: word lists loaded in {load_seconds:.2f} s, "
        f"+{rss_default:.0f} MB resident (memory-mapped tries, shared between processes)."
    )

    if args.details:
        for name in names:
            print(f"\n## Misses: {name}\n")
            for line in details[name] or ["(none)"]:
                print(f"- {line}")

    verdict = results.get("default")
    if verdict is None:
        return 0
    failed = verdict.missed()
    print("\nDefault analyser: " + ("all targets met." if not failed else f"MISSED {failed}."))
    if not args.no_db:
        failed += database_backends(args.details)
    return 1 if failed else 0


# --- the database index ------------------------------------------------------------------


def reference_rankings() -> dict[str, list[str]]:
    index = build_index("default")
    return {
        q["id"]: [h.id for h in index.search(q["query"], limit=10)]
        for q in load("queries.json")["queries"]
    }


def database_backends(details: bool) -> list[str]:
    """Run the evaluation through the database index on each backend; what failed."""
    backends: list[tuple[str, str | None]] = [("SQLite", None)]
    if os.environ.get("TEST_DATABASE_URL"):
        backends.append(("PostgreSQL", os.environ["TEST_DATABASE_URL"]))
    expected = reference_rankings()
    print("\n## Through the database index\n")
    print(
        "| backend | inflection fi | inflection sv | compound parts fi | compound parts sv "
        "| Recall@10 | MRR | ä/a ö/o false matches | top 10 as the reference | seconds |"
    )
    print("|" + "|".join(["---"] * 10) + "|")
    failed: list[str] = []
    for name, server in backends:
        started = time.perf_counter()
        try:
            figures = _run_backend(server)
        except RuntimeError as error:
            print(f"| {name} | failed: {error} |")
            failed.append(f"{name}: did not run")
            continue
        differing = [qid for qid, ids in expected.items() if figures["rankings"].get(qid) != ids]
        result = Result(
            figures["inflection_fi"],
            figures["compound_fi"],
            figures["recall"],
            figures["mrr"],
            figures["umlaut"],
        )
        print(
            f"| {name} | {figures['inflection_fi']:.1%} | {figures['inflection_sv']:.1%} "
            f"| {figures['compound_fi']:.1%} | {figures['compound_sv']:.1%} "
            f"| {figures['recall']:.3f} | {figures['mrr']:.3f} | {figures['umlaut']} "
            f"| {len(expected) - len(differing)}/{len(expected)} "
            f"| {time.perf_counter() - started:.0f} |"
        )
        failed += [f"{name}: {m}" for m in result.missed()]
        if differing:
            failed.append(f"{name}: {len(differing)} rankings differ from the reference")
        if details:
            for line in figures["misses"]:
                print(f"- {name}: {line}")
            for qid in differing:
                print(
                    f"- {name}: {qid} reference {expected[qid]} got {figures['rankings'].get(qid)}"
                )
    print(
        "\nDatabase index: "
        + (
            "all targets met, rankings identical to the reference."
            if not failed
            else f"MISSED {failed}."
        )
    )
    return failed


def _run_backend(server: str | None) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if k not in {"VIP_TESTING"}}
    env.update(DJANGO_SETTINGS_MODULE="config.settings", DEBUG="1")
    with tempfile.TemporaryDirectory(prefix="vip-search-eval-") as folder:
        output = Path(folder) / "figures.json"
        database = None
        if server is None:
            env["DATABASE_URL"] = f"sqlite:///{Path(folder) / 'eval.sqlite3'}"
        else:
            database = f"vip_search_eval_{uuid.uuid4().hex[:8]}"
            _postgres(server, f'CREATE DATABASE "{database}"')
            env["DATABASE_URL"] = server.rsplit("/", 1)[0] + "/" + database
        try:
            result = subprocess.run(
                [sys.executable, __file__, "--backend-child", str(output)],
                cwd=HERE.parents[1],
                env=env,
                capture_output=True,
                text=True,
                timeout=600,
            )
        finally:
            if database and server:
                _postgres(server, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        if result.returncode != 0:
            raise RuntimeError((result.stdout + result.stderr)[-2000:])
        figures: dict[str, Any] = json.loads(output.read_text())
        return figures


def _postgres(server: str, statement: str) -> None:
    """Runs a statement on the server's maintenance database (the URL's own database, like
    the test runner's, need not exist)."""
    import psycopg

    with psycopg.connect(server.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        connection.execute(statement.encode())


def backend_child(output: str) -> int:
    """Runs in a subprocess with DATABASE_URL set to a throwaway database."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db.backends.signals import connection_created

    def throwaway(sender: Any, connection: Any, **kwargs: Any) -> None:
        # A throwaway database: no waiting for the disk on every commit.
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA synchronous = OFF")
                cursor.execute("PRAGMA journal_mode = MEMORY")

    connection_created.connect(throwaway)

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    figures: dict[str, Any] = {"misses": [], "migrate_seconds": time.perf_counter() - started}
    for language in ("fi", "sv"):
        figures[f"inflection_{language}"] = _db_inflection(language, figures["misses"])
        figures[f"compound_{language}"] = _db_compounds(language, figures["misses"])
    recall, mrr, rankings = _db_retrieval(figures["misses"])
    figures.update(recall=recall, mrr=mrr, rankings=rankings)
    figures["umlaut"] = _db_umlaut(figures["misses"])
    Path(output).write_text(json.dumps(figures))
    return 0


def _db_reset(docs: list[tuple[str, dict[str, Any]]]) -> dict[int, str]:
    """Replace every item with ``docs`` (id, values), published, and rebuild the index."""
    import datetime

    from django.db import transaction
    from django.utils import timezone

    from vip.materials.index import reindex_all
    from vip.materials.models import Material

    now = timezone.now()
    ids = {}
    # One transaction: a commit per item would wait for the disk each time.
    with transaction.atomic():
        Material.objects.all().delete()
        for number, (doc_id, values) in enumerate(sorted(docs, key=lambda d: d[0])):
            values = {"kind": "report", **values}
            item = Material.objects.create(
                status="published", published_at=now - datetime.timedelta(seconds=number), **values
            )
            ids[item.pk] = doc_id
        reindex_all()
    return ids


def _db_search(q: str, ids: dict[int, str], limit: int = 10) -> list[str]:
    from vip.materials.index import SearchParams, search

    return [ids[h.material.pk] for h in search(SearchParams(q=q, per_page=limit)).hits]


def _db_inflection(language: str, misses: list[str]) -> float:
    table = load("inflections.json")[language]
    ids = _db_reset([(base, {"language": language, f"title_{language}": base}) for base in table])
    total = found = 0
    for base, forms in table.items():
        for form in forms:
            total += 1
            if base in _db_search(form, ids, limit=50):
                found += 1
            else:
                misses.append(f"inflection {language}: {form} did not find {base}")
    return found / total


def _db_compounds(language: str, misses: list[str]) -> float:
    table = load("compounds.json")[language]
    ids = _db_reset([(word, {"language": language, f"title_{language}": word}) for word in table])
    total = found = 0
    for word, parts in table.items():
        for alternatives in parts:
            total += 1
            if any(word in _db_search(a, ids, limit=50) for a in alternatives):
                found += 1
            else:
                misses.append(f"compound {language}: {alternatives[0]} did not find {word}")
    return found / total


def _db_retrieval(misses: list[str]) -> tuple[float, float, dict[str, list[str]]]:
    docs = []
    for doc in load("corpus.json"):
        lang = doc["language"]
        values = {
            "kind": doc["kind"],
            "language": lang,
            "year": doc.get("year"),
            f"title_{lang}": doc["title"],
            f"summary_{lang}": doc["summary"],
            f"body_{lang}": doc["body"],
        }
        docs.append((doc["id"], values))
    ids = _db_reset(docs)
    recalls, reciprocal, rankings = [], [], {}
    for q in load("queries.json")["queries"]:
        ranked = rankings[q["id"]] = _db_search(q["query"], ids)
        relevant = set(q["relevant"])
        recalls.append(len(relevant & set(ranked)) / len(relevant))
        first = next((i for i, doc in enumerate(ranked, 1) if doc in relevant), None)
        reciprocal.append(1 / first if first else 0.0)
        if recalls[-1] < 1:
            misses.append(f"query {q['id']} {q['query']!r}: top {ranked[:5]}")
    return sum(recalls) / len(recalls), sum(reciprocal) / len(reciprocal), rankings


def _db_umlaut(misses: list[str]) -> int:
    """As umlaut_false_matches: each form searched with and without its own document."""
    matches = 0
    for language, groups in load("minimal_pairs.json").items():
        if language.startswith("_"):
            continue
        for group in groups:
            umlaut_forms = [w for i, w in enumerate(group) if i % 2 == 0]
            plain_forms = [w for i, w in enumerate(group) if i % 2 == 1]
            for own, other in ((umlaut_forms, plain_forms), (plain_forms, umlaut_forms)):
                for include_own in (True, False):
                    docs = [("other", {"language": language, f"body_{language}": " ".join(other)})]
                    if include_own:
                        docs.append(
                            ("own", {"language": language, f"body_{language}": " ".join(own)})
                        )
                    # A title is required; "-" gives no terms.
                    ids = _db_reset([(d, {"title_fi": "-", **v}) for d, v in docs])
                    for query in own:
                        if "other" in _db_search(query, ids):
                            matches += 1
                            misses.append(f"umlaut: {query!r} found {other} ({language})")
    return matches


if __name__ == "__main__":
    sys.exit(main())
