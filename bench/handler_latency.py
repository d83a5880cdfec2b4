#!/usr/bin/env python3
"""Put -> handler latency and handler throughput of the poller, with the
example shared-library handler (build/examples/libaudit_handler.so), and with
a Python handler run warm (`runtime`, the Lambda Runtime API) beside the same
handler started per batch (`process`), at batch sizes 5, 100 and 1000.

usage: bench/handler_latency.py [--runs 3] [--records 2000] [--bulk 200000] [--python-only]
       (after ./scripts/setup; run from the repository root)

Latency: PutRecord calls on one keep-alive connection, 2 ms apart, each
record's data holding its send time (CLOCK_REALTIME, ns). The plugin stamps
the time it was invoked next to every record it writes, so the difference is
put request sent -> handler invoked, with MaximumBatchingWindowInSeconds 0.
Throughput: PutRecords of 500 x 100-byte records as fast as one connection
sends them, timed from the first request to the last record reaching the
handler. Reports medians over the runs. A benchmark, never part of the tests.
"""
import argparse
import base64
import http.client
import json
import os
import pathlib
import statistics
import subprocess
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
HEADERS = {
    "Content-Type": "application/x-amz-json-1.1",
    "X-Amz-Date": "20261122T000000Z",
    "Authorization": "AWS4-HMAC-SHA256 Credential=AKID/20261122/us-east-1/kinesis/aws4_request, "
                     "SignedHeaders=host, Signature=00",
}


def call(conn, op, body):
    conn.request("POST", "/", body=body, headers=dict(HEADERS, **{"X-Amz-Target": "Kinesis_20131202." + op}))
    r = conn.getresponse()
    data = r.read()
    if r.status != 200:
        raise RuntimeError("%s: %d %s" % (op, r.status, data[:200]))
    return data


def python_handler(kind, stamps):
    """bench/stamp_handler.py (it imports boto3, as seed 000's handler does)."""
    spec = {"type": kind, "command": ["python3", str(ROOT / "examples/handlers/python/run.py")],
            "env": {"PYTHONPATH": str(ROOT / "bench"), "STAMP_LOG": stamps}}
    if kind == "runtime":
        spec["handler"] = "stamp_handler.handler"
    else:
        spec["command"].append("stamp_handler:handler")
    return spec


def start(tmp, audit, handler=None, batch=500):
    config = {
        "streams": [{"name": "bench", "shards": 1}],
        "handlers": {"audit": handler or {"type": "shared_library",
                                          "path": str(ROOT / "build/examples/libaudit_handler.so"),
                                          "config": {"path": audit}}},
        "event_source_mappings": [{"stream": "bench", "handler": "audit", "BatchSize": batch,
                                   "StartingPosition": "LATEST"}],
    }
    path = os.path.join(tmp, "config.json")
    pathlib.Path(path).write_text(json.dumps(config))
    proc = subprocess.Popen([str(ROOT / "build/kinesisd"), "--port", "0", "--config", path,
                             "--log-level", "warn"], stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    port = int(line.rsplit(":", 1)[1])
    return proc, port


def count_lines(path):
    try:
        with open(path, "rb") as f:
            return f.read().count(b"\n")
    except FileNotFoundError:
        return 0


def wait_for(path, n, timeout=120):
    deadline = time.monotonic() + timeout
    while count_lines(path) < n:
        if time.monotonic() > deadline:
            raise RuntimeError("only %d of %d records reached the handler" % (count_lines(path), n))
        time.sleep(0.002)


def latency_run(records, kind=None):
    with tempfile.TemporaryDirectory() as tmp:
        audit = os.path.join(tmp, "audit.log")
        proc, port = start(tmp, audit, python_handler(kind, audit) if kind else None)
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port)
            if kind == "runtime":  # the cold start is not what this measures
                call(conn, "PutRecord", json.dumps({"StreamName": "bench", "PartitionKey": "w",
                                                    "Data": base64.b64encode(b"0").decode()}))
                wait_for(audit, 1)
                os.remove(audit)
            for i in range(records):
                payload = base64.b64encode(str(time.time_ns()).encode()).decode()
                call(conn, "PutRecord", json.dumps({"StreamName": "bench", "PartitionKey": "k%d" % i,
                                                    "Data": payload}))
                time.sleep(0.002)
            wait_for(audit, records)
            us = []
            for line in pathlib.Path(audit).read_text().splitlines():
                fields = line.split(" ")
                received, data = fields[0], fields[-1]
                us.append((int(received) - int(base64.b64decode(data))) / 1000)
            us.sort()
            return us[len(us) // 2], us[int(len(us) * 0.99)]
        finally:
            proc.terminate()
            proc.wait()


def throughput_run(total, kind=None, batch=500):
    with tempfile.TemporaryDirectory() as tmp:
        audit = os.path.join(tmp, "audit.log")
        proc, port = start(tmp, audit, python_handler(kind, audit) if kind else None, batch)
        try:
            data = base64.b64encode(b"x" * 100).decode()
            bodies = [json.dumps({"StreamName": "bench", "Records": [
                {"Data": data, "PartitionKey": "k%d" % (b * 500 + i)} for i in range(500)]})
                for b in range(total // 500)]
            conn = http.client.HTTPConnection("127.0.0.1", port)
            begin = time.perf_counter()
            for body in bodies:
                call(conn, "PutRecords", body)
            put_done = time.perf_counter()
            wait_for(audit, total)
            end = time.perf_counter()
            return total / (end - begin), total / (put_done - begin)
        finally:
            proc.terminate()
            proc.wait()


def python_table(runs):
    """A Python handler importing boto3, warm (runtime) and per batch (process)."""
    med = statistics.median
    rows = []
    for kind in ("runtime", "process"):
        lat = [latency_run(300, kind) for _ in range(runs)]
        row = {"kind": kind, "p50": med(x[0] for x in lat), "p99": med(x[1] for x in lat)}
        for batch in (5, 100, 1000):
            # A process per batch of 5 takes a while: fewer records there.
            total = 20000 if kind == "runtime" else (1000 if batch == 5 else 10000)
            row[batch] = med(throughput_run(total, kind, batch)[0] for _ in range(runs))
        rows.append(row)
    print("Python handler importing boto3 (bench/stamp_handler.py), 1 shard, medians of %d:" % runs)
    print("| handler | put -> invoked p50 (us) | p99 (us) | records/s, batch 5 | batch 100 | batch 1000 |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        print("| `%s` | %.0f | %.0f | %.0f | %.0f | %.0f |" % (r["kind"], r["p50"], r["p99"], r[5],
                                                            r[100], r[1000]))
    print()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--records", type=int, default=2000)
    ap.add_argument("--bulk", type=int, default=200000)
    ap.add_argument("--python-only", action="store_true", help="only the Python handler table")
    a = ap.parse_args()
    python_table(a.runs)
    if a.python_only:
        return
    lat = [latency_run(a.records) for _ in range(a.runs)]
    thr = [throughput_run(a.bulk) for _ in range(a.runs)]
    print("put -> shared-library handler latency, %d records x %d runs (median of runs):"
          % (a.records, a.runs))
    print("  p50 %.0f us   p99 %.0f us" % (statistics.median(x[0] for x in lat),
                                          statistics.median(x[1] for x in lat)))
    print("handler throughput, %d x 100 B records in PutRecords of 500, 1 connection:" % a.bulk)
    print("  %.0f records/s delivered to the handler (puts alone: %.0f records/s)"
          % (statistics.median(x[0] for x in thr), statistics.median(x[1] for x in thr)))


if __name__ == "__main__":
    main()
