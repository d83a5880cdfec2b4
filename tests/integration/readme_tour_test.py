"""The README's tour, run as written and in order: its shell block with the
AWS CLI, its Python snippet with boto3, its Node.js snippet as tour.mjs
beside the JavaScript SDK v3, the console it points at, and its last
command. The only change is the port (a free one instead of 4567). And the
config example docs/consumers.md shows is config/kinesisd.json, verbatim."""
import os
import pathlib
import re
import shutil
import subprocess
import tempfile
import unittest
import urllib.request

import harness

REPO = pathlib.Path(__file__).resolve().parents[2]
MODULES = REPO / "tests/integration/js/node_modules"


def section(markdown, title):
    start = markdown.index("## " + title)
    end = markdown.find("\n## ", start + 1)
    return markdown[start:end if end >= 0 else None]


def blocks(text):
    """(language, code) of each fenced block, in order."""
    return re.findall(r"```(\w*)\n(.*?)```", text, flags=re.S)


class ReadmeTour(unittest.TestCase):
    def test_the_tour_runs_as_written(self):
        tour = section((REPO / "README.md").read_text(), "A 30-second tour")
        with harness.Server() as server:
            here = "127.0.0.1:%d" % server.port
            code = [(lang, text.replace("127.0.0.1:4567", here)) for lang, text in blocks(tour)]
            self.assertEqual([lang for lang, _ in code], ["sh", "python", "js"])
            tmp = pathlib.Path(tempfile.mkdtemp(prefix="kinesisd-tour-"))
            try:
                # No credentials of the test's own: the tour sets what it needs.
                env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
                shell = code[0][1]
                r = subprocess.run(["bash", "-euo", "pipefail", "-c", shell], env=env, cwd=tmp,
                                   capture_output=True, text=True, timeout=120)
                self.assertEqual(r.returncode, 0, r.stdout[-2000:] + r.stderr[-2000:])
                # What the text under the block promises CLI v1 shows for `--data hello`.
                self.assertIn('"aGVsbG8="', r.stdout)
                self.assertIn('"OpenShardCount": 2', r.stdout)

                r = subprocess.run(["python3", "-c", code[1][1]], env=env, capture_output=True,
                                   text=True, timeout=60)
                self.assertEqual(r.returncode, 0, r.stderr[-2000:])

                (tmp / "tour.mjs").write_text(code[2][1])
                (tmp / "node_modules").symlink_to(MODULES)
                r = subprocess.run(["node", "tour.mjs"], cwd=tmp, env=env, capture_output=True,
                                   text=True, timeout=60)
                self.assertEqual(r.returncode, 0, r.stderr[-2000:])
                self.assertIn("StreamNames: [ 'ctr' ]", r.stdout)

                console = re.search(r"Open `(http://[^`]+/console/)`", tour).group(1)
                with urllib.request.urlopen(console.replace("127.0.0.1:4567", here)) as page:
                    self.assertEqual(page.status, 200)

                done = re.search(r"Done\? `([^`]+)`", tour).group(1)
                setup = "\n".join(line for line in shell.splitlines()
                                  if line.startswith(("export ", "K=")))
                r = subprocess.run(["bash", "-euo", "pipefail", "-c", setup + "\n" + done +
                                    "\n$K wait stream-not-exists --stream-name ctr"],
                                   env=env, capture_output=True, text=True, timeout=120)
                self.assertEqual(r.returncode, 0, r.stderr[-2000:])
            finally:
                shutil.rmtree(tmp, ignore_errors=True)

    def test_the_config_example_is_the_file(self):
        consumers = (REPO / "docs/consumers.md").read_text()
        shown = [text for lang, text in blocks(consumers) if lang == "json"][0]
        self.assertEqual(shown, (REPO / "config/kinesisd.json").read_text())


if __name__ == "__main__":
    unittest.main()
