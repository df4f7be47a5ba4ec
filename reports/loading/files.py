"""Files → reports: one file becomes one entry of the `ingest --json` contract.

Used by the ingest and load_demo commands and by the search evaluation; never raises for a bad file.
"""

import logging
import re
from pathlib import Path

from django.conf import settings

from reports.ingest.decode import describe_size
from reports.ingest.types import IngestError
from reports.loading.load import load_report, parse_upload

logger = logging.getLogger(__name__)

STATUS_LABELS = {"created": "新建", "updated": "更新", "duplicate": "重复", "error": "失败"}


# Files that describe a folder rather than belong to it: a README of a folder of reports
# names courts, and would otherwise be ingested (and published) as a report of one of them.
NOT_REPORTS = re.compile(r"^(readme|licen[cs]e|copying|changelog)(\.|$)", re.IGNORECASE)


def expand_paths(paths) -> tuple[list[Path], list[Path]]:
    """Files as given; a folder becomes its files, sorted by name, hidden ones and its
    README/LICENSE skipped. Returns (files, skipped)."""
    files, skipped = [], []
    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            files.append(path)
            continue
        for child in sorted(p for p in path.iterdir() if p.is_file()):
            if child.name.startswith("."):
                continue
            (skipped if NOT_REPORTS.match(child.name) else files).append(child)
    return files, skipped


def ingest_file(path: Path, *, court=None, year=None, publish=False) -> dict:
    """One file → one entry of the --json contract (never raises for a bad file)."""
    try:
        size = path.stat().st_size
        limit = settings.PORTAL_MAX_UPLOAD_BYTES
        if size > limit:
            raise IngestError(
                f"文件过大（{describe_size(size)}，上限 {describe_size(limit)}）",
                "file over PORTAL_MAX_UPLOAD_BYTES",
            )
        data = path.read_bytes()
        parsed = parse_upload(data, path.name, court, year)
        result = load_report(
            parsed, original=(data, path.name), publish=publish, court=court, year=year
        )
    except IngestError as error:
        return error_entry(path, error.message)
    except OSError as error:
        return error_entry(path, f"无法读取文件：{error.strerror or error}")
    except Exception as error:  # one bad file must not stop a batch; the traceback is logged
        logger.exception("ingest failed for %s", path)
        return error_entry(path, f"内部错误：{error}")
    return report_entry(path, result.status, result.report)


def report_entry(path, status, report) -> dict:
    return {
        "path": str(path),
        "status": status,
        "report_id": report.pk,
        "court": report.court.name if report.court else None,
        "year": report.year,
        "title": report.title,
        "sections": report.sections.count(),
        "metrics": report.metrics.count(),
        "initiatives": report.initiatives.count(),
        "warnings": list(report.warnings),
        "error": None,
    }


def error_entry(path, message) -> dict:
    return {
        "path": str(path),
        "status": "error",
        "report_id": None,
        "court": None,
        "year": None,
        "title": None,
        "sections": 0,
        "metrics": 0,
        "initiatives": 0,
        "warnings": [],
        "error": message,
    }


def summary(results) -> str:
    """ "新建 2，更新 0，重复 1，失败 0" """
    return "，".join(
        f"{label} {sum(1 for e in results if e['status'] == status)}"
        for status, label in STATUS_LABELS.items()
    )
