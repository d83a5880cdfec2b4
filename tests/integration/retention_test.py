"""Retention with kinesisd's test clock (--test-clock 1): records expire when
the retention period passes, Increase/DecreaseStreamRetentionPeriod move that
point, the sweeper frees the memory (the stored-records gauge drops), and shard
iterators expire after 5 minutes, all without waiting in real time.
Memory is freed a segment (1024 records of a shard) at a time, so the
assertions on the gauge allow one partly expired segment."""
import json
import re
import time
import unittest
import urllib.error
import urllib.request

import harness

HOUR_MS = 3_600_000


class Retention(unittest.TestCase):
    def setUp(self):
        self.server = harness.Server("--test-clock", "1")
        self.k = harness.boto3_client(self.server)
        self.k.create_stream(StreamName="ret", ShardCount=1)

    def tearDown(self):
        self.server.stop()

    def advance(self, ms):
        req = urllib.request.Request(self.server.endpoint + "/_kinesisd/clock", method="POST",
                                     data=json.dumps({"advance_ms": ms}).encode(), headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req) as r:
            return json.loads(r.read())["now_ms"]

    def put(self, n, tag):
        for start in range(0, n, 500):
            self.k.put_records(StreamName="ret", Records=[
                {"Data": b"%s-%d" % (tag, i), "PartitionKey": "p%d" % i}
                for i in range(start, min(n, start + 500))])

    def visible(self):
        it = self.k.get_shard_iterator(StreamName="ret", ShardId="shardId-000000000000",
                                       ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
        out = []
        while True:
            r = self.k.get_records(ShardIterator=it)
            out += [rec["Data"] for rec in r["Records"]]
            if not r["Records"]:
                return out
            it = r["NextShardIterator"]

    def stored(self):
        text = urllib.request.urlopen(self.server.endpoint + "/metrics").read().decode()
        m = re.search(r'^kinesisd_stored_records\{[^}]*stream="ret"[^}]*\} (\d+)', text, re.M)
        return int(m.group(1))

    def test_records_expire_with_the_retention_period(self):
        self.put(3000, b"day1")
        self.advance(23 * HOUR_MS)
        self.assertEqual(len(self.visible()), 3000)
        self.put(10, b"day2")
        self.assertEqual(self.stored(), 3010)
        self.advance(2 * HOUR_MS)  # day1 is 25 h old, day2 2 h
        self.assertEqual(self.visible(), [b"day2-%d" % i for i in range(10)])
        # Swept, not just hidden: the two full segments of day1 are gone.
        self.assertEqual(self.stored(), 3010 - 2048)

    def test_changed_periods_move_the_horizon(self):
        self.k.increase_stream_retention_period(StreamName="ret", RetentionPeriodHours=48)
        self.put(2048, b"old")
        self.advance(30 * HOUR_MS)
        self.assertEqual(len(self.visible()), 2048)
        self.assertEqual(self.stored(), 2048)
        self.k.decrease_stream_retention_period(StreamName="ret", RetentionPeriodHours=24)
        self.assertEqual(self.visible(), [])  # reads honour the new period at once
        self.advance(1)
        self.assertEqual(self.stored(), 0)  # and the sweeper frees them

    def test_iterators_expire_after_five_minutes(self):
        self.put(1, b"x")
        it = self.k.get_shard_iterator(StreamName="ret", ShardId="shardId-000000000000",
                                       ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
        self.advance(301_000)
        with self.assertRaises(self.k.exceptions.ExpiredIteratorException):
            self.k.get_records(ShardIterator=it)

    def test_the_clock_takes_only_json(self):
        req = urllib.request.Request(self.server.endpoint + "/_kinesisd/clock", method="POST",
                                     data=b'{"advance_ms": 86400000}',
                                     headers={"Content-Type": "text/plain"})
        with self.assertRaises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(req)
        self.assertEqual(e.exception.code, 415)
        now_ms = self.advance(0)
        self.assertLess(abs(now_ms - time.time() * 1000), 60_000)  # not moved

    def test_without_the_flag_the_clock_cannot_be_moved(self):
        with harness.Server() as plain:
            req = urllib.request.Request(plain.endpoint + "/_kinesisd/clock", method="POST",
                                         data=b'{"advance_ms": 1}', headers={"Content-Type": "application/json"})
            with self.assertRaises(urllib.error.HTTPError) as e:
                urllib.request.urlopen(req)
            self.assertNotEqual(e.exception.code, 200)


if __name__ == "__main__":
    unittest.main()
