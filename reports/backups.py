"""Backing the portal up into one file, and restoring it into an empty data directory.

A backup is a ``.tar.gz`` with:

- ``database.json`` — every row that is not derived or transient, as Django's serializer
  writes it (``dumpdata``): courts, reports with their sections, figures and initiatives, the
  editors' corrections and the history of every change, editor accounts (password hashes: keep
  backups private), the admin's log. The format does not depend on the database engine: a
  SQLite backup restores into PostgreSQL and the reverse.
- ``uploads/`` — the original files of the reports (``MEDIA_ROOT``, without previews waiting
  for a decision).
- ``manifest.json`` — when, what, and how many rows of each model, checked after restoring.

Left out, because they are rebuilt or expire: the search index (``build_index`` after the
restore), content types and permissions (made by ``migrate``), sessions, login lockouts,
the queue of uploads being parsed, the shared cache.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import tarfile
import tempfile
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import transaction

from reports.staging import STAGING

FORMAT = 1
DATABASE = "database.json"
MANIFEST = "manifest.json"
UPLOADS = "uploads"
EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "axes",
    "reports.ingestjob",
]


class BackupError(Exception):
    pass


def model_counts() -> dict[str, int]:
    excluded_apps = {e for e in EXCLUDED if "." not in e}
    excluded_models = {e for e in EXCLUDED if "." in e}
    counts = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.app_label in excluded_apps or label in excluded_models:
            continue
        if model._meta.proxy or not model._meta.managed:
            continue
        counts[label] = model._default_manager.count()
    return counts


def write_backup(target: Path) -> dict:
    """Write the backup to ``target`` (a .tar.gz); returns its manifest."""
    target = Path(target)
    with tempfile.TemporaryDirectory(prefix="portal-backup-") as tmp:
        dump = Path(tmp) / DATABASE
        # One transaction: rows and counts are one consistent snapshot while editors save.
        with transaction.atomic():
            call_command(
                "dumpdata",
                exclude=EXCLUDED,
                natural_foreign=True,
                indent=None,
                output=str(dump),
                verbosity=0,
            )
            counts = model_counts()
        uploads = Path(settings.MEDIA_ROOT)
        files = [
            p
            for p in sorted(uploads.rglob("*"))
            if p.is_file() and p.relative_to(uploads).parts[0] != STAGING
        ] if uploads.is_dir() else []  # fmt: skip
        manifest = {
            "format": FORMAT,
            "written": datetime.now(UTC).isoformat(timespec="seconds"),
            "rows": counts,
            "files": len(files),
        }
        partial = target.with_name(target.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            add_bytes(archive, MANIFEST, json.dumps(manifest, indent=1).encode())
            archive.add(dump, DATABASE)
            for path in files:
                archive.add(path, f"{UPLOADS}/{path.relative_to(uploads).as_posix()}")
        os.replace(partial, target)  # never a half-written backup under the final name
    return manifest


def add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.now(UTC).timestamp())
    archive.addfile(info, io.BytesIO(data))


def restore_backup(source: Path, rebuild_index: bool = True) -> dict:
    """Restore into this (empty) data directory: migrate, load the rows, put the files back,
    build the index. Refuses a database that already holds reports."""
    from reports.models import Report

    call_command("migrate", interactive=False, verbosity=0)
    if Report.objects.exists():
        raise BackupError(
            "数据库中已有报告，只能恢复到空的数据目录 (the database already holds reports: "
            "restore into an empty PORTAL_DATA_DIR / database)"
        )
    with tempfile.TemporaryDirectory(prefix="portal-restore-") as tmp:
        with tarfile.open(source, "r:gz") as archive:
            archive.extractall(tmp, filter="data")
        manifest = json.loads((Path(tmp) / MANIFEST).read_text(encoding="utf-8"))
        if manifest.get("format") != FORMAT:
            raise BackupError(f"unknown backup format {manifest.get('format')!r}")
        with transaction.atomic():
            call_command("loaddata", str(Path(tmp) / DATABASE), verbosity=0)
            restored = model_counts()
            differing = {
                label: (count, restored.get(label, 0))
                for label, count in manifest["rows"].items()
                if restored.get(label, 0) != count
            }
            if differing:
                raise BackupError(f"rows differ after loading (backup, restored): {differing}")
        uploads = Path(tmp) / UPLOADS
        if uploads.is_dir():
            shutil.copytree(uploads, settings.MEDIA_ROOT, dirs_exist_ok=True)
    reset_sequences()
    if rebuild_index:
        from reports.search.content_cache import content_changed
        from reports.search.indexing import build_index

        build_index()
        content_changed()
    return manifest


def reset_sequences() -> None:
    """PostgreSQL's id sequences after loading rows with their ids (SQLite needs nothing)."""
    from django.core.management.color import no_style
    from django.db import connection

    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def summary(manifest: dict) -> str:
    rows = Counter(manifest["rows"])
    return (
        f"{rows['reports.report']} reports, {rows['reports.section']} sections, "
        f"{rows['reports.metric']} figures, {rows['reports.initiative']} initiatives, "
        f"{sum(v for k, v in rows.items() if '.historical' in k)} history rows, "
        f"{manifest['files']} files"
    )
