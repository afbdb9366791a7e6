-- wrk script: every request says it came through the TLS proxy (production settings redirect
-- plain HTTP) and accepts compressed answers as every browser does; the run ends with one
-- machine-readable line for bench/run.py.
-- With BENCH_PATHS set to a file of paths (one a line), requests go through them in turn; with
-- BENCH_METHOD and BENCH_BODY (e.g. POST and a filled-in form), every request sends them.
wrk.headers["X-Forwarded-Proto"] = "https"
wrk.headers["Accept-Encoding"] = "gzip, deflate, br"
if os.getenv("BENCH_METHOD") then wrk.method = os.getenv("BENCH_METHOD") end
if os.getenv("BENCH_BODY") then wrk.body = os.getenv("BENCH_BODY") end

local paths, next_path = {}, 0
local file = os.getenv("BENCH_PATHS") and io.open(os.getenv("BENCH_PATHS"))
if file then
  for line in file:lines() do paths[#paths + 1] = line end
  file:close()
end

if #paths > 0 then
  request = function()
    next_path = next_path % #paths + 1
    return wrk.format(nil, paths[next_path])
  end
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "errors": %d, "non_2xx_3xx": %d, "p50_us": %d, "p99_us": %d}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.status + e.timeout, e.status,
    latency:percentile(50), latency:percentile(99)))
end
