"""The benchmark's report: machine facts, the markdown table, bench/RESULTS.md."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import socket
import subprocess
from pathlib import Path
from typing import Any

from common import (
    BURST_CAPACITY,
    BURST_WAITING,
    PYTHON,
    RESULTS,
    RESULTS_HEADER,
    RESULTS_MARKER,
    ROOT,
    SCALE,
    SEED,
    TARGET_P95_MS,
    TARGET_RPS,
    BurstResult,
    Measurement,
)

# --- Report ----------------------------------------------------------------------------------


def read_file(path: str) -> str:
    try:
        return Path(path).read_text()
    except OSError:
        return ""


def git_commit() -> str:
    """The checked-out commit, read from .git directly (no git process needed)."""
    git = ROOT / ".git"
    try:
        if git.is_file():  # a worktree: "gitdir: <path>"
            git = (ROOT / git.read_text().split(":", 1)[1].strip()).resolve()
        head = (git / "HEAD").read_text().strip()
        if not head.startswith("ref: "):
            return head[:12]
        ref = head.removeprefix("ref: ")
        common = git
        if (git / "commondir").exists():
            common = (git / (git / "commondir").read_text().strip()).resolve()
        for base in (git, common):
            if (base / ref).exists():
                return f"{(base / ref).read_text().strip()[:12]} ({ref.rsplit('/', 1)[-1]})"
        for line in read_file(str(common / "packed-refs")).splitlines():
            if line.endswith(f" {ref}"):
                return f"{line.split()[0][:12]} ({ref.rsplit('/', 1)[-1]})"
    except (OSError, IndexError):
        pass
    return "unknown"


def machine_info(wrk: str) -> dict[str, str]:
    cpuinfo = read_file("/proc/cpuinfo")
    model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.MULTILINE)
    meminfo = read_file("/proc/meminfo")
    total = re.search(r"^MemTotal:\s*(\d+)", meminfo, re.MULTILINE)
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    versions = json.loads(
        subprocess.run(
            [
                PYTHON,
                "-c",
                "import json, platform, sqlite3, django, gunicorn;"
                "print(json.dumps({'python': platform.python_version(),"
                " 'django': django.get_version(), 'gunicorn': gunicorn.__version__,"
                " 'sqlite': sqlite3.sqlite_version}))",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    wrk_version = subprocess.run([wrk, "--version"], capture_output=True, text=True)
    wrk_line = (wrk_version.stdout or wrk_version.stderr).splitlines()
    return {
        "cpu": model.group(1).strip() if model else platform.processor() or "unknown CPU",
        "cores": f"{usable} usable of {os.cpu_count()}",
        "ram": f"{int(total.group(1)) / 1024 / 1024:.1f} GiB" if total else "unknown",
        "kernel": f"{platform.system()} {platform.release()} ({platform.machine()})",
        "hostname": socket.gethostname(),
        "load": ", ".join(f"{x:.2f}" for x in os.getloadavg()),
        "python": versions["python"],
        "django": versions["django"],
        "gunicorn": versions["gunicorn"],
        "sqlite": versions["sqlite"],
        "wrk": wrk_line[0].split(" [")[0] if wrk_line else "wrk",
        "commit": git_commit(),
    }


def render_report(
    *,
    started: dt.datetime,
    machine: dict[str, str],
    state: dict[str, Any],
    results: list[Measurement],
    burst: BurstResult | None,
    memory: list[tuple[str, dict[int, int], int | None]],
    args: argparse.Namespace,
) -> str:
    local = started.astimezone()
    base = next((r for r in results if r.endpoint.path == "/healthz"), None)
    lines = [
        f"## {started:%Y-%m-%d %H:%M} UTC — {machine['cpu']}, {machine['cores'].split()[0]} cores",
        "",
        f"- Date: {started:%Y-%m-%d %H:%M:%S} UTC"
        + (f" ({local:%Y-%m-%d %H:%M %Z})" if local.utcoffset() else ""),
        f"- Machine: {machine['cpu']}; {machine['cores']} cores; {machine['ram']} RAM; "
        f"{machine['kernel']}; host `{machine['hostname']}`; "
        f"load average at start {machine['load']}",
        f"- Software: Python {machine['python']}, Django {machine['django']}, "
        f"gunicorn {machine['gunicorn']} ({args.workers} sync workers), "
        f"SQLite {machine['sqlite']}, {machine['wrk']}; commit {machine['commit']}",
        f"- Data: `seed_demo --scale {SCALE} --seed {SEED}` in `var/{args.db_name}`: "
        f"{state['organisations']:,} organisations ({state['school']:,} schools, "
        f"{state['early_childhood_unit']:,} early-childhood units), "
        f"{state['municipalities']} municipalities; {state['events']:,} events, "
        f"{state['registrations']:,} registrations, {state['feedback']:,} feedback answers"
        + (
            f" (`seed_demo` ran in this run, adding what was missing: {state['seeded_in']:.0f} s)"
            if state.get("seeded_in")
            else ""
        ),
        f"- Load: wrk on 127.0.0.1, {args.connections} connections, {args.threads} threads, "
        f"{args.warmup} s warm-up + {args.duration} s measured per endpoint; "
        "wrk shares the cores with the server",
        f"- Target: list and detail pages p95 <= {TARGET_P95_MS:.0f} ms "
        f"and >= {TARGET_RPS:.0f} requests/s; event calendar, events API and iCalendar "
        f"feed (cached a minute) p95 <= {TARGET_P95_MS:.0f} ms",
        "",
        "| Endpoint | Path | Requests/s | p50 ms | p95 ms | p99 ms | Errors / non-2xx "
        "| Req/s vs /healthz | Worker CPU ms/req | CPU vs /healthz | Workers' RSS peak MiB "
        "| Other load (cores) | Target |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in results:
        ratio = f"{r.rps / base.rps:.3f}" if base and base.rps else "—"
        cpu_ratio = (
            f"{r.cpu_ms_per_request / base.cpu_ms_per_request:.1f}×"
            if base and base.cpu_ms_per_request and r.requests
            else "—"
        )
        if r.endpoint.target:
            missed = r.missed
            verdict = ("fail" if r.endpoint.cache_off else "**FAIL**") if missed else "pass"
            if missed:
                verdict += f" ({', '.join(missed)})"
            if r.endpoint.cache_off:
                verdict = f"(info) {verdict}"
        else:
            verdict = "no target"
        errors = f"{r.socket_errors} / {r.non2xx}"
        if r.first_bad_status:
            errors += f" (e.g. {r.first_bad_status})"
        if not r.requests:
            errors += " (no request completed)"
        label = r.endpoint.label + (f" ({r.endpoint.note})" if r.endpoint.note else "")

        def ms(value: float, r: Measurement = r) -> str:
            return f"{value:.1f}" if r.requests else "—"

        lines.append(
            f"| {label} | `{r.endpoint.path}` | {r.rps:.1f} | {ms(r.p50_ms)} | {ms(r.p95_ms)} "
            f"| {ms(r.p99_ms)} | {errors} | {ratio} | {ms(r.cpu_ms_per_request)} | {cpu_ratio} "
            f"| {r.peak_rss_kib / 1024:.0f} | {r.other_cores:.2f} | {verdict} |"
        )
    peaks = []
    for name, hwm_kib, master_kib in memory:
        workers = ", ".join(f"{kib / 1024:.0f} MiB" for _pid, kib in sorted(hwm_kib.items()))
        peaks.append(
            f"{name}: workers {workers or 'unknown'}"
            + (f", master {master_kib / 1024:.0f} MiB" if master_kib else "")
        )
    lines += [
        "",
        f"Memory, peak RSS (VmHWM) of each gunicorn process — {'; '.join(peaks)}. "
        "The table's RSS column is the highest sum of the workers' RSS sampled during "
        "that endpoint's measurement.",
        "",
        "Worker CPU ms/req is the CPU time the gunicorn workers used divided by the requests "
        "answered: the cost of one request, much less sensitive to other load than the "
        "latencies. Other load is the CPU that processes other than the workers and wrk used "
        "during the measurement, in cores (of "
        f"{machine['cores'].split()[0]}): the higher, the noisier the run.",
        "",
    ]
    if burst is not None:
        lines += render_burst(burst)
    if any(r.endpoint.cache_off for r in results):
        lines += [
            "Rows marked *page cache off* come from a second gunicorn started with "
            "`PUBLIC_PAGE_CACHE_SECONDS=0`: every request renders the page, as for signed-in "
            "users, a new address (filters, other pages) or the first view after a change. "
            "The target is judged on the production rows; these are for information.",
            "",
        ]
    return "\n".join(lines)


def render_burst(burst: BurstResult) -> list[str]:
    answered = burst.outcomes
    refused = answered.get("refused", 0)
    others = {k: v for k, v in answered.items() if k not in ("confirmed", "waiting", "refused")}
    verdict = "pass" if burst.passed else "**FAIL**"
    return [
        f"**Registration burst** — {burst.requests} simultaneous `POST "
        f"/api/v1/events/{{id}}/registrations` (each on its own connection, with its own "
        f"`X-Forwarded-For`) for a fresh event with {BURST_CAPACITY} seats and "
        f"{BURST_WAITING} waiting-list places:",
        "",
        "| Confirmed (201) | Waiting (201) | Refused (409, full) | Errors / other answers "
        "| Stored confirmed / waiting / total | All answered in s | Registrations/s "
        "| p50 ms | p95 ms | max ms | Expected 50 / 50 / 100, no errors |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        f"| {answered.get('confirmed', 0)} | {answered.get('waiting', 0)} | {refused} "
        f"| {sum(others.values())}{f' ({others})' if others else ''} "
        f"| {burst.stored.get('confirmed', 0)} / {burst.stored.get('waiting', 0)} / "
        f"{sum(burst.stored.values())} | {burst.wall_seconds:.2f} "
        f"| {burst.requests / burst.wall_seconds if burst.wall_seconds else 0:.0f} "
        f"| {burst.percentile(0.5):.0f} | {burst.percentile(0.95):.0f} "
        f"| {max(burst.latencies_ms, default=0):.0f} | {verdict} |",
        "",
        "The latencies of the burst include the wait in the server's queue: 200 requests "
        "arrive at once at two workers, and each registration holds the event's lock "
        "while it counts the seats and writes, so they are served one after another.",
        "",
    ]


def prepend_results(section: str) -> None:
    old = RESULTS.read_text() if RESULTS.exists() else ""
    if RESULTS_MARKER in old:
        head, tail = old.split(RESULTS_MARKER, 1)
        text = f"{head}{RESULTS_MARKER}\n\n{section}\n{tail.lstrip(chr(10))}"
    else:
        text = f"{RESULTS_HEADER}\n{section}\n{old}"
    RESULTS.write_text(text.rstrip("\n") + "\n")
