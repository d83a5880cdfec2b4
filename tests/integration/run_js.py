"""Runs the JavaScript SDK v3 tests (node --test) against a fresh kinesisd."""
import os
import pathlib
import subprocess
import sys

import harness

here = pathlib.Path(__file__).resolve().parent / "js"
if not (here / "node_modules" / "@aws-sdk" / "client-kinesis").is_dir():
    sys.exit("tests/integration/js/node_modules is missing: run scripts/test (it runs npm ci)")
with harness.Server() as server:
    env = dict(os.environ, KINESISD_ENDPOINT=server.endpoint)
    code = subprocess.run(["node", "--test", "sdk_v3_test.mjs"], cwd=here, env=env).returncode
sys.exit(code)
