"""clients/python, the pytest plugin: installed offline into a fresh
virtual environment of Debian's /usr/bin/python3 (its python3-pytest and
python3-boto3 seen through --system-site-packages, as a user's own pytest
and boto3 would be), it runs the sample test file against build/kinesisd."""
import os
import pathlib
import shutil
import subprocess
import tempfile
import unittest

import harness

REPO = pathlib.Path(__file__).resolve().parents[2]
PYTHON = "/usr/bin/python3"


class PytestPlugin(unittest.TestCase):
    def setUp(self):
        self.tmp = pathlib.Path(tempfile.mkdtemp(prefix="kinesisd-pytest-plugin-"))

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def run_ok(self, *cmd, **kwargs):
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=300, **kwargs)
        self.assertEqual(r.returncode, 0, r.stdout[-3000:] + r.stderr[-3000:])
        return r.stdout

    def test_the_sample_tests_pass_with_the_plugin_installed_offline(self):
        probe = subprocess.run([PYTHON, "-c", "import pytest, boto3"], capture_output=True)
        self.assertEqual(probe.returncode, 0,
                         "Debian's python3-pytest and python3-boto3 are missing: "
                         "scripts/deps --test installs them")
        venv = self.tmp / "venv"
        self.run_ok(PYTHON, "-m", "venv", "--system-site-packages", str(venv))
        # A copy: the build writes build/ and *.egg-info beside the sources.
        package = self.tmp / "package"
        shutil.copytree(REPO / "clients/python", package,
                        ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
        self.run_ok(str(venv / "bin/python"), "-m", "pip", "install", "--quiet", "--no-index",
                    "--no-build-isolation", str(package))
        examples = self.tmp / "examples"
        shutil.copytree(REPO / "clients/python/examples", examples)
        out = self.run_ok(str(venv / "bin/python"), "-m", "pytest", "-q", "-p",
                          "no:cacheprovider", cwd=str(examples),
                          env=dict(os.environ, KINESISD_BIN=harness.binary()))
        self.assertIn("2 passed", out)
        # The plugin came from the installed package, not from the repository.
        listed = self.run_ok(str(venv / "bin/python"), "-m", "pip", "show", "pytest-kinesisd")
        self.assertIn("Location: " + str(venv), listed)


if __name__ == "__main__":
    unittest.main()
