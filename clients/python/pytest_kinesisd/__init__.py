"""Start kinesisd for tests and wait for it, instead of sleeping.

    from pytest_kinesisd import Kinesisd
    with Kinesisd(args=["--streams", "orders:2"]) as k:
        k.client("kinesis").put_record(StreamName="orders", Data=b"{}", PartitionKey="a")
        k.wait()      # every mapping and delivery stream has settled what was put
        k.flush()     # Firehose buffers delivered now, then wait()
        k.reset()     # back to a fresh start: only --streams / --config remain

The binary is `binary`, else $KINESISD_BIN, else ./build/kinesisd, else
`kinesisd` on PATH. With `image` (or $KINESISD_IMAGE) the container image runs
instead, with podman or docker ($KINESISD_CONTAINER_RUNTIME) on the host's
network.
"""
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

__all__ = ["Kinesisd", "KinesisdError", "NotIdle"]


class KinesisdError(RuntimeError):
    """kinesisd did not start, or answered a control call with an error."""


class NotIdle(KinesisdError):
    """wait()/flush() timed out; .pending says per mapping and delivery stream what is left."""

    def __init__(self, answer):
        super().__init__("kinesisd is not idle after %s ms: %s"
                         % (answer.get("waited_ms"), json.dumps(answer.get("pending"))))
        self.pending = answer.get("pending")


def _find_binary(binary):
    for candidate in (binary, os.environ.get("KINESISD_BIN"), os.path.join("build", "kinesisd")):
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return os.path.abspath(candidate)
    found = shutil.which("kinesisd")
    if found:
        return found
    raise KinesisdError("no kinesisd binary: pass binary=, set KINESISD_BIN, run from the "
                        "repository after ./scripts/setup, or put kinesisd on PATH")


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Kinesisd:
    def __init__(self, args=(), binary=None, image=None, region="us-east-1",
                 ready_timeout=20.0):
        self.args = list(args)
        self.binary = binary
        self.image = image or os.environ.get("KINESISD_IMAGE")
        self.region = region
        self.ready_timeout = ready_timeout
        self.endpoint = None
        self._process = None
        self._container = None
        self._tmp = None

    # -- lifecycle ---------------------------------------------------------
    def start(self):
        if self.image:
            self._start_container()
        else:
            self._start_binary()
        return self

    def _start_binary(self):
        self._tmp = tempfile.mkdtemp(prefix="kinesisd-pytest-")
        port_file = os.path.join(self._tmp, "port")
        log = open(os.path.join(self._tmp, "kinesisd.log"), "wb")
        self._process = subprocess.Popen(
            [_find_binary(self.binary), "--port", "0", "--port-file", port_file,
             "--region", self.region] + self.args,
            stdout=log, stderr=subprocess.STDOUT)
        log.close()
        deadline = time.monotonic() + self.ready_timeout
        while not os.path.exists(port_file):
            if self._process.poll() is not None:
                raise KinesisdError("kinesisd exited with %d: %s"
                                    % (self._process.returncode, self.log()))
            if time.monotonic() > deadline:
                self.stop()
                raise KinesisdError("kinesisd did not start in %ss" % self.ready_timeout)
            time.sleep(0.005)
        with open(port_file) as f:
            self.endpoint = "http://127.0.0.1:%d" % int(f.read())

    def _start_container(self):
        runtime = os.environ.get("KINESISD_CONTAINER_RUNTIME") or shutil.which("podman") \
            or shutil.which("docker")
        if not runtime:
            raise KinesisdError("KINESISD_IMAGE is set but neither podman nor docker is on PATH")
        port = _free_port()
        self._container = subprocess.run(
            [runtime, "run", "--rm", "-d", "--network", "host", self.image, "--port", str(port),
             "--region", self.region] + self.args,
            check=True, capture_output=True, text=True).stdout.strip()
        self._runtime = runtime
        self.endpoint = "http://127.0.0.1:%d" % port
        deadline = time.monotonic() + self.ready_timeout
        while True:
            try:
                with urllib.request.urlopen(self.endpoint + "/health", timeout=1):
                    return
            except OSError:
                if time.monotonic() > deadline:
                    self.stop()
                    raise KinesisdError("the kinesisd container did not answer in %ss"
                                        % self.ready_timeout)
                time.sleep(0.05)

    def log(self):
        """What kinesisd wrote so far (binary mode)."""
        if not self._tmp:
            return ""
        with open(os.path.join(self._tmp, "kinesisd.log"), "rb") as f:
            return f.read().decode(errors="replace")

    def stop(self):
        if self._process and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        if self._container:
            subprocess.run([self._runtime, "stop", "-t", "2", self._container],
                           capture_output=True)
            self._container = None
        if self._tmp:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # -- clients -----------------------------------------------------------
    def client(self, service, **kwargs):
        """A boto3 client of kinesisd: "kinesis", "firehose" or "lambda"."""
        import boto3
        kwargs.setdefault("region_name", self.region)
        kwargs.setdefault("aws_access_key_id", "test")
        kwargs.setdefault("aws_secret_access_key", "test")
        return boto3.client(service, endpoint_url=self.endpoint, **kwargs)

    # -- control API ---------------------------------------------------------
    def _post(self, what, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.endpoint + "/_kinesisd/" + what, data=data,
                                         method="POST",
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=960) as r:
                return json.loads(r.read())
        except urllib.error.HTTPError as e:
            answer = json.loads(e.read() or b"{}")
            if e.code == 408:
                raise NotIdle(answer) from None
            raise KinesisdError("/_kinesisd/%s: HTTP %d %s" % (what, e.code, answer)) from None

    def wait(self, timeout_ms=30000):
        """Returns once everything put so far is settled; raises NotIdle on timeout."""
        return self._post("wait", {"timeout_ms": timeout_ms})

    def flush(self, timeout_ms=30000):
        """Firehose buffers delivered now, whatever their BufferingHints; then wait()."""
        return self._post("flush", {"timeout_ms": timeout_ms})

    def reset(self):
        """Back to a fresh start: only what --streams and --config declare remains."""
        return self._post("reset")
