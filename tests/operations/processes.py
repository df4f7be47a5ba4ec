"""Running the portal's own commands in child processes, with a chosen environment."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def portal_env(data_dir, **overrides) -> dict:
    """The environment of a fresh deployment: no inherited PORTAL_* or DATABASE_URL unless
    given (a developer's shell must not change what the test sees; a deployment made here
    keeps its SQLite database in ``data_dir``, also when the suite runs on PostgreSQL)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PORTAL_")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DATABASE_URL", None)
    env["PORTAL_DATA_DIR"] = str(data_dir)
    env.update({k: str(v) for k, v in overrides.items() if v is not None})
    for k, v in overrides.items():
        if v is None:
            env.pop(k, None)
    return env


def manage(*args, env, timeout=120, check=False):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=check,
    )
