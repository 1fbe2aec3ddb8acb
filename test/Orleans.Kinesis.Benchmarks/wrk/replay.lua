-- wrk script of the benchmark's wrk phases (getrecords-wrk, putrecords-wrk): every request is the same signed call
-- (a GetRecords with one fixed shard iterator, or one PutRecords body), so wrk measures the server without a client
-- that builds, signs, parses or decodes anything. A SigV4 signature stays valid for 5 minutes.
-- The harness passes the request through the environment:
--   WRK_TARGET        X-Amz-Target of the call (e.g. Kinesis_20131202.PutRecords)
--   WRK_BODY_FILE     file holding the JSON body (a PutRecords body is far larger than an environment variable may be)
--   WRK_DATE          X-Amz-Date of the signature
--   WRK_AUTH          Authorization header (SigV4, signed for this body and date)
--   WRK_RECORDS       records one call carries or returns (for the human line)
local file = assert(io.open(os.getenv("WRK_BODY_FILE"), "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/x-amz-json-1.1"
wrk.headers["X-Amz-Target"] = os.getenv("WRK_TARGET")
wrk.headers["X-Amz-Date"] = os.getenv("WRK_DATE")
wrk.headers["Authorization"] = os.getenv("WRK_AUTH")

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
