"""Keeps the benchmark tools working: a few hundred requests of every
kinesis_loadgen mode against kinesisd and against the ceiling server, each
with zero errors. (This is a smoke test, not a benchmark: no timing is
asserted.)"""
import json
import os
import socket
import subprocess
import unittest

import harness


def loadgen(*args):
    out = subprocess.run([os.environ["KINESISD_LOADGEN"], *args], capture_output=True, text=True,
                         timeout=120)
    if out.returncode != 0:
        raise AssertionError("kinesis_loadgen %s failed: %s" % (args, out.stderr))
    return json.loads(out.stdout.strip().splitlines()[-1])


class LoadgenSmoke(unittest.TestCase):
    def test_every_mode_against_kinesisd(self):
        with harness.Server() as server:
            e = ("--endpoint", server.endpoint)
            r = loadgen("put-record", *e, "--requests", "300", "--connections", "2")
            self.assertEqual((r["records"], r["errors"]), (300, 0))
            r = loadgen("put-records", *e, "--requests", "20", "--batch", "50")
            self.assertEqual((r["records"], r["errors"]), (1000, 0))
            r = loadgen("get-records", *e, "--records", "2000", "--limit", "300")
            self.assertEqual((r["records"], r["errors"]), (2000, 0))
            r = loadgen("mixed", *e, "--seconds", "1", "--batch", "20")
            self.assertEqual((r["errors"], r["read_errors"]), (0, 0))
            self.assertGreater(r["read_records"], 0)
            r = loadgen("fill", *e, "--records", "2000", "--window", "500", "--batch", "100")
            self.assertEqual(len(r["window_records_per_s"]), 4)
            r = loadgen("memory", *e, "--records", "1000", "--pid", str(server.proc.pid))
            self.assertGreater(r["rss_after_kib"], 0)
        with socket.socket() as s:  # a free port for the spawned servers
            s.bind(("127.0.0.1", 0))
            port = str(s.getsockname()[1])
        r = loadgen("startup", "--runs", "2", "--idle-ms", "50", "--port", port, "--",
                    harness.binary(), "--port", port)
        self.assertGreater(r["startup_ms_p50"], 0)

    def test_the_ceiling_server_answers_every_mode(self):
        ceiling = os.path.join(os.path.dirname(os.environ["KINESISD_LOADGEN"]), "ceiling_server")
        proc = subprocess.Popen([ceiling, "--port", "0"], stdout=subprocess.PIPE, text=True)
        try:
            endpoint = proc.stdout.readline().split()[-1]
            r = loadgen("put-records", "--endpoint", endpoint, "--requests", "50")
            self.assertEqual(r["errors"], 0)
        finally:
            proc.terminate()
            proc.wait(timeout=5)


if __name__ == "__main__":
    unittest.main()
