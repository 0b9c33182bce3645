-- wrk script: GET /api/v1/search for each query of $BENCH_QUERIES in turn, with the session cookie $BENCH_COOKIE;
-- prints requests per second and the p50/p95/p99 latencies (wrk's own, per request, in milliseconds).
local queries = {}
for line in io.lines(os.getenv("BENCH_QUERIES")) do
    queries[#queries + 1] = line:match("^([^\t]+)")
end
local cookie = os.getenv("BENCH_COOKIE")
local n = 0

request = function()
    n = n % #queries + 1
    return wrk.format("GET", "/api/v1/search?q=" .. queries[n], { ["Cookie"] = cookie, ["Accept"] = "application/json" })
end

done = function(summary, latency, requests)
    local seconds = summary.duration / 1e6
    io.write(string.format("requests %d in %.1f s = %.1f/s\n", summary.requests, seconds, summary.requests / seconds))
    for _, p in ipairs({ 50, 95, 99 }) do
        io.write(string.format("p%d %.2f ms\n", p, latency:percentile(p) / 1000))
    end
    io.write(string.format("errors connect %d, read %d, write %d, status %d, timeout %d\n", summary.errors.connect,
        summary.errors.read, summary.errors.write, summary.errors.status, summary.errors.timeout))
end
