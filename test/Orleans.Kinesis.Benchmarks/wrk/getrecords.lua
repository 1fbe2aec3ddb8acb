-- wrk script of the benchmark's getrecords-wrk phase: every request is the same GetRecords call with one fixed
-- shard iterator (iterators stay valid for 5 minutes and reading does not move them), so wrk measures the server's
-- read path without a client that parses or decodes anything.
-- The harness passes the request through the environment:
--   GETRECORDS_BODY      the JSON body ({"ShardIterator": ..., "Limit": ...})
--   GETRECORDS_DATE      X-Amz-Date of the signature
--   GETRECORDS_AUTH      Authorization header (SigV4, signed for this body and date)
--   GETRECORDS_RECORDS   records one response holds (checked by the harness before wrk starts)
wrk.method = "POST"
wrk.body = os.getenv("GETRECORDS_BODY")
wrk.headers["Content-Type"] = "application/x-amz-json-1.1"
wrk.headers["X-Amz-Target"] = "Kinesis_20131202.GetRecords"
wrk.headers["X-Amz-Date"] = os.getenv("GETRECORDS_DATE")
wrk.headers["Authorization"] = os.getenv("GETRECORDS_AUTH")

local per_response = tonumber(os.getenv("GETRECORDS_RECORDS") or "0")

-- One machine-readable line for the harness, then a human one.
function done(summary, latency, requests)
  local seconds = summary.duration / 1000000
  local failed = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  local ok = summary.requests - summary.errors.status
  io.write(string.format("getrecords-wrk requests=%d failed=%d seconds=%.3f bytes=%d p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    summary.requests, failed, seconds, summary.bytes,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("GetRecords: %.0f records/s (%d records per response)\n", ok * per_response / seconds, per_response))
end
