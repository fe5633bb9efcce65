-- wrk script for the materials search mix (bench/materials.py): each request takes the
-- next address from a file of paths (one per line), each thread starting at its own
-- place, so a run of N requests asks N different searches. Reports like latency.lua:
--
--   BENCH requests=N duration_us=N bytes=N p50_us=N ... non2xx=N first_bad_status=N
--
-- Usage: wrk ... --script=materials.lua URL -- PATHS_FILE

local threads = {}
local count = 0

function setup(thread)
    thread:set("id", count)
    count = count + 1
    table.insert(threads, thread)
end

function init(args)
    non2xx = 0
    first_bad_status = 0
    paths = {}
    for line in io.lines(args[1]) do
        if #line > 0 then
            table.insert(paths, line)
        end
    end
    -- Threads take interleaved addresses: thread k asks k, k + n, k + 2n, ...
    nthreads = tonumber(args[2]) or 1
    index = (id or 0) + 1
end

function request()
    local path = paths[((index - 1) % #paths) + 1]
    index = index + nthreads
    return wrk.format("GET", path)
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
