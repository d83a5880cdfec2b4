#!/usr/bin/env python3
"""Start-up time to the first served ListStreams, and idle RSS, of a server.

usage: bench/startup_probe.py [--runs N] -- COMMAND... (the server must listen on --port)
       bench/startup_probe.py --runs 20 --port 4599 -- build/kinesisd --port 4599

Spawns the command, sends a signed-looking ListStreams over a raw socket in a
tight loop until one answers 200, and reports the median wall time from spawn
to that answer, plus VmRSS once idle. Medians, because machines are noisy.
"""
import argparse
import os
import socket
import statistics
import subprocess
import time

REQUEST = (b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.1\r\n"
           b"X-Amz-Target: Kinesis_20131202.ListStreams\r\nX-Amz-Date: 20261122T000000Z\r\n"
           b"Authorization: AWS4-HMAC-SHA256 Credential=AKID/20261122/us-east-1/kinesis/aws4_request, "
           b"SignedHeaders=host, Signature=00\r\nContent-Length: 2\r\n\r\n{}")


def first_ok(port, deadline):
    while time.perf_counter() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                s.sendall(REQUEST)
                if s.recv(64).startswith(b"HTTP/1.1 200"):
                    return True
        except OSError:
            pass
    return False


def rss_kib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=20)
    p.add_argument("--port", type=int, required=True)
    p.add_argument("command", nargs="+")
    a = p.parse_args()
    times, rss = [], []
    for _ in range(a.runs):
        start = time.perf_counter()
        proc = subprocess.Popen(a.command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        ok = first_ok(a.port, start + 10)
        elapsed = time.perf_counter() - start
        time.sleep(0.5)
        rss.append(rss_kib(proc.pid))
        proc.terminate()
        proc.wait()
        if not ok:
            raise SystemExit("no answer within 10 s")
        times.append(elapsed * 1000)
    print("start-up to first ListStreams: median %.1f ms (min %.1f, max %.1f, %d runs)"
          % (statistics.median(times), min(times), max(times), a.runs))
    print("idle RSS: median %.1f MiB" % (statistics.median(rss) / 1024))


if __name__ == "__main__":
    main()
