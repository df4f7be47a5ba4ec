"""A portal served by gunicorn on a loopback port, from a data directory of its own."""

from __future__ import annotations

import json
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from tests.operations.processes import ROOT, manage, portal_env

SECRET_KEY = "reliability-tests-only-" + "k" * 40
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


def deployment_env(data_dir, **overrides) -> dict:
    return portal_env(data_dir, PORTAL_SECRET_KEY=SECRET_KEY, **overrides)


def prepare_demo(data_dir: Path, env: dict | None = None) -> None:
    """What `make run` sets up: the court directory, both demo reports published, the index."""
    env = env or deployment_env(data_dir)
    for command in (["migrate", "--noinput"], ["load_courts"], ["load_demo"], ["build_index"]):
        manage(*command, env=env, timeout=300, check=True)


def copy_data_dir(source: Path, target: Path) -> Path:
    # The index path is a relative symbolic link to its generation: copied as a link.
    shutil.copytree(source, target, symlinks=True, ignore=shutil.ignore_patterns("cache"))
    return target


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, timeout: float = 30) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def get_json(url: str):
    status, _, body = get(url)
    assert status == 200, (url, status, body[:300])
    return json.loads(body)


@contextmanager
def gunicorn(data_dir: Path, workers: int = 1, env: dict | None = None, threads: int = 1):
    """Serve the portal; yields its base URL. Stops the server (by its pid) afterwards."""
    port = free_port()
    env = env or deployment_env(data_dir)
    log = open(Path(data_dir) / f"gunicorn-{port}.log", "w")  # noqa: SIM115
    process = subprocess.Popen(
        [GUNICORN, "portal.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--threads", str(threads), "--timeout", "60"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {(Path(log.name)).read_text()[-2000:]}")
            try:
                if get(f"{base}/api/suggest?q=", timeout=5)[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not answer within 90 s")
            time.sleep(0.3)
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
