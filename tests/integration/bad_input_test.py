"""Hostile and malformed input: every answer is AWS's, and the server keeps serving."""
import http.client
import json
import os
import socket
import unittest

import harness

AUTH = ("AWS4-HMAC-SHA256 Credential=AKID/20261122/us-east-1/kinesis/aws4_request, "
        "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" + "0" * 64)


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

    def test_order_of_checks(self):
        self.assertEqual(self.request("{}", method="GET")[0], 403)
        self.assertIn("<AccessDeniedException>", self.request("{}", method="PUT")[2])
        self.assertEqual(self.request("", target="Kinesis_20131202.Nope")[:3],
                         (400, "UnknownOperationException", '{"__type":"UnknownOperationException"}'))
        self.assertEqual(self.request("")[2], '{"__type":"SerializationException"}')
        self.assertEqual(self.request("{}", content_type="text/plain")[:1], (404,))
        self.assertEqual(self.request("{}", content_type="text/plain", target=None)[0], 403)
        self.assertEqual(self.request("{not json")[2], '{"__type":"SerializationException"}')
        self.assertEqual(self.request("[1,2]")[2], '{"__type":"SerializationException"}')
        self.assertEqual(self.request("{}", target="Kinesis_20131202.Bogus")[2],
                         '{"__type":"UnknownOperationException"}')
        self.assertEqual(self.request("{}", target="Other_20131202.ListStreams")[1], "UnknownOperationException")
        self.assert_serving()

    def test_authentication(self):
        status, kind, body = self.request("{}", auth=False)
        self.assertEqual((status, kind), (400, "MissingAuthenticationTokenException"))
        self.assertEqual(json.loads(body)["message"], "Missing Authentication Token")
        status, kind, body = self.request("{}", extra={"Authorization": "AWS4-HMAC-SHA256 Signature=abc"})
        self.assertEqual(kind, "IncompleteSignatureException")
        self.assertEqual(json.loads(body)["message"],
                         "Authorization header requires 'Credential' parameter. Authorization header "
                         "requires 'SignedHeaders' parameter. Authorization=AWS4-HMAC-SHA256 Signature=abc")

    def test_wrong_types(self):
        cases = [
            ('{"Limit": "ten"}', "class java.lang.String can not be converted to an Integer"),
            ('{"Limit": true}', "class java.lang.Boolean can not be converted to an Integer"),
            ('{"ExclusiveStartStreamName": 5}', "class java.math.BigDecimal can not be converted to an String"),
            ('{"ExclusiveStartStreamName": []}', "Start of list found where not expected"),
            ('{"ExclusiveStartStreamName": {}}', "Start of structure or map found where not expected."),
        ]
        for body, message in cases:
            status, kind, text = self.request(body)
            self.assertEqual((status, kind), (400, "SerializationException"), body)
            self.assertEqual(json.loads(text)["Message"], message)
        status, kind, text = self.request('{"StreamName":"s","PartitionKey":"p","Data":"abc"}',
                                          target="Kinesis_20131202.PutRecord")
        self.assertEqual(json.loads(text)["Message"], "'abc' can not be converted to a Blob: Base64 encoded "
                                                      "length is expected a multiple of 4 bytes but found: 3")
        self.assert_serving()

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

    def test_cors(self):
        status, _, _ = self.request("{}", method="OPTIONS", extra={"Origin": "http://x"})
        self.assertEqual(status, 200)


if __name__ == "__main__":
    unittest.main()
