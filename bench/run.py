#!/usr/bin/env python3
"""National-scale HTTP benchmark of the VIP platform (``make bench``).

What it does, all on this machine and on loopback only:

1. Prepares a database of its own, ``var/bench.sqlite3`` (never the development
   one): migrate, load_reference_data, seed_demo --scale national --seed 1 (skipped
   when the data is already there; ``--fresh`` rebuilds from nothing) and
   collectstatic, all in a production-like environment (DEBUG off, a generated
   SECRET_KEY and FIELD_ENCRYPTION_KEYS kept in ``var/bench-secrets.json``).
2. Starts gunicorn as in production (``config.wsgi:application``, 2 sync workers,
   WhiteNoise serving the collected static files) on a free port of 127.0.0.1 and
   waits for ``/readyz``.
3. For each endpoint, runs wrk with 16 connections: a short warm-up, then a bounded
   measurement; ``bench/latency.lua`` reports p50/p95/p99 and counts non-2xx answers.
   Meanwhile the gunicorn workers' resident memory and CPU time are sampled from /proc.
4. Fires the registration burst (``bench/burst.py``): 200 simultaneous registrations
   for a fresh 50-seat event with 50 waiting-list places, which must end with exactly
   50 confirmed, 50 waiting and 100 refused (``--no-burst`` skips it).
5. Measures the cached pages again on a second gunicorn with the public page cache off
   (``PUBLIC_PAGE_CACHE_SECONDS=0``), the cost of rendering them (``--no-cache-off-pass``
   skips it).
6. Prints a markdown report and puts it at the top of ``bench/RESULTS.md`` (older runs
   are kept below it). gunicorn is always stopped.

Exit status: 0 when every request got a 2xx answer and the burst ended as it must
(missed targets are reported, not failed); 1 when some request failed or answered
non-2xx, or the burst did not give exactly 50 / 50 / 100; 2 when the benchmark could
not run (setup failed, the server did not start, wrk is missing).

The machine is shared and wrk runs on the same cores as the server, so absolute
figures are noisy: compare the ratios to /healthz between runs, not absolute times.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import re
import resource
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import materials
from burst import run_burst
from common import (
    EXPECTED,
    GUNICORN,
    LUA_SCRIPT,
    PYTHON,
    RESULTS,
    ROOT,
    SCALE,
    SEED,
    TYPICAL_PROVIDER_MUNICIPALITY,
    VAR_DIR,
    BurstResult,
    Endpoint,
    Measurement,
)
from report import machine_info, prepend_results, read_file, render_report


class BenchError(Exception):
    """The benchmark could not run (exit status 2)."""


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- Preparation ----------------------------------------------------------------------------


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        log("wrk is missing; installing the Debian package (apt-get install -y wrk)")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        install = ["apt-get", "install", "-y", "-qq", "wrk"]
        if subprocess.run(install, stdout=subprocess.DEVNULL, env=env).returncode != 0:
            subprocess.run(["apt-get", "update", "-qq"], stdout=subprocess.DEVNULL, env=env)
            subprocess.run(install, stdout=subprocess.DEVNULL, env=env)
        found = shutil.which("wrk")
        if found:
            return found
    raise BenchError(
        "wrk is not installed. Install it with `sudo apt-get install -y wrk` "
        "(Debian/Ubuntu) and run `make bench` again."
    )


def load_secrets(path: Path, fresh: bool) -> dict[str, str]:
    """SECRET_KEY and FIELD_ENCRYPTION_KEYS for the bench database, kept with it."""
    if path.exists() and not fresh:
        stored = json.loads(path.read_text())
        if stored.get("SECRET_KEY") and stored.get("FIELD_ENCRYPTION_KEYS"):
            return stored
    key = subprocess.run(
        [PYTHON, "manage.py", "generate_encryption_key"],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "1"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    stored = {"SECRET_KEY": secrets.token_urlsafe(50), "FIELD_ENCRYPTION_KEYS": key}
    path.write_text(json.dumps(stored))
    path.chmod(0o600)
    return stored


def production_env(db_path: Path, port: int, keys: dict[str, str]) -> dict[str, str]:
    env = {
        name: value
        for name, value in os.environ.items()
        # Nothing from the caller's shell may turn the run into a development one.
        if name not in {"VIP_TESTING", "TEST_DATABASE_URL", "PYTHONDEVMODE", "PYTHONWARNINGS"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL=f"sqlite:///{db_path}",
        DEBUG="0",
        SECRET_KEY=keys["SECRET_KEY"],
        FIELD_ENCRYPTION_KEYS=keys["FIELD_ENCRYPTION_KEYS"],
        ALLOWED_HOSTS="127.0.0.1",
        SITE_URL=f"http://127.0.0.1:{port}",
        # As behind the production proxy: X-Forwarded-For names the client (the burst
        # sends a distinct address for each registration).
        TRUSTED_PROXY_COUNT="1",
        EMAIL_URL="dummy://",
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(env: dict[str, str], *args: str, capture: bool = False) -> str:
    started = time.monotonic()
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise BenchError(
            f"manage.py {' '.join(args)} failed ({result.returncode}):\n"
            + (result.stdout + result.stderr)[-4000:]
        )
    if not capture:
        lines = [line for line in result.stdout.splitlines() if line.strip()]
        summary = f": {lines[-1][:160]}" if lines else ""
        log(f"manage.py {args[0]} done in {time.monotonic() - started:.1f} s{summary}")
    return result.stdout


STATE_SNIPPET = """
import datetime, json
from django.db.models import Count
from django.utils import timezone
from vip.events import selectors
from vip.events.models import Event, Feedback, Registration
from vip.materials.models import Material
from vip.network.models import Group, Theme
from vip.registry.models import Area, Municipality, Organisation
from vip.vipu.models import Nomination
K = Organisation.Kind
def events(**filters):
    for name, model in (("theme", Theme), ("area", Area)):
        if name in filters:
            filters[name] = model.objects.filter(code=filters[name]).first()
    return selectors.event_list(selectors.EventFilters(**filters)).count()
feed_from = timezone.localdate() - datetime.timedelta(days=180)
regional = (
    Group.objects.filter(kind=Group.Kind.REGIONAL, area__code="TAYS")
    .annotate(n=Count("memberships")).order_by("-n", "id").first()
)
demo = Organisation.objects.filter(oid__startswith="1.2.246.562.10.99")
providers = (
    Organisation.objects.filter(kind=K.MUNICIPALITY)
    .select_related("municipality")
    .annotate(n=Count("children"))
    .filter(n__gt=0)
)
def info(o):
    if o is None:
        return None
    return {"id": o.pk, "name": o.name_fi, "children": o.n,
            "municipality": o.municipality.code if o.municipality_id else None}
print("BENCHJSON " + json.dumps({
    "organisations": Organisation.objects.count(),
    "municipalities": Municipality.objects.count(),
    "school": demo.filter(kind=K.SCHOOL).count(),
    "early_childhood_unit": demo.filter(kind=K.EARLY_CHILDHOOD_UNIT).count(),
    "typical": info(providers.filter(municipality__code=%(code)r).order_by("id").first()),
    "largest": info(providers.order_by("-n", "id").first()),
    "groups": Group.objects.count(),
    "nominations": Nomination.objects.count(),
    "events": Event.objects.count(),
    "registrations": Registration.objects.count(),
    "feedback": Feedback.objects.count(),
    "materials": Material.objects.count(),
    "filtered": {
        "upcoming": events(when="upcoming"),
        "webinars_tays_past": events(kind="webinar", area="TAYS", when="past"),
        "theme_remote_past": events(theme="school-non-attendance", mode="remote", when="past"),
        "all": events(),
        "seminars_hyks_past": events(kind="seminar", area="HYKS", when="past"),
        "theme_upcoming": events(theme="activity-area-teaching", when="upcoming"),
        # The feed's default: from 180 days back (vip/events/views/feeds.py).
        "feed": events(starts_from=feed_from),
        "feed_tays_training": events(kind="training", area="TAYS", starts_from=feed_from),
    },
    "regional_group": {"id": regional.pk, "name": regional.name_fi, "members": regional.n}
    if regional else None,
}))
"""


def shell_json(env: dict[str, str], snippet: str) -> dict[str, Any]:
    """Run a snippet in ``manage.py shell`` and return the JSON it printed after BENCHJSON."""
    out = manage(env, "shell", "-c", snippet, capture=True)
    for line in out.splitlines():
        if line.startswith("BENCHJSON "):
            return dict(json.loads(line.removeprefix("BENCHJSON ")))
    raise BenchError(f"The shell snippet printed no result:\n{out[-2000:]}")


def db_state(env: dict[str, str]) -> dict[str, Any]:
    return shell_json(env, STATE_SNIPPET % {"code": TYPICAL_PROVIDER_MUNICIPALITY})


def prepare_database(env: dict[str, str], db_path: Path) -> dict[str, Any]:
    manage(env, "migrate", "--no-input")
    manage(env, "load_reference_data")
    state = db_state(env)
    if all(state[kind] >= count for kind, count in EXPECTED.items()):
        log(
            f"{db_path.name} already holds national-scale data "
            f"({state['organisations']} organisations); seeding skipped (--fresh rebuilds)"
        )
    else:
        log(f"Seeding national-scale data into {db_path.name} (takes a few minutes)")
        started = time.monotonic()
        manage(env, "seed_demo", "--scale", SCALE, "--seed", str(SEED), "--no-logins")
        seeded_in = time.monotonic() - started
        state = db_state(env)
        state["seeded_in"] = seeded_in
        missing = {k: (state[k], n) for k, n in EXPECTED.items() if state[k] < n}
        if missing:
            raise BenchError(f"Seeding left too few organisations: {missing}")
    manage(env, "collectstatic", "--no-input")
    return state


# --- The server ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def http_get(port: int, path: str, timeout: float = 10.0) -> tuple[int, bytes]:
    """One GET on loopback; redirects are not followed (a 3xx is reported as such)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


class Server:
    def __init__(self, env: dict[str, str], port: int, workers: int, log_path: Path) -> None:
        self.env, self.port, self.workers, self.log_path = env, port, workers, log_path
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 90.0) -> None:
        command = [
            GUNICORN,
            "config.wsgi:application",
            "--workers",
            str(self.workers),
            "--bind",
            f"127.0.0.1:{self.port}",
        ]
        log(f"Starting {' '.join(command[1:])}")
        with self.log_path.open("wb") as output:
            self.process = subprocess.Popen(
                command,
                cwd=ROOT,
                env=self.env,
                stdout=output,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        last = "no answer"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError(
                    f"gunicorn exited with status {self.process.returncode}:\n{self.log_tail()}"
                )
            try:
                status, body = http_get(self.port, "/readyz", timeout=5)
            except OSError as error:
                last = str(error)
            else:
                last = f"{status} {body[:200]!r}"
                if status == 200 and len(self.worker_pids()) >= self.workers:
                    log(f"gunicorn is ready on 127.0.0.1:{self.port} (pid {self.process.pid})")
                    return
            time.sleep(0.25)
        raise BenchError(
            f"gunicorn did not become ready in {timeout:.0f} s (last: {last}):\n{self.log_tail()}"
        )

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def worker_pids(self) -> list[int]:
        if self.process is None:
            return []
        return child_pids(self.process.pid)

    def stop(self) -> None:
        process = self.process
        if process is None or process.poll() is not None:
            return
        log(f"Stopping gunicorn (pid {process.pid})")
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            log("gunicorn did not stop in 20 s; killing its process group")
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def child_pids(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except (OSError, ValueError):
        pass
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # The command name may hold spaces; the parent pid follows the ")".
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                children.append(int(entry.name))
    return children


def proc_status_kib(pid: int, field_name: str) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field_name}:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return None


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def proc_cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of one process."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    except (OSError, ValueError, IndexError):
        return None


def machine_busy_seconds() -> float:
    """CPU time all cores spent busy since boot (from /proc/stat)."""
    values = [int(v) for v in read_file("/proc/stat").splitlines()[0].split()[1:]]
    idle = values[3] + (values[4] if len(values) > 4 else 0)  # idle + iowait
    guest = sum(values[8:10])  # already counted in user and nice
    return (sum(values) - idle - guest) / CLOCK_TICKS


class ProcessSampler(threading.Thread):
    """Samples the workers' resident memory (VmRSS) and CPU time a few times a second.

    The CPU time lets a run tell how much work one request costs the server,
    whatever else the shared machine is doing at the time.
    """

    def __init__(self, server: Server, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.server, self.interval = server, interval
        self.stopped = threading.Event()
        self.peak_total_kib = 0
        self.peak_by_pid: dict[int, int] = {}
        self.cpu_start: dict[int, float] = {}
        self.cpu_last: dict[int, float] = {}
        self.sample()
        self.cpu_start = dict(self.cpu_last)

    def sample(self) -> None:
        total = 0
        for pid in self.server.worker_pids():
            rss = proc_status_kib(pid, "VmRSS")
            cpu = proc_cpu_seconds(pid)
            if rss is not None:
                total += rss
                self.peak_by_pid[pid] = max(self.peak_by_pid.get(pid, 0), rss)
            if cpu is not None:
                self.cpu_last[pid] = cpu
        self.peak_total_kib = max(self.peak_total_kib, total)

    def run(self) -> None:
        while not self.stopped.wait(self.interval):
            self.sample()

    def stop(self) -> None:
        self.stopped.set()
        self.join()
        self.sample()

    @property
    def worker_cpu_seconds(self) -> float:
        # A worker that was restarted during the run counts from zero.
        return sum(cpu - self.cpu_start.get(pid, 0.0) for pid, cpu in self.cpu_last.items())


# --- Load -----------------------------------------------------------------------------------


def run_wrk(
    wrk: str,
    url: str,
    *,
    seconds: int,
    connections: int,
    threads: int,
    script: Path = LUA_SCRIPT,
    script_args: list[str] | None = None,
) -> dict[str, float]:
    command = [
        wrk,
        f"--threads={threads}",
        f"--connections={connections}",
        f"--duration={seconds}s",
        # As long as gunicorn's own worker timeout: a slow answer is measured, not dropped.
        "--timeout=30s",
        f"--script={script}",
        url,
        *(["--", *script_args] if script_args else []),
    ]
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=seconds + 60, stdin=subprocess.DEVNULL
    )
    for line in result.stdout.splitlines():
        if line.startswith("BENCH "):
            return {k: float(v) for k, v in (pair.split("=", 1) for pair in line.split()[1:])}
    raise BenchError(
        f"wrk gave no result for {url} (status {result.returncode}):\n"
        f"{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
    )


def measure(wrk: str, server: Server, endpoint: Endpoint, args: argparse.Namespace) -> Measurement:
    url = f"http://127.0.0.1:{server.port}{endpoint.path}"
    log(f"{endpoint.label}: {url} — warm-up {args.warmup} s, measuring {args.duration} s")
    load = {"connections": args.connections, "threads": args.threads}
    if args.warmup > 0:
        warm = materials.wrk_options(endpoint, args.threads, warmup=True)
        run_wrk(wrk, url, seconds=args.warmup, **load, **warm)
    sampler = ProcessSampler(server)
    busy_before = machine_busy_seconds()
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    sampler.start()
    try:
        options = materials.wrk_options(endpoint, args.threads, warmup=False)
        raw = run_wrk(wrk, url, seconds=args.duration, **load, **options)
    finally:
        sampler.stop()
    children_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy = machine_busy_seconds() - busy_before
    wrk_cpu = (children_after.ru_utime + children_after.ru_stime) - (
        children_before.ru_utime + children_before.ru_stime
    )
    worker_cpu = sampler.worker_cpu_seconds
    socket_errors = int(
        raw["connect_errors"] + raw["read_errors"] + raw["write_errors"] + raw["timeouts"]
    )
    result = Measurement(
        endpoint=endpoint,
        requests=int(raw["requests"]),
        seconds=raw["duration_us"] / 1e6,
        p50_ms=raw["p50_us"] / 1000,
        p90_ms=raw["p90_us"] / 1000,
        p95_ms=raw["p95_us"] / 1000,
        p99_ms=raw["p99_us"] / 1000,
        max_ms=raw["max_us"] / 1000,
        socket_errors=socket_errors,
        non2xx=int(raw["non2xx"]),
        first_bad_status=int(raw["first_bad_status"]),
        peak_rss_kib=sampler.peak_total_kib,
        worker_cpu_s=worker_cpu,
        wrk_cpu_s=wrk_cpu,
        # The harness's own sampling is counted here too; it is small.
        other_cpu_s=max(0.0, busy - worker_cpu - wrk_cpu),
        raw=raw,
    )
    log(
        f"  {result.rps:.1f} req/s, p50 {result.p50_ms:.1f} ms, p95 {result.p95_ms:.1f} ms, "
        f"p99 {result.p99_ms:.1f} ms, errors {result.socket_errors}, non-2xx {result.non2xx}, "
        f"worker CPU {result.cpu_ms_per_request:.2f} ms/request, "
        f"other processes {result.other_cores:.2f} cores"
    )
    return result


def check_endpoint(port: int, endpoint: Endpoint) -> None:
    status, body = http_get(port, endpoint.path)
    if status != 200:
        raise BenchError(f"GET {endpoint.path} answered {status}, not 200: {body[:300]!r}")
    if endpoint.expect not in body:
        raise BenchError(f"GET {endpoint.path} did not contain {endpoint.expect!r}")
    # Pages must link the collected, hashed static files, served by WhiteNoise.
    for asset in re.findall(rb'(?:href|src)="(/static/[^"]+)"', body)[:3]:
        status, _body = http_get(port, asset.decode())
        if status != 200:
            raise BenchError(f"{endpoint.path} links {asset.decode()}, which answered {status}")


# --- Main -------------------------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fresh", action="store_true", help="rebuild the bench database")
    parser.add_argument("--duration", type=int, default=15, help="seconds measured per endpoint")
    parser.add_argument("--warmup", type=int, default=3, help="warm-up seconds per endpoint")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument("--db-name", default="bench.sqlite3", help="file name under var/")
    parser.add_argument(
        "--no-write", action="store_true", help="print the report without touching RESULTS.md"
    )
    parser.add_argument(
        "--burst",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="fire the registration burst after the production pass (default: yes)",
    )
    parser.add_argument(
        "--cache-off-pass",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="measure the pages again with PUBLIC_PAGE_CACHE_SECONDS=0 (default: yes)",
    )
    materials.add_arguments(parser)
    args = parser.parse_args()
    if not (1 <= args.duration <= 300 and 0 <= args.warmup <= 60):
        parser.error("--duration must be 1..300 s and --warmup 0..60 s (runs are bounded)")
    if args.threads > args.connections:
        parser.error("--threads cannot exceed --connections")
    return args


def event_endpoints(state: dict[str, Any]) -> list[Endpoint]:
    """The event calendar, the events API and the iCalendar feed, with and without filters.

    None of them is cached (seat counts change with every registration), so they are
    measured once, against p95 <= 150 ms; the notes give how many events match.
    """
    found = state["filtered"]

    def note(key: str, extra: str = "") -> str:
        return f"{found[key]:,} events{extra}"

    page = b"govuk-table__body"
    ics = b"BEGIN:VEVENT"
    items = b'"items"'
    rows = [
        ("Event calendar", "/events/", page, note("upcoming", ", 25 a page")),
        (
            "Event calendar, past webinars in TAYS",
            "/events/?kind=webinar&area=TAYS&when=past",
            page,
            note("webinars_tays_past"),
        ),
        (
            "Event calendar, past remote events on a theme",
            "/events/?theme=school-non-attendance&mode=remote&when=past",
            page,
            note("theme_remote_past", ", 25 a page"),
        ),
        ("API event list", "/api/v1/events", items, note("all", ", 25 a page")),
        (
            "API event list, past seminars in HYKS",
            "/api/v1/events?kind=seminar&area=HYKS&when=past",
            items,
            note("seminars_hyks_past"),
        ),
        (
            "API event list, upcoming on a theme",
            "/api/v1/events?theme=activity-area-teaching&when=upcoming",
            items,
            note("theme_upcoming"),
        ),
        ("iCalendar feed", "/events/feed.ics", ics, note("feed", " from 180 days back")),
        (
            "iCalendar feed, trainings in TAYS",
            "/events/feed.ics?kind=training&area=TAYS",
            ics,
            note("feed_tays_training", " from 180 days back"),
        ),
    ]
    return [
        Endpoint(label, path, True, expect, extra, min_rps=None)
        for label, path, expect, extra in rows
    ]


def main() -> int:
    args = parse_args()
    started = dt.datetime.now(dt.UTC)
    VAR_DIR.mkdir(exist_ok=True)
    db_path = VAR_DIR / args.db_name
    try:
        wrk = ensure_wrk()
        if not Path(GUNICORN).exists():
            raise BenchError(f"{GUNICORN} is missing: run `make setup` first.")
        if args.fresh:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{db_path}{suffix}").unlink(missing_ok=True)
            log(f"--fresh: removed {db_path}")
        keys = load_secrets(VAR_DIR / "bench-secrets.json", fresh=args.fresh)
        port = args.port or free_port()
        env = production_env(db_path, port, keys)
        state = prepare_database(env, db_path)
        typical, largest = state["typical"] or state["largest"], state["largest"]
        if typical is None:
            raise BenchError("No municipality education provider with children was found.")
        endpoints = [
            Endpoint("/healthz", "/healthz", False, b'"ok"'),
            Endpoint("Municipality list", "/municipalities/", True, b"<table"),
            Endpoint(
                "Organisation detail",
                f"/organisations/{typical['id']}/",
                True,
                typical["name"].encode(),
                f"{typical['name']}, {typical['children']} children",
            ),
        ]
        if largest and largest["id"] != typical["id"]:
            endpoints.append(
                Endpoint(
                    "Organisation detail, largest provider",
                    f"/organisations/{largest['id']}/",
                    True,
                    largest["name"].encode(),
                    f"{largest['name']}, {largest['children']} children",
                )
            )
        endpoints.append(
            Endpoint("API organisation list", "/api/v1/organisations", False, b'"items"')
        )
        regional = state.get("regional_group")
        if regional is None:
            raise BenchError("The seeded data has no regional group for TAYS.")
        endpoints += [
            Endpoint("Group list", "/groups/", True, b"<table", f"{state['groups']} groups"),
            Endpoint(
                "Regional group page",
                f"/groups/{regional['id']}/",
                True,
                regional["name"].encode(),
                f"{regional['name']}, {regional['members']} memberships",
            ),
            Endpoint(
                "VIPU coverage dashboard with map",
                "/vipu/",
                True,
                b"<svg",
                f"309 municipalities, {state['nominations']} nominations",
            ),
            Endpoint("API VIPU coverage", "/api/v1/vipu/coverage", True, b'"areas"'),
        ]
        endpoints += event_endpoints(state)
        bank = materials.prepare(env, args, shell_json, log) if args.materials else None
        if bank is not None:
            endpoints += bank.endpoints
        machine = machine_info(wrk)
    except (BenchError, subprocess.CalledProcessError, RuntimeError) as error:
        log(f"ERROR: {error}")
        return 2

    passes = [("production", env, endpoints, VAR_DIR / "bench-gunicorn.log")]
    if args.cache_off_pass:
        # The same pages rendered afresh on every request, as signed-in users get them
        # and as anyone gets them after a change of the registry or for a new address.
        pages = [
            replace(e, label=f"{e.label}, page cache off", cache_off=True)
            for e in endpoints
            if e.target and e.cached
        ]
        passes.append(
            (
                "page cache off",
                {**env, "PUBLIC_PAGE_CACHE_SECONDS": "0"},
                pages,
                VAR_DIR / "bench-gunicorn-cache-off.log",
            )
        )
    results: list[Measurement] = []
    burst: BurstResult | None = None
    memory: list[tuple[str, dict[int, int], int | None]] = []
    for name, pass_env, pass_endpoints, log_path in passes:
        server = Server(pass_env, port, args.workers, log_path)
        try:
            server.start()
            for endpoint in pass_endpoints:
                check_endpoint(port, endpoint)
            for endpoint in pass_endpoints:
                results.append(measure(wrk, server, endpoint, args))
            if name == "production" and args.burst:
                # Last, since it writes: the pages above were measured on the seeded data.
                burst = run_burst(port, lambda snippet: shell_json(env, snippet), log)
            hwm_kib: dict[int, int] = {}
            for pid in server.worker_pids():
                hwm = proc_status_kib(pid, "VmHWM")
                if hwm is not None:
                    hwm_kib[pid] = hwm
            master_kib = proc_status_kib(server.process.pid, "VmHWM") if server.process else None
            memory.append((name, hwm_kib, master_kib))
            if server.process is None or server.process.poll() is not None:
                raise BenchError(f"gunicorn died during the run:\n{server.log_tail()}")
        except (BenchError, OSError, subprocess.SubprocessError) as error:
            log(f"ERROR: {error}")
            return 2
        finally:
            server.stop()

    report = render_report(
        started=started,
        machine=machine,
        state=state,
        results=results,
        burst=burst,
        memory=memory,
        args=args,
    )
    if bank is not None:
        report += "\n" + materials.render_section(bank)
    print(report)
    if not args.no_write:
        prepend_results(report)
        log(f"Added this run to the top of {RESULTS.relative_to(ROOT)}")
    if burst is not None and not burst.passed:
        log(
            f"ERROR: the registration burst answered {burst.outcomes} and stored "
            f"{burst.stored}, not {burst.expected}"
            + (f"; first error: {burst.first_error}" if burst.first_error else "")
        )
        return 1
    failed = [r for r in results if r.errors]
    if failed:
        for r in failed:
            log(
                f"ERROR: {r.endpoint.path}: {r.requests} requests completed, "
                f"{r.socket_errors} socket errors/timeouts, {r.non2xx} non-2xx answers"
                + (f" (first: {r.first_bad_status})" if r.first_bad_status else "")
                + "; see var/bench-gunicorn*.log"
            )
        return 1
    missed = [
        r.endpoint.label
        for r in results
        if r.endpoint.target and not r.endpoint.cache_off and not r.passed
    ]
    if missed:
        log(f"Target missed (reported, not an error): {', '.join(missed)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
