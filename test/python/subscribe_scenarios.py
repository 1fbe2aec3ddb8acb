#!/usr/bin/python3
"""SubscribeToShard (enhanced fan-out) with the real boto3 (botocore speaks HTTP/1.1: a chunked event stream).

Usage: /usr/bin/python3 test/python/subscribe_scenarios.py <order-resume|shard-end|takeover|heartbeat>
           --endpoint http://127.0.0.1:<port> [--stream <name>] [--timeout-s 60]

Output: one JSON object per line on stdout; the last has "result": "passed" or "failed". Exit 0 passed, 1 failed,
2 bad usage. Waits on the server's real-time rules (5 s takeover window, 1 call/s, 5 s heartbeats) poll with a deadline.
"""
import argparse
import json
import os
import secrets
import signal
import sys
import time

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError, EventStreamError

SHARD0 = "shardId-000000000000"
scenario = "none"
current_step = "start"


def emit(**fields):
    print(json.dumps({"scenario": scenario, **fields}), flush=True)


def step(name):
    global current_step
    current_step = name


class ScenarioFailure(Exception):
    def __init__(self, message, details=None):
        super().__init__(message)
        self.details = details


def check(condition, message, details=None):
    if not condition:
        raise ScenarioFailure(message, details)


def until(what, deadline_s, probe):
    """Polls a condition of the remote server with a deadline (short pauses between polls)."""
    started = time.monotonic()
    while True:
        value = probe()
        if value is not None:
            return value
        check(time.monotonic() - started < deadline_s, f"{what}: not reached within {deadline_s} s")
        time.sleep(0.1)


def client(endpoint):
    return boto3.client(
        "kinesis", endpoint_url=endpoint, region_name="us-east-1",
        aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        config=Config(retries={"total_max_attempts": 1}, read_timeout=20, connect_timeout=5))


def stream_with_consumer(k, stream):
    step("CreateStream")
    k.create_stream(StreamName=stream, ShardCount=1)

    def active():
        summary = k.describe_stream_summary(StreamName=stream)["StreamDescriptionSummary"]
        return summary["StreamARN"] if summary["StreamStatus"] == "ACTIVE" else None

    arn = until("stream ACTIVE", 20, active)
    step("RegisterStreamConsumer")
    consumer = k.register_stream_consumer(StreamARN=arn, ConsumerName="efo")["Consumer"]["ConsumerARN"]
    until("consumer ACTIVE", 20, lambda: True if k.describe_stream_consumer(ConsumerARN=consumer)["ConsumerDescription"]["ConsumerStatus"] == "ACTIVE" else None)
    emit(step="ready", streamName=stream, consumerARN=consumer)
    return consumer


def put(k, stream, *texts):
    return [k.put_record(StreamName=stream, PartitionKey="pk", Data=t.encode())["SequenceNumber"] for t in texts]


def subscribe(k, consumer, position, retry=True):
    """Subscribes; retries ResourceInUse/LimitExceeded (5 s window, 1 call/s) up to a deadline."""
    def attempt():
        try:
            return k.subscribe_to_shard(ConsumerARN=consumer, ShardId=SHARD0, StartingPosition=position)
        except ClientError as error:
            code = error.response["Error"]["Code"]
            if retry and code in ("ResourceInUseException", "LimitExceededException"):
                return None
            raise
    return until("SubscribeToShard accepted", 12, attempt)


def read_records(events, count):
    records, last = [], None
    while len(records) < count:
        event = next(events, None)
        check(event is not None, f"the event stream ended after {len(records)} of {count} records")
        last = event["SubscribeToShardEvent"]
        records.extend(last["Records"])
    check(len(records) == count, f"expected {count} records, got {len(records)}")
    return records, last


def text(record):
    return record["Data"].decode()


def order_resume(k, stream):
    consumer = stream_with_consumer(k, stream)
    stored = put(k, stream, "r1", "r2", "r3", "r4", "r5")
    step("subscribe TRIM_HORIZON")
    first = subscribe(k, consumer, {"Type": "TRIM_HORIZON"}, retry=False)
    events = iter(first["EventStream"])
    a, _ = read_records(events, 5)
    live = put(k, stream, "r6", "r7", "r8")
    b, last = read_records(events, 3)
    both = a + b
    check([text(r) for r in both] == ["r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8"], "records out of order", [text(r) for r in both])
    check([r["SequenceNumber"] for r in both] == stored + live, "sequence numbers differ from PutRecord")
    continuation = last["ContinuationSequenceNumber"]
    check(continuation == live[-1], "ContinuationSequenceNumber is not the last record", {"continuation": continuation})
    emit(step="first subscription", records=len(both), continuation=continuation)
    first["EventStream"].close()

    step("resubscribe AFTER_SEQUENCE_NUMBER")
    put(k, stream, "r9", "r10")
    second = subscribe(k, consumer, {"Type": "AFTER_SEQUENCE_NUMBER", "SequenceNumber": continuation})
    c, _ = read_records(iter(second["EventStream"]), 2)
    check([text(r) for r in c] == ["r9", "r10"], "resumed with a gap or a duplicate", [text(r) for r in c])
    emit(step="resumed", records=[text(r) for r in c])
    second["EventStream"].close()


def shard_end(k, stream):
    consumer = stream_with_consumer(k, stream)
    put(k, stream, "before-split")
    step("SplitShard")
    k.split_shard(StreamName=stream, ShardToSplit=SHARD0, NewStartingHashKey="170141183460469231731687303715884105728")
    step("subscribe to the closed shard")
    sub = subscribe(k, consumer, {"Type": "TRIM_HORIZON"}, retry=False)
    records, last = [], None
    for event in sub["EventStream"]:
        last = event["SubscribeToShardEvent"]
        records.extend(text(r) for r in last["Records"])
    check(records == ["before-split"], "records of the closed shard", records)
    check(last.get("ContinuationSequenceNumber") is None, "the last event has a ContinuationSequenceNumber", last.get("ContinuationSequenceNumber"))
    children = [c["ShardId"] for c in last.get("ChildShards", [])]
    check(children == ["shardId-000000000001", "shardId-000000000002"], "ChildShards of the last event", children)
    emit(step="shard end", records=records, childShards=children)


def takeover(k, stream):
    consumer = stream_with_consumer(k, stream)
    step("first subscription")
    first = subscribe(k, consumer, {"Type": "LATEST"}, retry=False)
    first_events = iter(first["EventStream"])
    next(first_events)
    step("second subscription within 5 s")
    refused = None
    try:
        subscribe(k, consumer, {"Type": "LATEST"}, retry=False)["EventStream"].close()
    except ClientError as error:
        refused = error.response["Error"]["Code"]
    check(refused == "ResourceInUseException", "a second subscription within 5 s was not refused", refused)
    step("takeover after 5 s")
    second = subscribe(k, consumer, {"Type": "LATEST"})
    ended = None
    try:
        for _ in first_events:
            pass
    except EventStreamError as error:
        ended = error.response["Error"]["Code"]
    check(ended == "ResourceInUseException", "the taken-over subscription did not end with ResourceInUseException", ended)
    put(k, stream, "after-takeover")
    got, _ = read_records(iter(second["EventStream"]), 1)
    check(text(got[0]) == "after-takeover", "the new subscription did not get the record")
    emit(step="takeover", refused=refused, ended=ended)
    second["EventStream"].close()


def heartbeat(k, stream):
    consumer = stream_with_consumer(k, stream)
    step("idle subscription")
    sub = subscribe(k, consumer, {"Type": "LATEST"}, retry=False)
    events = iter(sub["EventStream"])
    started = time.monotonic()
    beats = []
    while len(beats) < 2:
        event = next(events, None)
        check(event is not None, "the stream ended while idle")
        check(event["SubscribeToShardEvent"]["Records"] == [], "an idle event carried records")
        beats.append(round((time.monotonic() - started) * 1000))
    check(beats[1] - beats[0] < 8000, "no heartbeat within 8 s of the first event", beats)
    emit(step="heartbeats", atMs=beats)
    sub["EventStream"].close()


SCENARIOS = {"order-resume": order_resume, "shard-end": shard_end, "takeover": takeover, "heartbeat": heartbeat}


def main():
    global scenario
    parser = argparse.ArgumentParser()
    parser.add_argument("scenario", choices=sorted(SCENARIOS))
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--stream", default=None)
    parser.add_argument("--timeout-s", type=int, default=60)
    args = parser.parse_args()
    scenario = args.scenario
    for key in [k for k in os.environ if k.startswith("AWS_")]:
        del os.environ[key]

    def watchdog(*_):
        emit(result="failed", step=current_step, error={"name": "Timeout", "message": f"scenario did not finish within {args.timeout_s} s"})
        os._exit(1)

    signal.signal(signal.SIGALRM, watchdog)
    signal.alarm(args.timeout_s)
    try:
        SCENARIOS[scenario](client(args.endpoint), args.stream or f"py-efo-{secrets.token_hex(4)}")
        emit(result="passed", boto3=boto3.__version__)
        return 0
    except Exception as error:  # reported as the scenario's result
        emit(result="failed", step=current_step, error={"name": type(error).__name__, "message": str(error)}, details=getattr(error, "details", None))
        return 1


if __name__ == "__main__":
    sys.exit(main())
