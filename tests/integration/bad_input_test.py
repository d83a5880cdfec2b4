"""Hostile and malformed input: every answer is AWS's, and the server keeps serving.
The answers themselves (order of checks, types, CORS) are pinned in wire_test.py."""
import http.client
import json
import os
import socket
import ssl
import struct
import unittest

import harness

AUTH = ("AWS4-HMAC-SHA256 Credential=AKID/20261122/us-east-1/kinesis/aws4_request, "
        "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" + "0" * 64)


PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"


def h2_frame(kind, flags, stream, payload=b""):
    return struct.pack(">I", len(payload))[1:] + bytes([kind, flags]) + struct.pack(">I", stream) + payload


def hpack_literal(name, value):
    """A literal header field without indexing and without Huffman coding."""
    def length(n):
        if n < 127:
            return bytes([n])
        out, n = bytearray([127]), n - 127
        while n >= 128:
            out.append(n % 128 + 128)
            n //= 128
        return bytes(out + bytearray([n]))
    return b"\x00" + length(len(name)) + name + length(len(value)) + value


def h2_request_headers(target=b"Kinesis_20131202.ListStreams"):
    fields = [(b":method", b"POST"), (b":scheme", b"http"), (b":path", b"/"),
              (b":authority", b"127.0.0.1"), (b"content-type", b"application/x-amz-json-1.1"),
              (b"x-amz-target", target), (b"x-amz-date", b"20261122T000000Z"),
              (b"authorization", AUTH.encode())]
    return b"".join(hpack_literal(n, v) for n, v in fields)


def h2_frames(data):
    """Splits bytes into (type, flags, stream, payload) frames; stops at a partial one."""
    frames = []
    while len(data) >= 9:
        n = int.from_bytes(data[:3], "big")
        if len(data) < 9 + n:
            break
        frames.append((data[3], data[4], int.from_bytes(data[5:9], "big") & 0x7FFFFFFF, data[9:9 + n]))
        data = data[9 + n:]
    return frames


def read_until_closed(sock, limit=1 << 20):
    data = b""
    try:
        while len(data) < limit:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
    except (ConnectionResetError, socket.timeout, ssl.SSLError):
        pass
    return data


class BadInput(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = harness.Server()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def request(self, body, target="Kinesis_20131202.ListStreams", method="POST",
                content_type="application/x-amz-json-1.1", auth=True, extra=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=10)
        headers = {"Content-Type": content_type, "X-Amz-Date": "20261122T000000Z"}
        if target is not None:
            headers["X-Amz-Target"] = target
        if auth:
            headers["Authorization"] = AUTH
        headers.update(extra or {})
        conn.request(method, "/", body=body, headers=headers)
        r = conn.getresponse()
        out = (r.status, r.getheader("x-amzn-ErrorType"), r.read().decode())
        conn.close()
        return out

    def assert_serving(self):
        status, _, body = self.request("{}")
        self.assertEqual(status, 200, body)
        self.assertTrue(self.server.alive())

    def test_deep_nesting_and_invalid_utf8(self):
        self.assertEqual(self.request("{\"a\":" + "[" * 100000 + "]" * 100000 + "}")[1], "SerializationException")
        self.assertEqual(self.request(b'{"ExclusiveStartStreamName":"\xff\xfe"}')[1], "SerializationException")
        self.assert_serving()

    def test_oversize_body_gets_413(self):
        s = socket.create_connection(("127.0.0.1", self.server.port), timeout=10)
        s.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.1\r\n"
                  b"X-Amz-Target: Kinesis_20131202.ListStreams\r\nContent-Length: %d\r\n\r\n" % (64 << 20))
        reply = s.recv(4096)
        s.close()
        self.assertTrue(reply.startswith(b"HTTP/1.1 413"), reply)
        self.assert_serving()

    def test_garbage_closes_only_that_connection(self):
        idle = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=10)
        idle.connect()
        for _ in range(20):
            s = socket.create_connection(("127.0.0.1", self.server.port), timeout=10)
            s.sendall(os.urandom(4096))
            try:
                s.recv(4096)
            except (ConnectionResetError, socket.timeout):
                pass
            s.close()
        idle.request("POST", "/", body="{}", headers={"Content-Type": "application/x-amz-json-1.1",
                                                      "X-Amz-Target": "Kinesis_20131202.ListStreams",
                                                      "Authorization": AUTH, "X-Amz-Date": "20261122T000000Z"})
        self.assertEqual(idle.getresponse().status, 200)
        idle.close()
        self.assert_serving()

    def test_http2_request_from_raw_frames(self):
        # A client other than nghttp2 or node: frames written by hand.
        s = socket.create_connection(("127.0.0.1", self.server.port), timeout=10)
        s.sendall(PREFACE + h2_frame(4, 0, 0) +
                  h2_frame(1, 0x4, 1, h2_request_headers()) +  # END_HEADERS
                  h2_frame(0, 0x1, 1, b"{}") +                  # DATA, END_STREAM
                  h2_frame(7, 0, 0, struct.pack(">II", 0, 0)))  # GOAWAY: we are done
        frames = h2_frames(read_until_closed(s))
        s.close()
        kinds = [(k, stream) for k, _, stream, _ in frames]
        self.assertIn((4, 0), kinds)  # the server's SETTINGS
        self.assertIn((1, 1), kinds)  # HEADERS on stream 1
        body = b"".join(p for k, _, stream, p in frames if k == 0 and stream == 1)
        self.assertEqual(json.loads(body)["HasMoreStreams"], False)
        self.assert_serving()

    def test_http2_garbage_and_abandoned_streams(self):
        # Garbage right after the preface: GOAWAY with PROTOCOL_ERROR, then the socket closes.
        s = socket.create_connection(("127.0.0.1", self.server.port), timeout=10)
        s.sendall(PREFACE + os.urandom(2048))
        frames = h2_frames(read_until_closed(s))
        s.close()
        self.assertTrue(any(k == 7 for k, _, _, _ in frames), frames)
        # Streams left half-open (headers without END_STREAM, a body cut short), then
        # the peer vanishes: nothing is answered and nothing leaks (ASan in CI).
        for cut in range(3):
            s = socket.create_connection(("127.0.0.1", self.server.port), timeout=10)
            frames = [PREFACE, h2_frame(4, 0, 0)]
            for stream in range(1, 40, 2):
                frames.append(h2_frame(1, 0x4, stream, h2_request_headers()))
                frames.append(h2_frame(0, 0, stream, b'{"Lim'))
            if cut == 1:
                frames.append(h2_frame(3, 0, 1, struct.pack(">I", 8)))  # RST_STREAM CANCEL
            data = b"".join(frames)
            s.sendall(data[:len(data) - cut * 7])
            s.close()
        self.assert_serving()

    def test_tls_garbage_and_bad_handshakes(self):
        for payload in (b"\x16\x03\x01" + os.urandom(1024), b"\x16"):
            s = socket.create_connection(("127.0.0.1", self.server.port), timeout=10)
            try:
                s.sendall(payload)
                s.shutdown(socket.SHUT_WR)  # the server may have closed already
            except OSError:
                pass
            read_until_closed(s)
            s.close()
        # A real handshake, then garbage inside TLS, over HTTP/1.1 and over h2.
        for alpn in (["http/1.1"], ["h2"]):
            context = ssl.create_default_context(cafile=self.server.tls_cert)
            context.set_alpn_protocols(alpn)
            raw = socket.create_connection(("127.0.0.1", self.server.port), timeout=10)
            s = context.wrap_socket(raw, server_hostname="localhost")
            self.assertEqual(s.selected_alpn_protocol(), alpn[0])
            s.sendall(os.urandom(4096))
            read_until_closed(s)
            s.close()
        self.assert_serving()


class StartUpMistakes(unittest.TestCase):
    """Flag mistakes and start-up failures: one line naming the cause and a way out, no
    source paths, exit status 2 (as the config file's errors)."""

    def run_kinesisd(self, *args):
        import subprocess
        p = subprocess.run([harness.binary(), *args], capture_output=True, text=True, timeout=30)
        return p.returncode, p.stdout, p.stderr

    def test_each_mistake_is_named_with_exit_status_2(self):
        for args, text in [
                (["--faults", "yes"], "--faults expects 0, 1, true or false, got 'yes'"),
                (["--tls", "maybe"], "--tls expects 0, 1, true or false, got 'maybe'"),
                (["--console", "2"], "--console expects 0, 1, true or false, got '2'"),
                (["--port", "99999"], "--port expects a port number from 0 to 65535"),
                (["--port", "0", "--foo"], "unknown flag --foo (see --help)"),
                (["--port", "0", "--durability", "fsync"],
                 "--durability applies to a data directory, and there is none")]:
            code, out, err = self.run_kinesisd(*args)
            self.assertEqual(code, 2, args)
            self.assertEqual(err.count("\n"), 1, err)
            self.assertIn(text, err)
        code, out, _ = self.run_kinesisd("--version")
        self.assertEqual(code, 0)
        self.assertRegex(out, r"^kinesisd \d+\.\d+\.\d+\n$")

    def test_a_port_in_use_is_one_line_with_a_way_out(self):
        with harness.Server() as first:
            code, out, err = self.run_kinesisd("--port", str(first.port), "--console", "0")
        self.assertEqual(code, 2)
        self.assertEqual(err.strip().count("\n"), 0, err)
        self.assertIn("cannot listen on 127.0.0.1:%d: Address already in use" % first.port, err)
        self.assertIn("--port 0 picks a free one", err)
        self.assertNotIn(".hpp", err)  # no Boost source location


if __name__ == "__main__":
    unittest.main()
