"""Web pages kept out (#38): a request whose Host is a domain that is not
this machine's (DNS rebinding) or whose Origin is a foreign page is refused
with 403 naming the flag that lets it in; loopback origins, the console's own
origin, Docker service names and whatever --allowed-hosts / --cors-origins
add are served; SDKs, which send no Origin, are untouched."""
import http.client
import json
import socket
import threading
import unittest
import urllib.request

import harness

LIST_STREAMS = {"Content-Type": "application/x-amz-json-1.1",
                "X-Amz-Target": "Kinesis_20131202.ListStreams",
                "X-Amz-Date": "20261201T000000Z",
                "Authorization": "AWS4-HMAC-SHA256 Credential=AKID/20261201/us-east-1/kinesis/"
                                 "aws4_request, SignedHeaders=host, Signature=00"}


class Guard(unittest.TestCase):
    def send(self, server, method="POST", path="/", host=None, headers=None, body=b"{}"):
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        conn.putheader("Host", host or "127.0.0.1:%d" % server.port)
        for k, v in (headers or {}).items():
            conn.putheader(k, v)
        conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body)
        r = conn.getresponse()
        out = r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
        conn.close()
        return out

    def test_foreign_hosts_and_origins_are_refused_loopback_ones_served(self):
        with harness.Server() as server:
            # DNS rebinding: the page's own domain in Host.
            status, _, body = self.send(server, host="attacker.example:%d" % server.port,
                                        headers=LIST_STREAMS)
            self.assertEqual(status, 403)
            self.assertIn("--allowed-hosts", json.loads(body)["message"])
            # A cross-site page, on the API and on the control endpoints.
            for path, headers in (("/", LIST_STREAMS), ("/_kinesisd/wait", {})):
                status, _, body = self.send(server, path=path, headers=dict(
                    headers, Origin="https://attacker.example"))
                self.assertEqual(status, 403, path)
                self.assertIn("--cors-origins", json.loads(body)["message"])
            status, _, _ = self.send(server, "OPTIONS", headers={
                "Origin": "https://attacker.example", "Access-Control-Request-Method": "POST"})
            self.assertEqual(status, 403)
            status, _, _ = self.send(server, headers=dict(LIST_STREAMS, Origin="null"))
            self.assertEqual(status, 403)
            # Served: names a local client uses, loopback origins, the console's own origin.
            for host in ("localhost:%d" % server.port, "kinesisd:4567", "[::1]:4567",
                         "host.docker.internal:4567", "api.localhost"):
                self.assertEqual(self.send(server, host=host, headers=LIST_STREAMS)[0], 200, host)
            for origin in ("http://localhost:3000", "http://127.0.0.1:8080",
                           "http://127.0.0.1:%d" % server.port):
                status, headers, _ = self.send(server, headers=dict(LIST_STREAMS, Origin=origin))
                self.assertEqual(status, 200, origin)
                self.assertEqual(headers["access-control-allow-origin"], origin)
                self.assertEqual(headers["vary"], "Origin")
            # A preflight allows only the headers AWS's SDKs send.
            status, headers, _ = self.send(server, "OPTIONS", body=b"", headers={
                "Origin": "http://localhost:3000", "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "authorization, x-amz-target, x-evil"})
            self.assertEqual(status, 200)
            self.assertEqual(headers["access-control-allow-headers"], "authorization, x-amz-target")
            # SDKs send no Origin: boto3 is untouched.
            self.assertEqual(harness.boto3_client(server).list_streams()["StreamNames"], [])

    def test_the_flags_let_named_hosts_and_origins_in(self):
        with harness.Server("--allowed-hosts", "kinesis.test, other.test",
                            "--cors-origins", "https://app.test") as server:
            self.assertEqual(self.send(server, host="kinesis.test:4567",
                                       headers=LIST_STREAMS)[0], 200)
            status, headers, _ = self.send(server, headers=dict(LIST_STREAMS,
                                                                Origin="https://app.test"))
            self.assertEqual((status, headers["access-control-allow-origin"]),
                             (200, "https://app.test"))
            self.assertEqual(self.send(server, host="evil.test", headers=LIST_STREAMS)[0], 403)
        with harness.Server("--allowed-hosts", "*", "--cors-origins", "*") as server:
            status, headers, _ = self.send(server, host="anything.example", headers=dict(
                LIST_STREAMS, Origin="https://anywhere.example"))
            self.assertEqual((status, headers["access-control-allow-origin"]), (200, "*"))


# Run in the attacker's page: every way in it could try, each answered with
# what the page got to see ("blocked" when the browser kept the answer from it).
ATTACKS = r"""
const k = KINESISD;
const api = (target, body) => fetch(k + "/", {method: "POST", body: JSON.stringify(body),
  headers: {"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": target,
            "X-Amz-Date": "20261201T000000Z", "Authorization": "AWS4-HMAC-SHA256 " +
            "Credential=AKID/20261201/us-east-1/kinesis/aws4_request, SignedHeaders=host, " +
            "Signature=00"}});
const seen = async (p) => { try { const r = await p; return r.type === "opaque" ? "opaque"
  : r.status + " " + (await r.text()).slice(0, 2000); } catch (e) { return "blocked"; } };
return {
  list: await seen(api("Kinesis_20131202.ListStreams", {})),
  create: await seen(api("Kinesis_20131202.CreateStream", {StreamName: "pwned", ShardCount: 1})),
  mappings: await seen(fetch(k + "/2015-03-31/event-source-mappings/")),
  console: await seen(fetch(k + "/console/api/server")),
  fault: await seen(fetch(k + "/_kinesisd/faults", {method: "POST", mode: "no-cors",
    headers: {"Content-Type": "text/plain"},
    body: JSON.stringify({operation: "ListStreams", error: "LimitExceededException"})})),
  fault_json: await seen(fetch(k + "/_kinesisd/faults", {method: "POST",
    headers: {"Content-Type": "application/json"},
    body: JSON.stringify({operation: "ListStreams", error: "LimitExceededException"})})),
  reset: await seen(fetch(k + "/_kinesisd/reset", {method: "POST", mode: "no-cors"})),
};
"""


class AttackerSite:
    """The attacker's web server on this machine: GET / answers a harmless
    page (and closes the connection). With `then` it is also a rebinding
    domain's address: on its port, a connection whose first request is not
    GET / is passed to `then` (kinesisd), as if the name now resolved to it."""

    PAGE = b"<!doctype html><title>cat pictures</title>"

    def __init__(self):
        self.then = None
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self.serve, args=(conn,), daemon=True).start()

    def serve(self, conn):
        with conn:
            first = conn.recv(65536)
            if first.startswith(b"GET / ") or not self.then:
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close"
                             b"\r\nContent-Length: %d\r\n\r\n%s" % (len(self.PAGE), self.PAGE))
                return
            with socket.create_connection(("127.0.0.1", self.then)) as upstream:
                upstream.sendall(first)

                def pump(a, b):
                    try:
                        while data := a.recv(65536):
                            b.sendall(data)
                    except OSError:
                        pass
                    for s in (a, b):
                        try:
                            s.shutdown(socket.SHUT_RDWR)
                        except OSError:
                            pass
                back = threading.Thread(target=pump, args=(upstream, conn), daemon=True)
                back.start()
                pump(conn, upstream)
                back.join(timeout=10)

    def close(self):
        self.sock.close()


class InChromium(unittest.TestCase):
    """A real browser as the attacker: a page of another origin, and a page
    whose own domain was rebound to 127.0.0.1, against kinesisd's port."""

    def setUp(self):
        self.site = AttackerSite()
        self.addCleanup(self.site.close)
        self.browser = harness.NodeDriver("guard_driver.mjs")
        self.addCleanup(self.browser.close)

    def attack(self, page_url, kinesisd):
        self.assertEqual(self.browser("visit", url=page_url), 200)
        return self.browser("run", script=ATTACKS.replace("KINESISD", json.dumps(kinesisd)))

    def assert_untouched(self, server):
        kinesis = harness.boto3_client(server)
        # boto3 sends no Origin: served. "made" would be gone after a reset.
        self.assertEqual(kinesis.list_streams()["StreamNames"], ["kept", "made"])
        with urllib.request.urlopen(server.endpoint + "/_kinesisd/faults") as r:
            self.assertEqual(json.loads(r.read()), {"rules": []})

    def test_a_page_of_another_origin_can_neither_read_nor_write(self):
        with harness.Server("--faults", "1", "--streams", "kept") as server:
            harness.boto3_client(server).create_stream(StreamName="made", ShardCount=1)
            seen = self.attack("http://attacker.test:%d/" % self.site.port, server.endpoint)
            # Reads: the browser withholds every answer (no CORS grant); writes
            # that need a preflight never leave it; the simple POSTs reach
            # kinesisd and are refused there (Origin, and a body not JSON).
            self.assertEqual({k: v for k, v in seen.items() if k not in ("fault", "reset")},
                             {k: "blocked" for k in ("list", "create", "mappings", "console",
                                                     "fault_json")}, seen)
            self.assertEqual((seen["fault"], seen["reset"]), ("opaque", "opaque"))
            self.assert_untouched(server)

    def test_a_rebound_domain_is_refused_by_its_host(self):
        with harness.Server("--faults", "1", "--streams", "kept") as server:
            harness.boto3_client(server).create_stream(StreamName="made", ShardCount=1)
            # The attacker's document, then its same-origin calls land on kinesisd.
            self.site.then = server.port
            origin = "http://rebound.test:%d" % self.site.port
            seen = self.attack(origin + "/", origin)
            for what in ("list", "create", "mappings", "console", "fault_json"):
                self.assertTrue(seen[what].startswith("403 "), (what, seen[what]))
                self.assertIn("--allowed-hosts", seen[what])
            self.assertEqual(self.browser("visit", url=origin + "/console/"), 403)
            self.assert_untouched(server)

    def test_the_console_works_over_http_and_https_and_cors_origins_lets_a_page_in(self):
        app = "http://app.test:%d" % self.site.port
        with harness.Server("--streams", "kept", "--cors-origins", app) as server:
            for base in (server.endpoint, server.tls_endpoint.replace("localhost", "127.0.0.1")):
                self.assertEqual(self.browser("visit", url=base + "/console/#/streams"), 200)
                self.assertEqual(self.browser("text", selector='a:text-is("kept")'), "kept")
            seen = self.attack(app + "/", server.endpoint)
            self.assertEqual(json.loads(seen["list"].split(" ", 1)[1])["StreamNames"], ["kept"])
            other = self.attack("http://other.test:%d/" % self.site.port, server.endpoint)
            self.assertEqual(other["list"], "blocked")


if __name__ == "__main__":
    unittest.main()
