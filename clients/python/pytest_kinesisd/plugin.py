"""The pytest plugin: a session-scoped kinesisd, reset before each test.

Fixtures:
  kinesisd         the server, reset() before the test (ini kinesisd_reset = false: not)
  kinesisd_server  the same server, never reset (for session- or module-scoped fixtures)

ini options (pytest.ini, pyproject.toml [tool.pytest.ini_options], setup.cfg):
  kinesisd_args    flags for kinesisd, e.g. --streams orders:2 --config kinesisd.json
  kinesisd_bin     the binary (else $KINESISD_BIN, ./build/kinesisd, PATH)
  kinesisd_image   a container image to run instead (else $KINESISD_IMAGE)
"""
import pytest

from pytest_kinesisd import Kinesisd


def pytest_addoption(parser):
    parser.addini("kinesisd_args", "flags kinesisd starts with", type="args", default=[])
    parser.addini("kinesisd_bin", "the kinesisd binary", default="")
    parser.addini("kinesisd_image", "a kinesisd container image to run instead", default="")
    parser.addini("kinesisd_reset", "reset kinesisd before each test", type="bool", default=True)


@pytest.fixture(scope="session")
def kinesisd_server(pytestconfig):
    server = Kinesisd(args=pytestconfig.getini("kinesisd_args"),
                      binary=pytestconfig.getini("kinesisd_bin") or None,
                      image=pytestconfig.getini("kinesisd_image") or None)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def kinesisd(kinesisd_server, pytestconfig):
    if pytestconfig.getini("kinesisd_reset"):
        kinesisd_server.reset()
    return kinesisd_server
