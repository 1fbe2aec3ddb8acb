-- wrk script of the benchmark's wrk phases (getrecords-wrk, putrecords-wrk, putrecord-wrk): every request is a call
-- signed beforehand (a GetRecords with one fixed shard iterator, one PutRecords body, or a set of PutRecord bodies
-- taken in turn), so wrk measures the server without a client that builds, signs, parses or decodes anything.
-- A SigV4 signature stays valid for 5 minutes.
-- The harness passes the calls through the environment:
--   WRK_TARGET        X-Amz-Target of the calls (e.g. Kinesis_20131202.PutRecords)
--   WRK_CALLS_FILE    file of signed calls, one per line: X-Amz-Date, Authorization and the JSON body, tab-separated
--                     (a PutRecords body is far larger than an environment variable may be)
--   WRK_RECORDS       records one call carries or returns (for the human line)
local calls = {}
for line in io.lines(os.getenv("WRK_CALLS_FILE")) do
  local date, auth, body = line:match("^([^\t]*)\t([^\t]*)\t(.*)$")
  calls[#calls + 1] = { date = date, auth = auth, body = body }
end
assert(#calls > 0, "WRK_CALLS_FILE holds no call")

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-amz-json-1.1"
wrk.headers["X-Amz-Target"] = os.getenv("WRK_TARGET")

local function use(call)
  wrk.headers["X-Amz-Date"] = call.date
  wrk.headers["Authorization"] = call.auth
  wrk.body = call.body
end

use(calls[1])
if #calls > 1 then
  -- Several calls: each thread formats them once, in init (wrk calls it after it has set the Host header the
  -- signatures cover), and its connections' requests take them in turn.
  local prepared = {}
  local turn = 0

  function init(args)
    for i, call in ipairs(calls) do
      use(call)
      prepared[i] = wrk.format()
    end
  end

  function request()
    turn = turn % #prepared + 1
    return prepared[turn]
  end
end

local per_call = tonumber(os.getenv("WRK_RECORDS") or "0")

-- One machine-readable line for the harness, then a human one.
function done(summary, latency, requests)
  local seconds = summary.duration / 1000000
  local failed = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  local ok = summary.requests - summary.errors.status
  io.write(string.format("wrk-replay requests=%d failed=%d seconds=%.3f bytes=%d p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    summary.requests, failed, seconds, summary.bytes,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("%s: %.0f records/s (%d records per call)\n", os.getenv("WRK_TARGET"), ok * per_call / seconds, per_call))
end
