"""Web pages kept out (#38): a request whose Host is a domain that is not
this machine's (DNS rebinding) or whose Origin is a foreign page is refused
with 403 naming the flag that lets it in; loopback origins, the console's own
origin, Docker service names and whatever --allowed-hosts / --cors-origins
add are served; SDKs, which send no Origin, are untouched."""
import http.client
import json
import unittest

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


if __name__ == "__main__":
    unittest.main()
