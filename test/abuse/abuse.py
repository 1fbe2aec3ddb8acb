#!/usr/bin/env python3
"""Abuse benchmark: starts the Host on loopback with an access key, then runs three bounded attacks while a
well-behaved, signed client keeps calling. Prints, per phase, the server's peak RSS above its idle RSS and the
well-behaved client's p50/p99 latency and failures. Loopback only; every phase is bounded in count and time.

  python3 test/abuse/abuse.py --host-dll src/Orleans.Kinesis.Host/bin/Release/net10.0/Orleans.Kinesis.Host.dll
"""
import argparse, datetime, hashlib, hmac, http.client, json, os, socket, subprocess, sys, threading, time

KEY_ID, SECRET, REGION = "AKIDABUSE", "abuse-secret-key", "us-east-1"
TARGET = "Kinesis_20131202."


def sign(port, target, body):
    now = datetime.datetime.now(datetime.timezone.utc)
    amz_date, date = now.strftime("%Y%m%dT%H%M%SZ"), now.strftime("%Y%m%d")
    headers = {"content-type": "application/x-amz-json-1.1", "host": f"127.0.0.1:{port}", "x-amz-date": amz_date, "x-amz-target": target}
    names = ";".join(sorted(headers))
    canonical = "\n".join(["POST", "/", "", "".join(f"{k}:{headers[k]}\n" for k in sorted(headers)), names, hashlib.sha256(body).hexdigest()])
    scope = f"{date}/{REGION}/kinesis/aws4_request"
    to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()])
    key = ("AWS4" + SECRET).encode()
    for part in (date, REGION, "kinesis", "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    headers["authorization"] = f"AWS4-HMAC-SHA256 Credential={KEY_ID}/{scope}, SignedHeaders={names}, Signature={signature}"
    return headers


def call(conn, port, operation, payload):
    body = json.dumps(payload).encode()
    conn.request("POST", "/", body, sign(port, TARGET + operation, body))
    response = conn.getresponse()
    response.read()
    return response.status


def rss_kb(pid, field):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


class WellBehaved(threading.Thread):
    """One keep-alive connection putting a record and listing the stream's shards, one call at a time (both well under
    their rates); latencies of answered calls per phase, and the statuses of failed ones."""

    def __init__(self, port):
        super().__init__(daemon=True)
        self.port, self.stop, self.samples, self.failures, self.lock = port, threading.Event(), [], {}, threading.Lock()

    def take(self):
        with self.lock:
            samples, failures, self.samples, self.failures = self.samples, self.failures, [], {}
        return samples, failures

    def run(self):
        conn, i = None, 0
        while not self.stop.is_set():
            started = time.perf_counter()
            try:
                conn = conn or http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                op = ("PutRecord", {"StreamName": "calm", "PartitionKey": str(i), "Data": "aGVsbG8="}) if i % 2 == 0 else ("ListShards", {"StreamName": "calm"})
                status = call(conn, self.port, *op)
            except (OSError, http.client.HTTPException) as error:
                status, conn = type(error).__name__, None
            elapsed = (time.perf_counter() - started) * 1000
            with self.lock:
                if status == 200:
                    self.samples.append(elapsed)
                else:
                    self.failures[status] = self.failures.get(status, 0) + 1
            i += 1
            time.sleep(0.01)


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))] if values else float("nan")


def uploads(port, count, size_mb, concurrency, deadline):
    """Unauthenticated uploads: headers claiming a 30 MiB PutRecords, then the body in 1 MiB chunks."""
    chunk = b"x" * (1024 * 1024)
    head = (f"POST / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/x-amz-json-1.1\r\n"
            f"X-Amz-Target: {TARGET}PutRecords\r\nContent-Length: {size_mb * len(chunk)}\r\n\r\n").encode()
    sent_total, refused_early, lock, next_index = [0], [0], threading.Lock(), [0]

    def worker():
        while time.monotonic() < deadline:
            with lock:
                if next_index[0] >= count:
                    return
                next_index[0] += 1
            sent = 0
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
                    s.sendall(head)
                    for _ in range(size_mb):
                        s.sendall(chunk)
                        sent += len(chunk)
                    s.recv(1024)
            except OSError:
                with lock:
                    refused_early[0] += 1
            with lock:
                sent_total[0] += sent

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    [t.start() for t in threads]
    [t.join(max(0.1, deadline - time.monotonic())) for t in threads]
    return f"{count} uploads of {size_mb} MiB: {sent_total[0] / 2**20:.0f} MiB accepted by the server's socket, {refused_early[0]} cut off early"


def idle_sockets(port, count, hold_s, deadline):
    sockets, failed = [], 0
    for _ in range(count):
        if time.monotonic() > deadline:
            break
        try:
            s = socket.socket()
            s.setblocking(False)
            s.connect_ex(("127.0.0.1", port))
            sockets.append(s)
        except OSError:
            failed += 1
    time.sleep(min(hold_s, max(0, deadline - time.monotonic())))
    closed = 0
    for s in sockets:
        try:
            s.setblocking(False)
            closed += 1 if s.recv(1) == b"" else 0
        except BlockingIOError:
            pass
        except OSError:
            closed += 1
        s.close()
    return f"{len(sockets)} idle sockets held {hold_s} s ({failed} failed to open): {closed} closed by the server"


def distinct_names(port, count, name_kb, threads_n, deadline):
    statuses, lock, per = {}, threading.Lock(), count // threads_n

    def worker(w):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        for i in range(per):
            if time.monotonic() > deadline:
                return
            name = f"n{w}x{i}-" + "y" * (name_kb * 1024)
            try:
                status = call(conn, port, "ListShards", {"StreamName": name})
            except (OSError, http.client.HTTPException):
                status, conn = "error", http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            with lock:
                statuses[status] = statuses.get(status, 0) + 1

    threads = [threading.Thread(target=worker, args=(w,), daemon=True) for w in range(threads_n)]
    [t.start() for t in threads]
    [t.join(max(0.1, deadline - time.monotonic())) for t in threads]
    return f"{sum(statuses.values())} ListShards with distinct {name_kb} KiB names: statuses {statuses}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host-dll", required=True)
    parser.add_argument("--label", default="server")
    parser.add_argument("--phase-seconds", type=float, default=90)
    parser.add_argument("--phases", default="uploads,idle,names", help="which phases to run, comma-separated")
    args = parser.parse_args()

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(["dotnet", args.host_dll, "--host", "127.0.0.1", "--port", str(port), "--in-memory",
                               "--access-key", f"{KEY_ID}:{SECRET}", "--no-throughput-limits"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        started, seen = time.monotonic(), []
        while not seen or "listening" not in seen[-1]:
            line = server.stdout.readline()
            if not line or len(seen) > 200 or time.monotonic() - started > 180:
                sys.exit(f"server did not start: {''.join(seen)}{line}")
            seen.append(line)  # warnings may come before the listening line
        threading.Thread(target=lambda: [None for _ in server.stdout], daemon=True).start()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        assert call(conn, port, "CreateStream", {"StreamName": "calm", "ShardCount": 1}) == 200
        calm = WellBehaved(port)
        calm.start()
        time.sleep(3)
        calm.take()
        idle = rss_kb(server.pid, "VmRSS")
        print(f"[{args.label}] idle RSS {idle / 1024:.0f} MB (pid {server.pid}, port {port})")
        phases = [
            ("uploads", "200 unauthenticated 30 MiB uploads", lambda d: uploads(port, 200, 30, 40, d)),
            ("idle", "10,000 idle sockets", lambda d: idle_sockets(port, 10_000, 15, d)),
            ("names", "10,000 distinct names", lambda d: distinct_names(port, 10_000, 32, 4, d)),
        ]
        phases = [(title, run) for key, title, run in phases if key in args.phases.split(",")]
        for title, run in phases:
            if server.poll() is not None:
                print(f"[{args.label}] server exited with {server.returncode}")
                break
            with open(f"/proc/{server.pid}/clear_refs", "w") as refs:
                refs.write("5")  # resets VmHWM, the peak RSS, to the current RSS
            calm.take()
            started = time.monotonic()
            detail = run(started + args.phase_seconds)
            took = time.monotonic() - started
            samples, failures = calm.take()
            peak = rss_kb(server.pid, "VmHWM") if server.poll() is None else float("nan")
            print(f"[{args.label}] {title}: {took:.1f} s; peak RSS {peak / 1024:.0f} MB = idle + {(peak - idle) / 1024:.0f} MB; "
                  f"well-behaved client: {len(samples)} answers, failures {failures or 0}, p50 {percentile(samples, 0.5):.1f} ms, "
                  f"p99 {percentile(samples, 0.99):.1f} ms; {detail}", flush=True)
        calm.stop.set()
    finally:
        server.terminate()
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    main()
