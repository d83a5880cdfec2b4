"""moto's server (moto_server, on the machine image) as the local S3, SQS and
SNS the examples deliver into: started on a free loopback port, answered
before it is returned, stopped by the caller."""
import shutil
import socket
import subprocess
import sys
import time
import urllib.request


def start_moto():
    """(process, URL) of a moto_server that answers; exits when none is installed."""
    if not shutil.which("moto_server"):
        sys.exit("this example needs moto_server")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = "http://127.0.0.1:%d" % port
    proc = subprocess.Popen(["moto_server", "-H", "127.0.0.1", "-p", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/moto-api/", timeout=1)
            return proc, url
        except OSError:
            time.sleep(0.1)
    proc.kill()
    sys.exit("moto_server did not answer")
