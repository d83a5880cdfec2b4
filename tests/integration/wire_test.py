"""The wire answers to requests that are not well-formed Kinesis calls: AWS's order of checks,
status, media type, body and headers, over raw HTTP.

Source: kinesalite's test/connection.js (github.com/mhart/kinesalite), whose cases its authors
ran against real AWS (REMOTE=1); cited per case below as [conn]. The SigV4 shape messages are
the same file's. Where AWS's model today differs from an older observation, the test says so.
"""
import base64
import http.client
import json
import os
import re
import unittest

import harness

SIGNED = {
    "Authorization": "AWS4-HMAC-SHA256 Credential=AKID/20261201/us-east-1/kinesis/aws4_request, "
                     "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" + "0" * 64,
    "X-Amz-Date": "20261201T000000Z",
}
JSON = "application/x-amz-json-1.1"
CBOR = "application/x-amz-cbor-1.1"
UUID = re.compile(r"^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$")
EXPOSE = "x-amzn-RequestId,x-amzn-ErrorType,x-amz-request-id,x-amz-id-2,x-amzn-ErrorMessage,Date"

# CBOR bodies exactly as AWS sends them: indefinite-length maps [conn].
UNKNOWN_CBOR = b"\xbf\x66__type\x78\x19UnknownOperationException\xff"
SERIALIZATION_CBOR = b"\xbf\x66__type\x76SerializationException\xff"


MODEL = os.path.join(os.path.dirname(__file__), "..", "..", "src", "protocol", "model", "kinesis-2013-12-02.json")
NUMBER = "class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to "
LIST_FOUND = "Start of list found where not expected"
MAP_FOUND = "Start of structure or map found where not expected."
# The message for a JSON value of the wrong type, by the member's model type: kinesalite's
# test/helpers.js assertType (checked against AWS). The values: a string, true, integers inside
# and outside int range, a fraction, [] and {}. None: the value is accepted.
TYPE_ERRORS = {
    "string": {"'23'": None, "true": "class java.lang.Boolean can not be converted to an String",
               "23": NUMBER + "an String", "-2147483648": NUMBER + "an String",
               "2147483648": NUMBER + "an String", "34.56": NUMBER + "an String", "[]": LIST_FOUND, "{}": MAP_FOUND},
    "boolean": {"'23'": "'23' can not be converted to an Boolean", "true": None, "23": NUMBER + "an Boolean",
                "-2147483648": NUMBER + "an Boolean", "2147483648": NUMBER + "an Boolean",
                "[]": LIST_FOUND, "{}": MAP_FOUND},
    "integer": {"'23'": "class java.lang.String can not be converted to an Integer",
                "true": "class java.lang.Boolean can not be converted to an Integer", "[]": LIST_FOUND, "{}": MAP_FOUND},
    "long": {"'23'": "class java.lang.String can not be converted to an Long",
             "true": "class java.lang.Boolean can not be converted to an Long", "[]": LIST_FOUND, "{}": MAP_FOUND},
    "blob": {"true": "class java.lang.Boolean can not be converted to a Blob", "23": NUMBER + "a Blob",
             "-2147483648": NUMBER + "a Blob", "2147483648": NUMBER + "a Blob", "34.56": NUMBER + "a Blob",
             "[]": LIST_FOUND, "{}": MAP_FOUND,
             "'23456'": "'23456' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 "
                        "bytes but found: 5",
             "'=+/='": "'=+/=' can not be converted to a Blob: Invalid Base64 character: '='",
             "'+/+='": "'+/+=' can not be converted to a Blob: Invalid last non-pad Base64 character dectected"},
    "timestamp": {"true": "class java.lang.Boolean can not be converted to milliseconds since epoch",
                  "'23'": "class java.lang.String can not be converted to milliseconds since epoch",
                  "[]": LIST_FOUND, "{}": MAP_FOUND},
    "list": {"'23'": "Expected list or null", "true": "Expected list or null", "23": "Expected list or null",
             "34.56": "Expected list or null", "{}": MAP_FOUND},
    "map": {"'23'": "Expected map or null", "true": "Expected map or null", "23": "Expected map or null",
            "34.56": "Expected map or null", "[]": LIST_FOUND},
    "structure": {"'23'": "Expected null", "true": "Expected null", "23": "Expected null", "34.56": "Expected null",
                  "[]": LIST_FOUND},
}


def json_value(text):
    return text[1:-1] if text.startswith("'") else json.loads(text)


def member_paths(shapes, shape_name, prefix=(), depth=0):
    """(path, model type) of every member, list item (index 0) and structure inside, to depth 3."""
    shape = shapes[shape_name]
    for name, member in shape.get("members", {}).items():
        inner = shapes[member["shape"]]
        yield prefix + (name,), inner["type"]
        if depth < 3 and inner["type"] == "structure":
            yield from member_paths(shapes, member["shape"], prefix + (name,), depth + 1)
        if depth < 3 and inner["type"] == "list":
            item = shapes[inner["member"]["shape"]]
            yield prefix + (name, 0), item["type"]
            if item["type"] == "structure":
                yield from member_paths(shapes, inner["member"]["shape"], prefix + (name, 0), depth + 1)


def body_at(path, value):
    root = {}
    node = root
    for here, following in zip(path, path[1:]):
        child = [] if following == 0 else {}
        if isinstance(node, list):
            node.append(child)
        else:
            node[here] = child
        node = child
    if isinstance(node, list):
        node.append(value)
    else:
        node[path[-1]] = value
    return root


def xml(kind, message=None):
    if message is None:
        return ("<%s/>\n" % kind).encode()
    return ("<%s>\n  <Message>%s</Message>\n</%s>\n" % (kind, message, kind)).encode()


ACCESS_DENIED = xml("AccessDeniedException", "Unable to determine service/operation name to be authorized")
MISSING_XML = xml("MissingAuthenticationTokenException", "Missing Authentication Token")
INCOMPLETE_QUERY = ("AWS query-string parameters must include 'X-Amz-Algorithm'. AWS query-string parameters "
                    "must include 'X-Amz-Credential'. AWS query-string parameters must include "
                    "'X-Amz-Signature'. AWS query-string parameters must include 'X-Amz-SignedHeaders'. "
                    "AWS query-string parameters must include 'X-Amz-Date'. Re-examine the query-string "
                    "parameters.")
BOTH = "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header."


def incomplete_header(value, date=False):
    parts = [] if "Credential=" in value else ["Authorization header requires 'Credential' parameter. "]
    if "Signature=" not in value:
        parts.append("Authorization header requires 'Signature' parameter. ")
    if "SignedHeaders=" not in value:
        parts.append("Authorization header requires 'SignedHeaders' parameter. ")
    if not date:
        parts.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ")
    return "".join(parts) + "Authorization=" + value


class Wire(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # --cors-origins *: AWS's own CORS answers (any origin, headers echoed), as kinesalite's
        # tests recorded them; kinesisd's default lets only loopback origins in
        # (browser_guard_test).
        cls.server = harness.Server("--cors-origins", "*")

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def send(self, method="POST", path="/", headers=None, body=b"", signed=True):
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=10)
        conn.putrequest(method, path, skip_accept_encoding=True)
        all_headers = dict(SIGNED) if signed else {}
        all_headers.update(headers or {})
        for k, v in all_headers.items():
            conn.putheader(k, v)
        if isinstance(body, str):
            body = body.encode()
        if body or method in ("POST", "PUT"):
            conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body)
        r = conn.getresponse()
        out = r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
        conn.close()
        return out

    def assert_answer(self, reply, status, content_type, body):
        """[conn] assertBody: status, body, Content-Type (or none), Content-Length and both ids."""
        got_status, headers, got_body = reply
        if isinstance(body, dict):
            self.assertEqual(json.loads(got_body), body)
        else:
            self.assertEqual(got_body, body)
        self.assertEqual(got_status, status, got_body)
        self.assertEqual(headers.get("content-type"), content_type)
        self.assertEqual(headers["content-length"], str(len(got_body)))
        self.assertRegex(headers["x-amzn-requestid"], UUID)
        self.assertTrue(64 <= len(base64.b64decode(headers["x-amz-id-2"])) <= 80)

    # ---- requests no operation takes --------------------------------------------------------

    def test_other_methods_are_access_denied_in_xml(self):
        for method in ("GET", "PUT", "DELETE"):  # [conn] "should return AccessDeniedException if GET" ...
            self.assert_answer(self.send(method), 403, None, ACCESS_DENIED)

    def test_empty_post_is_answered_in_cbor(self):
        # [conn] no body, no auth, no content type, x-amz-json-1.0, a random content type, random
        # or incomplete targets: all CBOR UnknownOperationException.
        self.assert_answer(self.send(signed=False), 400, CBOR, UNKNOWN_CBOR)
        self.assert_answer(self.send(), 400, CBOR, UNKNOWN_CBOR)
        for content_type in ("application/x-amz-json-1.0", "application/x-amz-json-1.1asdf", "application/json"):
            self.assert_answer(self.send(headers={"Content-Type": content_type}), 400, CBOR, UNKNOWN_CBOR)
        for target in ("Whatever", "Kinesis_20131202.", "Kinesis_20131202.Whatever", "Whatever.Whatever",
                       "Kinesis_20131202.ListStream"):
            self.assert_answer(self.send(headers={"X-Amz-Target": target}), 400, CBOR, UNKNOWN_CBOR)
        # [conn] "should return CBOR SerializationException if no Content-Type" and "... valid
        # target and application/json": the operation exists, the body does not.
        for headers in ({}, {"Content-Type": "application/json"}):
            headers["X-Amz-Target"] = "Kinesis_20131202.ListStreams"
            self.assert_answer(self.send(headers=headers), 400, CBOR, SERIALIZATION_CBOR)
        # Only amz-json-1.1 gets the same answers in JSON [conn] "JSON" block.
        for signed in (True, False):
            self.assert_answer(self.send(headers={"Content-Type": JSON}, signed=signed), 400, JSON,
                               {"__type": "UnknownOperationException"})
            self.assert_answer(self.send(headers={"Content-Type": JSON, "X-Amz-Target": "Kinesis_20131202.ListStreams"},
                                         signed=signed), 400, JSON, {"__type": "SerializationException"})

    def test_a_body_without_a_usable_content_type_is_answered_in_xml(self):
        # [conn] "should return AccessDeniedException if body and no Content-Type", and the order
        # of checks its exhaustive table derives (paths, auth, targets) for content types AWS does
        # not take: the signature first, then the target.
        for content_type in (None, "application/x-amz-json-1.0", "text/plain"):
            headers = {} if content_type is None else {"Content-Type": content_type}
            self.assert_answer(self.send(headers=headers, body="{}"), 403, None, ACCESS_DENIED)
            self.assert_answer(self.send(headers=headers, body="{}", signed=False), 403, None, MISSING_XML)
            self.assert_answer(self.send(headers={**headers, "Authorization": "a"}, body="{}", signed=False),
                               403, None, xml("IncompleteSignatureException", incomplete_header("a")))
            self.assert_answer(self.send(path="/?X-Amz-Algorithm", headers=headers, body="{}", signed=False),
                               403, None, xml("IncompleteSignatureException", INCOMPLETE_QUERY))
            self.assert_answer(self.send(path="/?X-Amz-Algorithm", headers={**headers, "Authorization": "a"},
                                         body="{}", signed=False), 403, None, xml("InvalidSignatureException", BOTH))
            for target, answer in (
                    ("whatever.ListStreams", (403, xml("UnrecognizedClientException",
                                                       "No authorization strategy was found for service: "
                                                       "whatever, operation: ListStreams"))),
                    ("Kinesis_20131202.whatever", (500, xml("InternalFailure"))),
                    ("Kinesis_20131202.ListStreams", (404, xml("UnknownOperationException"))),
                    ("Kinesis_20131202.", (403, ACCESS_DENIED)),
                    ("whatever", (403, ACCESS_DENIED))):
                self.assert_answer(self.send(headers={**headers, "X-Amz-Target": target}, body="{}"),
                                   answer[0], None, answer[1])
        # The same chain for another method, with nothing to read.
        self.assert_answer(self.send("GET", signed=False), 403, None, MISSING_XML)
        self.assert_answer(self.send("DELETE", headers={"X-Amz-Target": "Kinesis_20131202.ListStreams"}),
                           404, None, xml("UnknownOperationException"))
        self.assert_answer(self.send("OPTIONS"), 403, None, ACCESS_DENIED)  # OPTIONS without Origin

    def test_application_json_gets_corals_old_envelope(self):
        # [conn] "should return UnknownOperationException if valid target and body and
        # application/json" and the SerializationException ones (also with spaces in the type).
        # No message key when there is no message: AWS's Coral front ends answer
        # {"Output":{"__type":"com.amazon.coral.service#UnknownOperationException"},"Version":"1.0"}
        # in every capture (Bedrock's, quoted in the Anthropic SDK's Bedrock adapter; Glue's,
        # Cognito's), and a conformance run against AWS found kinesisd's "message": null apart.
        target = {"X-Amz-Target": "Kinesis_20131202.ListStreams"}
        unknown = {"Output": {"__type": "com.amazon.coral.service#UnknownOperationException"},
                   "Version": "1.0"}
        serialization = {"Output": {"__type": "com.amazon.coral.service#SerializationException"},
                         "Version": "1.0"}
        for signed in (True, False):
            self.assert_answer(self.send(headers={"Content-Type": "application/json", **target}, body="{}",
                                         signed=signed), 200, "application/json", unknown)
        for content_type in ("application/json", "     application/json     ;"):
            self.assert_answer(self.send(headers={"Content-Type": content_type, **target}, body="hello",
                                         signed=False), 200, "application/json", serialization)

    def test_json_protocol_order_of_checks(self):
        target = {"Content-Type": JSON, "X-Amz-Target": "Kinesis_20131202.ListStreams"}
        # [conn] "should return SerializationException if non-JSON body": before auth.
        self.assert_answer(self.send(headers=target, body="hello", signed=False), 400, JSON,
                           {"__type": "SerializationException"})
        # An unknown operation: before auth (kinesalite's index.js order).
        self.assert_answer(self.send(headers={"Content-Type": JSON, "X-Amz-Target": "Kinesis_20131202.Nope"},
                                     body="{}", signed=False), 400, JSON, {"__type": "UnknownOperationException"})
        missing = {"__type": "MissingAuthenticationTokenException", "message": "Missing Authentication Token"}
        self.assert_answer(self.send(headers=target, body="{}", signed=False), 400, JSON, missing)
        spaced = {"Content-Type": "   application/x-amz-json-1.1   ;whatever", "X-Amz-Target": target["X-Amz-Target"]}
        self.assert_answer(self.send(headers=spaced, body="{}", signed=False), 400, JSON, missing)
        self.assert_answer(self.send(headers=target, body="{}"), 200, JSON,
                           {"HasMoreStreams": False, "StreamNames": [], "StreamSummaries": []})

    def test_signature_shapes(self):
        target = {"Content-Type": JSON, "X-Amz-Target": "Kinesis_20131202.ListStreams"}

        def incomplete(message):
            return {"__type": "IncompleteSignatureException", "message": message}

        cases = [
            ("/", {"Authorization": "X"}, incomplete(incomplete_header("X"))),
            ("/?X-Amz-Algorith", {"Authorization": "X"}, incomplete(incomplete_header("X"))),
            ("/?X-Amz-Credential=a&X-Amz-Signature=b&X-Amz-SignedHeaders=c&X-Amz-Date=d", {},
             {"__type": "MissingAuthenticationTokenException", "message": "Missing Authentication Token"}),
            ("/?X-Amz-Algorithm", {"Authorization": "X"}, {"__type": "InvalidSignatureException", "message": BOTH}),
            ("/?X-Amz-Algorithm", {}, incomplete(INCOMPLETE_QUERY)),
            ("/?X-Amz-Algorithm=a&X-Amz-Credential=b&X-Amz-Signature=c&X-Amz-Date=d", {},
             incomplete("AWS query-string parameters must include 'X-Amz-SignedHeaders'. "
                        "Re-examine the query-string parameters.")),
        ]
        for value in ("AWS4- Signature=b Credential=a", "AWS4- Signature=b,Credential=a",
                      "AWS4- Signature=b, Credential=a"):
            cases.append(("/", {"Authorization": value, "Date": "a"},
                          incomplete("Authorization header requires 'SignedHeaders' parameter. Authorization=" + value)))
        for path, headers, answer in cases:  # each [conn] "should return IncompleteSignatureException if ..."
            self.assert_answer(self.send(path=path, headers={**target, **headers}, body="{}", signed=False),
                               400, JSON, answer)

    def test_type_errors_for_every_member_of_every_operation(self):
        # Every JSON type against every member (and list item and nested structure) of all 45
        # operations' inputs. The first wrong type is reported before any constraint or lookup.
        with open(MODEL) as f:
            model = json.load(f)
        shapes, checked = model["shapes"], 0
        for operation, spec in sorted(model["operations"].items()):
            if not spec.get("input"):
                continue
            for path, kind in member_paths(shapes, spec["input"]):
                for text, message in TYPE_ERRORS[kind].items():
                    if message is None:
                        continue
                    body = json.dumps(body_at(path, json_value(text)))
                    status, headers, reply = self.send(
                        headers={"Content-Type": JSON, "X-Amz-Target": "Kinesis_20131202." + operation}, body=body)
                    label = "%s %s = %s" % (operation, ".".join(map(str, path)), text)
                    self.assertEqual((status, json.loads(reply)), (400, {"__type": "SerializationException",
                                                                         "Message": message}), label)
                    self.assertEqual(headers["x-amzn-errortype"], "SerializationException", label)
                    checked += 1
        self.assertGreater(checked, 900)

    # ---- CORS ---------------------------------------------------------------------------------

    def assert_preflight(self, reply, extra=None):
        """[conn] assertCors: 200, empty, no Content-Type and no x-amz-id-2."""
        status, headers, body = reply
        self.assertEqual((status, body), (200, b""))
        self.assertRegex(headers["x-amzn-requestid"], UUID)
        self.assertEqual(headers["access-control-allow-origin"], "*")
        self.assertEqual(headers["access-control-max-age"], "172800")
        self.assertEqual(headers["content-length"], "0")
        self.assertNotIn("x-amz-id-2", headers)
        self.assertNotIn("content-type", headers)
        self.assertNotIn("access-control-expose-headers", headers)
        for k, v in (extra or {}).items():
            self.assertEqual(headers[k], v)

    def test_cors(self):
        self.assert_preflight(self.send("OPTIONS", headers={"Origin": "whatever"}, signed=False))
        self.assert_preflight(self.send("OPTIONS", headers={"Origin": "whatever"}))
        self.assert_preflight(self.send("OPTIONS", headers={"Origin": "whatever", "Access-Control-Request-Headers": "a, b, c"}),
                              {"access-control-allow-headers": "a, b, c"})
        self.assert_preflight(self.send("OPTIONS", headers={"Origin": "whatever", "Access-Control-Request-Headers": "a, b, c",
                                                            "Access-Control-Request-Method": "d"}),
                              {"access-control-allow-headers": "a, b, c", "access-control-allow-methods": "d"})
        # [conn] "should return CBOR UnknownOperationException and set CORS if using Origin".
        reply = self.send(headers={"Origin": "whatever"})
        self.assert_answer(reply, 400, CBOR, UNKNOWN_CBOR)
        self.assertEqual(reply[1]["access-control-allow-origin"], "*")
        self.assertEqual(reply[1]["access-control-expose-headers"], EXPOSE)


if __name__ == "__main__":
    unittest.main()
