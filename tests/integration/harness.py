"""Starts the real kinesisd binary on a free port for integration tests.

The binary comes from $KINESISD_BIN (set by ctest). Each server logs
"certificate: PATH" (the TLS certificate it generated) and prints
"kinesisd listening on http://HOST:PORT" when ready; stop() sends SIGTERM and
asserts a clean exit within a second, as the README promises.
"""
import os
import pathlib
import re
import signal
import subprocess
import threading
import time

READY = re.compile(r"kinesisd listening on (http://[^\s]+)")
CERT = re.compile(r"certificate: (\S+)")

# Today's Kinesis model (botocore 1.43.117's: channels, record distribution,
# DryRun) for the machine's boto3 and AWS CLI, which may be older: botocore
# reads AWS_DATA_PATH before its own data (scripts/strip-model writes it).
BOTOCORE_DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "botocore-data")
os.environ["AWS_DATA_PATH"] = BOTOCORE_DATA + (
    os.pathsep + os.environ["AWS_DATA_PATH"] if os.environ.get("AWS_DATA_PATH") else "")

CLIENT_ENV = {
    "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE",
    "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_EC2_METADATA_DISABLED": "true",
}


def binary():
    path = os.environ.get("KINESISD_BIN")
    if not path:
        raise RuntimeError("KINESISD_BIN is not set (run through ctest)")
    return path


class Server:
    """kinesisd on a free port. Its output is read in the background (a full
    pipe would block the server) and kept in self.output for assertions."""

    def __init__(self, *args, create_ms=0, delete_ms=0, update_ms=0, cwd=None, env=None):
        cmd = [binary(), "--port", "0", "--create-stream-ms", str(create_ms),
               "--delete-stream-ms", str(delete_ms), "--update-stream-ms", str(update_ms), *args]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                     cwd=cwd, env=env)
        self.output = []
        self._err = []
        self.tls_cert = None
        deadline = time.monotonic() + 10
        line = ""
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line and self.proc.poll() is not None:
                break
            self.output.append(line)
            cert = CERT.search(line)
            if cert:
                self.tls_cert = cert.group(1)
            m = READY.search(line)
            if m:
                self.endpoint = m.group(1)
                self.port = int(self.endpoint.rsplit(":", 1)[1])
                # The generated certificate names localhost, 127.0.0.1 and ::1.
                self.tls_endpoint = "https://localhost:%d" % self.port
                self._drain(self.proc.stdout, self.output)
                self._drain(self.proc.stderr, self._err)
                return
        self.proc.kill()
        raise RuntimeError("kinesisd did not start: %r %s" % ("".join(self.output),
                                                              self.proc.stderr.read()))

    @staticmethod
    def _drain(pipe, sink):
        def pump():
            with pipe:
                for line in pipe:
                    sink.append(line)
        threading.Thread(target=pump, daemon=True).start()

    def log(self):
        return "".join(self.output) + "".join(self._err)

    def stop(self):
        # A sanitizer build's report (ThreadSanitizer halts at the first) fails
        # the test, whenever it came.
        if "WARNING: ThreadSanitizer" in self.log() or "ERROR: AddressSanitizer" in self.log():
            if self.proc.poll() is None:
                self.proc.kill()
            raise AssertionError("a sanitizer reported: %s" % self.log())
        if self.proc.poll() is not None:
            return self.proc.returncode
        self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise AssertionError("kinesisd did not stop within 2 s of SIGTERM")
        if code != 0:
            raise AssertionError("kinesisd exited %d: %s" % (code, self.log()))
        return code

    def kill(self):
        """SIGKILL: no chance to flush or clean up, as a crash."""
        self.proc.kill()
        self.proc.wait(timeout=5)

    def rss_kib(self):
        with open("/proc/%d/status" % self.proc.pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def alive(self):
        return self.proc.poll() is None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def boto3_client(server, service="kinesis", config=None, tls=False, **kwargs):
    """A client with no retries; tls=True talks https to the same port and
    trusts the certificate the server generated."""
    import boto3
    from botocore.config import Config
    for k, v in CLIENT_ENV.items():
        os.environ.setdefault(k, v)
    # total_max_attempts counts the first call: 1 means no retries at all
    # (botocore's "max_attempts" counts retries, and it retries
    # LimitExceededException, which tests assert on).
    no_retries = Config(retries={"total_max_attempts": 1, "mode": "standard"})
    if tls:
        kwargs.setdefault("verify", server.tls_cert)
    kwargs.setdefault("aws_access_key_id", CLIENT_ENV["AWS_ACCESS_KEY_ID"])
    kwargs.setdefault("aws_secret_access_key", CLIENT_ENV["AWS_SECRET_ACCESS_KEY"])
    return boto3.client(service, endpoint_url=server.tls_endpoint if tls else server.endpoint,
                        region_name="us-east-1",
                        config=no_retries.merge(config) if config else no_retries, **kwargs)


class ServerCase:
    """A test case mixin: a temporary directory (self.tmp) with a log file in
    it (self.log, named by LOG_NAME), and self.server, stopped afterwards if a
    test started one. Set TMP_PREFIX and LOG_NAME in the subclass."""
    TMP_PREFIX = "kinesisd-"
    LOG_NAME = "processed.log"

    def setUp(self):
        import tempfile
        self.tmp = tempfile.mkdtemp(prefix=self.TMP_PREFIX)
        self.log = os.path.join(self.tmp, self.LOG_NAME)
        self.server = None

    def tearDown(self):
        import shutil
        if self.server:
            self.server.stop()
        shutil.rmtree(self.tmp, ignore_errors=True)


def wait_until(predicate, timeout=20, what="condition"):
    """predicate()'s first true value, polled every 20 ms, or AssertionError."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError("timed out waiting for " + what)


def settle(server, flush=False, timeout_ms=30000):
    """POST /_kinesisd/wait (flush: /_kinesisd/flush): returns once every
    record put so far is handled by the mappings and delivered by the
    delivery streams, or AssertionError with what is still pending."""
    import json
    import urllib.error
    import urllib.request
    req = urllib.request.Request(
        server.endpoint + ("/_kinesisd/flush" if flush else "/_kinesisd/wait"), method="POST",
        data=json.dumps({"timeout_ms": timeout_ms}).encode(),
        headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout_ms / 1000 + 10) as r:
            return json.loads(r.read())
    except urllib.error.HTTPError as e:
        raise AssertionError("not settled: %s" % e.read().decode()) from None


def control(server, what, body=None, content_type="application/json"):
    """POST /_kinesisd/WHAT: (status, the JSON answer)."""
    import json
    import urllib.error
    import urllib.request
    req = urllib.request.Request(server.endpoint + "/_kinesisd/" + what, method="POST",
                                 data=json.dumps(body).encode() if body is not None else None,
                                 headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")


def advance_clock(server, ms):
    """Moves a --test-clock server's time forward; its time after the move."""
    status, answer = control(server, "clock", {"advance_ms": ms})
    if status != 200:
        raise AssertionError("/_kinesisd/clock: %s %s" % (status, answer))
    return answer["now_ms"]


class NodeDriver:
    """A js/ driver script (Chromium through playwright-core) that takes one
    JSON command per line and answers one: driver("op", **args) is the
    answer's value, or AssertionError with the driver's error."""

    def __init__(self, script, *args):
        here = pathlib.Path(__file__).resolve().parent / "js"
        self.proc = subprocess.Popen(["node", str(here / script), *args], cwd=str(here),
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                     bufsize=1)

    def __call__(self, op, **args):
        import json
        self.proc.stdin.write(json.dumps(dict(args, op=op)) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise AssertionError("the browser driver exited (%s)" % self.proc.wait())
        answer = json.loads(line)
        if not answer["ok"]:
            raise AssertionError("%s %s: %s" % (op, args, answer["error"]))
        return answer["value"]

    def close(self):
        try:
            self("close")
        except AssertionError:
            pass
        self.proc.wait(timeout=10)


def run_node(server, name, script, timeout=60):
    """Runs a JS SDK v3 script (ES module source) from tests/integration/js,
    where the SDK is installed, with KINESISD_ENDPOINT set; the finished
    process (stdout, stderr, returncode). The script file is removed after."""
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "js")
    path = os.path.join(here, name + ".mjs")
    with open(path, "w") as f:
        f.write(script)
    try:
        return subprocess.run(["node", path], cwd=here, capture_output=True, text=True,
                              timeout=timeout, env=dict(os.environ, KINESISD_ENDPOINT=server.endpoint))
    finally:
        os.remove(path)
