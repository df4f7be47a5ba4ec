"""Uploads waiting for an editor's decision, kept under MEDIA_ROOT/staging/<sha256>/.

The upload page parses a file for the preview and stages it; saving parses the staged bytes
again, so nothing the browser sends back can change what is written. The key is the SHA-256
of the bytes and is checked on reading.
"""

import hashlib
import re
import shutil
import time
from pathlib import Path

from django.conf import settings

STAGING = "staging"
STAGING_MAX_AGE = 24 * 3600  # previews nobody saved are dropped after a day


def staging_dir(key: str) -> Path:
    return Path(settings.MEDIA_ROOT) / STAGING / key


def stage(content: bytes, filename: str) -> str:
    """Keep an upload until the editor saves it; returns its key (the SHA-256 of the bytes)."""
    prune_staging()
    key = hashlib.sha256(content).hexdigest()
    folder = staging_dir(key)
    folder.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[\\/\x00]", "_", Path(filename).name)[:200] or "report.txt"
    for old in folder.iterdir():
        old.unlink()
    (folder / name).write_bytes(content)
    return key


def staged(key: str) -> tuple[bytes, str] | None:
    folder = staging_dir(key)
    files = sorted(folder.iterdir()) if folder.is_dir() else []
    if not files:
        return None
    content = files[0].read_bytes()
    if hashlib.sha256(content).hexdigest() != key:
        return None
    return content, files[0].name


def unstage(key: str):
    shutil.rmtree(staging_dir(key), ignore_errors=True)


def prune_staging():
    """Previews nobody saved are dropped after a day."""
    root = Path(settings.MEDIA_ROOT) / STAGING
    if not root.is_dir():
        return
    for folder in root.iterdir():
        if time.time() - folder.stat().st_mtime > STAGING_MAX_AGE:
            shutil.rmtree(folder, ignore_errors=True)
