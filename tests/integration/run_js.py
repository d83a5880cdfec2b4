"""Runs the JavaScript SDK v3 tests (node --test) against a fresh kinesisd:
sdk_v3_test.mjs over HTTP/1.1, sdk_v3_http2_test.mjs with the SDK's default
HTTP/2 transport in clear and over TLS (trusting kinesisd's generated
certificate through NODE_EXTRA_CA_CERTS). Twice: in memory, and with a data
directory in fsync durability, where every put's answer waits for its group
fsync on every transport."""
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

import harness

here = pathlib.Path(__file__).resolve().parent / "js"
if not (here / "node_modules" / "@aws-sdk" / "client-kinesis").is_dir():
    sys.exit("tests/integration/js/node_modules is missing: run scripts/test (it runs npm ci)")
data = tempfile.mkdtemp(prefix="kinesisd-js-")
lake = tempfile.mkdtemp(prefix="kinesisd-js-lake-")  # where channels write
try:
    for args in (["--s3-dir", lake], ["--data-dir", data, "--durability", "fsync",
                                      "--s3-dir", lake]):
        print("== kinesisd %s" % " ".join(args), flush=True)
        with harness.Server(*args) as server:
            if not server.tls_cert:
                sys.exit("kinesisd did not log the certificate it generated")
            env = dict(os.environ, KINESISD_ENDPOINT=server.endpoint,
                       KINESISD_TLS_ENDPOINT=server.tls_endpoint,
                       NODE_EXTRA_CA_CERTS=server.tls_cert, NODE_NO_WARNINGS="1")
            code = subprocess.run(["node", "--test", "sdk_v3_test.mjs", "sdk_v3_http2_test.mjs"],
                                  cwd=here, env=env).returncode
        if code:
            sys.exit(code)
finally:
    shutil.rmtree(data, ignore_errors=True)
    shutil.rmtree(lake, ignore_errors=True)
