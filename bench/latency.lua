-- wrk script for bench/run.py: counts non-2xx answers per thread and, when the
-- run is done, prints one machine-readable line that run.py parses:
--
--   BENCH requests=N duration_us=N bytes=N p50_us=N ... non2xx=N first_bad_status=N
--
-- Latencies come from wrk's own histogram, in microseconds.

local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

function init(args)
    non2xx = 0
    first_bad_status = 0
end

function response(status, headers, body)
    if status < 200 or status > 299 then
        non2xx = non2xx + 1
        if first_bad_status == 0 then
            first_bad_status = status
        end
    end
end

function done(summary, latency, requests)
    local bad, first = 0, 0
    for _, thread in ipairs(threads) do
        bad = bad + (thread:get("non2xx") or 0)
        local status = thread:get("first_bad_status") or 0
        if first == 0 and status ~= 0 then
            first = status
        end
    end
    local e = summary.errors
    io.write(string.format(
        "BENCH requests=%d duration_us=%d bytes=%d"
            .. " p50_us=%d p90_us=%d p95_us=%d p99_us=%d max_us=%d mean_us=%.1f stdev_us=%.1f"
            .. " connect_errors=%d read_errors=%d write_errors=%d status_errors=%d timeouts=%d"
            .. " non2xx=%d first_bad_status=%d\n",
        summary.requests, summary.duration, summary.bytes,
        latency:percentile(50), latency:percentile(90), latency:percentile(95),
        latency:percentile(99), latency.max, latency.mean, latency.stdev,
        e.connect, e.read, e.write, e.status, e.timeout,
        bad, first
    ))
end
