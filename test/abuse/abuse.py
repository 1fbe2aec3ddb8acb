#!/usr/bin/env python3
"""Abuse benchmark: starts the Host on loopback with an access key, then runs three bounded attacks while a
well-behaved, signed client keeps calling from a process of its own. Prints, per phase, the server's peak RSS above its
idle RSS, the well-behaved client's p50/p99 latency and failures, and the CPU time the server and the attacker spent.
The upload flood (200 uploads, about a second) repeats until the well-behaved client has 200 answers from during it
(at most 20 rounds), so that its p99 is not just the slowest of a few dozen answers. Loopback only; every phase is
bounded in count and time.

  python3 test/abuse/abuse.py --host-dll src/Orleans.Kinesis.Host/bin/Release/net10.0/Orleans.Kinesis.Host.dll
"""
import argparse, datetime, hashlib, hmac, http.client, json, multiprocessing, os, socket, subprocess, sys, threading, time

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


def well_behaved(port, pipe):
    """One keep-alive connection putting a record and listing the stream's shards, one call at a time (both well under
    their rates), in a process of its own so that the attack's threads (and their GIL) never delay it. Between calls it
    answers the parent: "count" (answers so far), "take" (latencies of answered calls and statuses of failed ones since
    the last take), "stop"."""
    conn, i, samples, failures = None, 0, [], {}
    while True:
        while pipe.poll():
            command = pipe.recv()
            if command == "stop":
                return
            if command == "count":
                pipe.send(len(samples))
            else:
                pipe.send((samples, failures))
                samples, failures = [], {}
        started = time.perf_counter()
        try:
            conn = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            op = ("PutRecord", {"StreamName": "calm", "PartitionKey": str(i), "Data": "aGVsbG8="}) if i % 2 == 0 else ("ListShards", {"StreamName": "calm"})
            status = call(conn, port, *op)
        except (OSError, http.client.HTTPException) as error:
            status, conn = type(error).__name__, None
        elapsed = (time.perf_counter() - started) * 1000
        if status == 200:
            samples.append(elapsed)
        else:
            failures[status] = failures.get(status, 0) + 1
        i += 1
        time.sleep(0.01)


class WellBehaved:
    def __init__(self, port):
        self.pipe, child = multiprocessing.Pipe()
        self.process = multiprocessing.get_context("spawn").Process(target=well_behaved, args=(port, child), daemon=True)
        self.process.start()

    def count(self):
        self.pipe.send("count")
        return self.pipe.recv()

    def take(self):
        self.pipe.send("take")
        return self.pipe.recv()

    def stop(self):
        self.pipe.send("stop")
        self.process.join(10)


def cpu_seconds(pid):
    """User + system CPU time of a process so far (/proc/<pid>/stat fields 14 and 15, in clock ticks)."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))] if values else float("nan")


def uploads(port, count, size_mb, concurrency, deadline, calm, min_answers, max_rounds):
    """Rounds of unauthenticated uploads (headers claiming a 30 MiB PutRecords, then the body in 1 MiB chunks) until the
    well-behaved client has min_answers answers from during the flood (one round lasts about a second, too few answers
    for a p99), at most max_rounds rounds and until the deadline."""
    rounds, sent, cut = 0, 0, 0
    while True:
        round_sent, round_cut = upload_round(port, count, size_mb, concurrency, deadline)
        rounds, sent, cut = rounds + 1, sent + round_sent, cut + round_cut
        if rounds >= max_rounds or time.monotonic() > deadline or calm.count() >= min_answers:
            break
    return (f"{rounds} round(s) of {count} uploads of {size_mb} MiB: {sent / 2**20:.0f} MiB accepted by the server's socket, "
            f"{cut} of {rounds * count} cut off early")


def upload_round(port, count, size_mb, concurrency, deadline):
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
    return sent_total[0], refused_early[0]


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
        time.sleep(3)
        calm.take()
        idle = rss_kb(server.pid, "VmRSS")
        print(f"[{args.label}] idle RSS {idle / 1024:.0f} MB (pid {server.pid}, port {port})")
        phases = [
            ("uploads", "200 unauthenticated 30 MiB uploads (repeated)", lambda d: uploads(port, 200, 30, 40, d, calm, 200, 20)),
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
            started, server_cpu, own_cpu = time.monotonic(), cpu_seconds(server.pid), sum(os.times()[:2])
            detail = run(started + args.phase_seconds)
            took = time.monotonic() - started
            server_cpu, own_cpu = cpu_seconds(server.pid) - server_cpu, sum(os.times()[:2]) - own_cpu
            samples, failures = calm.take()
            peak = rss_kb(server.pid, "VmHWM") if server.poll() is None else float("nan")
            print(f"[{args.label}] {title}: {took:.1f} s; peak RSS {peak / 1024:.0f} MB = idle + {(peak - idle) / 1024:.0f} MB; "
                  f"well-behaved client: {len(samples)} answers, failures {failures or 0}, p50 {percentile(samples, 0.5):.1f} ms, "
                  f"p99 {percentile(samples, 0.99):.1f} ms; CPU: server {server_cpu:.1f} s, attacker {own_cpu:.1f} s; {detail}", flush=True)
        calm.stop()
    finally:
        server.terminate()
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    main()
