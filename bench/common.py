"""Settings and result types shared by the benchmark's modules."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "bench"
VAR_DIR = ROOT / "var"
RESULTS = BENCH_DIR / "RESULTS.md"
LUA_SCRIPT = BENCH_DIR / "latency.lua"
VENV_BIN = ROOT / ".venv" / "bin"
PYTHON = str(VENV_BIN / "python") if (VENV_BIN / "python").exists() else sys.executable
GUNICORN = str(VENV_BIN / "gunicorn")

SCALE = "national"
SEED = 1
# seed_demo --scale national creates at least this many of each (see vip/demo/seeding.py
# and vip/demo/events/); a database seeded before a step existed gets that step added.
EXPECTED = {
    "school": 2100,
    "early_childhood_unit": 2000,
    "groups": 15,
    "nominations": 400,
    "events": 4900,
    "registrations": 140000,
    "feedback": 30000,
    # The materials bank (vip/demo/materials): the named items and 50,000 synthetic ones.
    "materials": 50000,
}
# A large city provider (Tampere) is the detail page measured against the target;
# the provider with the most children is measured too, as the worst case.
TYPICAL_PROVIDER_MUNICIPALITY = "837"

TARGET_P95_MS = 150.0
TARGET_RPS = 150.0

# The registration burst: this many simultaneous POSTs to one event with these seats
# and waiting-list places; the rest must be refused (409), none may fail.
BURST_REQUESTS = 200
BURST_CAPACITY = 50
BURST_WAITING = 50

RESULTS_HEADER = """# Benchmark results

Written by `make bench` (`bench/run.py`, see `bench/README.md`): national-scale demo data
(`seed_demo --scale national --seed 1`) in `var/bench.sqlite3`, gunicorn with 2 sync
workers in production mode (DEBUG off, WhiteNoise), wrk on 127.0.0.1 with 16 concurrent
connections; the pages once more with the public page cache off (rows marked so).
Target for the list and detail pages: p95 <= 150 ms and >= 150 requests/s; for the event
calendar, the events API and the iCalendar feed (cached a minute): p95 <= 150 ms. The
registration burst (200 simultaneous registrations for 50 seats and 50 waiting-list
places) must end with exactly 50 confirmed, 50 waiting, 100 refused and no errors.

The machines are shared and noisy, and wrk runs on the same cores as the server: compare
ratios between runs rather than absolute times, above all the workers' CPU time per request
against `/healthz`'s, which other load disturbs least (the "Other load" column tells how
busy the machine was). Newest run first.

<!-- bench/run.py inserts each new run below this line -->
"""
RESULTS_MARKER = "<!-- bench/run.py inserts each new run below this line -->"


@dataclass
class Endpoint:
    label: str
    path: str
    target: bool  # a page measured against the p95/throughput target
    expect: bytes  # something the answer must contain
    note: str = ""
    # Measured with the public page cache off: reported against the target for
    # information, the verdict is the production pass's.
    cache_off: bool = False
    # Served from the public page cache in production; pages that never are skip the
    # cache-off pass.
    cached: bool = True
    # The throughput the target asks for; None: the target is p95 only.
    min_rps: float | None = TARGET_RPS
    # The p95 the target asks for (the materials search asks for less than the pages).
    target_p95_ms: float = TARGET_P95_MS


@dataclass
class Measurement:
    endpoint: Endpoint
    requests: int
    seconds: float
    p50_ms: float
    p90_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    socket_errors: int
    non2xx: int
    first_bad_status: int
    peak_rss_kib: int
    worker_cpu_s: float  # CPU time the gunicorn workers used during the measurement
    wrk_cpu_s: float  # CPU time wrk used
    other_cpu_s: float  # CPU time every other process on the machine used
    raw: dict[str, float] = field(default_factory=dict)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def errors(self) -> int:
        # A run in which no request completed is a failure too (the page is too slow
        # for the measured duration, or the server stopped answering).
        return self.socket_errors + self.non2xx + (0 if self.requests else 1)

    @property
    def cpu_ms_per_request(self) -> float:
        return 1000 * self.worker_cpu_s / self.requests if self.requests else 0.0

    @property
    def other_cores(self) -> float:
        """How many cores other processes kept busy on average: the noise of the run."""
        return self.other_cpu_s / self.seconds if self.seconds else 0.0

    @property
    def missed(self) -> list[str]:
        """The parts of the target this measurement missed: "p95", "req/s"."""
        misses = []
        if self.p95_ms > self.endpoint.target_p95_ms:
            misses.append("p95")
        if self.endpoint.min_rps is not None and self.rps < self.endpoint.min_rps:
            misses.append("req/s")
        return misses

    @property
    def passed(self) -> bool:
        return not self.missed


@dataclass
class BurstResult:
    """The registration burst: what the clients were answered and what the database holds."""

    event_id: int
    requests: int
    # Answers by outcome: "confirmed", "waiting" (201), "refused" (409, event full),
    # "other" (any other answer below 500), "5xx", "socket error".
    outcomes: dict[str, int]
    # What the database holds afterwards, by registration status.
    stored: dict[str, int]
    wall_seconds: float
    latencies_ms: list[float]
    first_error: str = ""

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies_ms)
        if not ordered:
            return 0.0
        return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]

    @property
    def expected(self) -> dict[str, int]:
        return {
            "confirmed": BURST_CAPACITY,
            "waiting": BURST_WAITING,
            "refused": BURST_REQUESTS - BURST_CAPACITY - BURST_WAITING,
        }

    @property
    def passed(self) -> bool:
        answered = {k: self.outcomes.get(k, 0) for k in self.expected}
        stored = {k: self.stored.get(k, 0) for k in ("confirmed", "waiting")}
        return (
            answered == self.expected
            and sum(self.outcomes.values()) == self.requests
            and stored == {"confirmed": BURST_CAPACITY, "waiting": BURST_WAITING}
            and sum(self.stored.values()) == BURST_CAPACITY + BURST_WAITING
        )
