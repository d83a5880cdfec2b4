"""clients/node: the ESM helper's example (node --test) runs against
build/kinesisd with the JavaScript SDK v3 (the suite's node_modules, which
scripts/test installs with npm ci)."""
import os
import pathlib
import shutil
import subprocess
import tempfile
import unittest

import harness

REPO = pathlib.Path(__file__).resolve().parents[2]
MODULES = REPO / "tests/integration/js/node_modules"


class NodeHelper(unittest.TestCase):
    def test_the_example_passes(self):
        self.assertTrue((MODULES / "@aws-sdk/client-kinesis").is_dir(),
                        "tests/integration/js/node_modules is missing: run scripts/test")
        tmp = pathlib.Path(tempfile.mkdtemp(prefix="kinesisd-node-helper-"))
        try:
            for name in ("kinesisd.mjs", "example.test.mjs"):
                shutil.copy(REPO / "clients/node" / name, tmp / name)
            (tmp / "node_modules").symlink_to(MODULES)
            r = subprocess.run(["node", "--test", "example.test.mjs"], cwd=str(tmp),
                               capture_output=True, text=True, timeout=120,
                               env=dict(os.environ, KINESISD_BIN=harness.binary(),
                                        NODE_NO_WARNINGS="1"))
            self.assertEqual(r.returncode, 0, r.stdout[-3000:] + r.stderr[-3000:])
            self.assertIn("# pass 3", r.stdout)
            self.assertIn("# fail 0", r.stdout)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
