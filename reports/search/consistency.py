"""Does the search index hold exactly the published sections, as they are now?

``compare()`` reads every stored document of the current index generation and every
published section of the database, and sorts the differences: a published section *missing*
from the index, one indexed *stale* (a stored field — body, heading, court, year, title … —
no longer what the database says), and documents of a *draft* or a *deleted* report (or
section) still indexed. ``repair()`` re-syncs just the reports concerned, through the same
path as a save (``indexing.sync_report``), without a rebuild.

Each document is compared through a hash of its stored fields, so the index's bodies are
never held in memory together. Index and database are read one after the other while editors
keep saving: a difference is only reported if it is still there when the reports concerned
are read again a moment later (``settle`` seconds), after their pending index writes.
"""

from __future__ import annotations

import hashlib
import pickle
import time
from collections import defaultdict
from dataclasses import dataclass, field

from haystack.constants import DJANGO_CT, DJANGO_ID, ID
from whoosh.filedb.filestore import FileStorage

from reports.models import Section
from reports.search.indexing import get_backend, section_index, sync_report

SECTION_CT = "reports.section"
BATCH = 500


@dataclass
class IndexDifference:
    missing: set[int] = field(default_factory=set)  # published sections not indexed
    stale: set[int] = field(default_factory=set)  # indexed, but not as they are now
    draft: set[int] = field(default_factory=set)  # sections of draft reports, indexed
    deleted: set[int] = field(default_factory=set)  # sections no longer in the database
    duplicated: set[int] = field(default_factory=set)  # indexed more than once
    unowned: set[int] = field(default_factory=set)  # indexed with no report id stored
    reports: set[int] = field(default_factory=set)  # the reports to re-sync
    indexed: int = 0
    published: int = 0

    def __bool__(self) -> bool:
        return bool(self.missing or self.stale or self.draft or self.deleted or self.duplicated)

    def lines(self, show: int = 10) -> list[str]:
        """What differs, for people: ``已发布但未索引 2 个章节 (missing): 31, 32``."""
        labels = [
            ("missing", "已发布但未索引", "published, not indexed"),
            ("stale", "索引内容已过期", "indexed, stale"),
            ("draft", "草稿报告的章节仍在索引中", "of a draft report, indexed"),
            ("deleted", "已删除的章节仍在索引中", "deleted, indexed"),
            ("duplicated", "重复索引", "indexed twice"),
        ]
        out = []
        for name, chinese, english in labels:
            ids = sorted(getattr(self, name))
            if ids:
                shown = ", ".join(map(str, ids[:show])) + (" …" if len(ids) > show else "")
                out.append(f"{chinese} {len(ids)} 个章节 ({english}): {shown}")
        return out


def stored_fingerprint(fields: dict, names) -> str:
    values = [(name, fields.get(name)) for name in names]
    return hashlib.sha256(pickle.dumps(values, protocol=4)).hexdigest()


def read_index(report_ids=None):
    """section id → [fingerprints], report id per section id, and the stored field names."""
    backend = get_backend()
    whoosh_index = FileStorage(backend.path).open_index()
    names = sorted(
        name
        for name, spec in whoosh_index.schema.items()
        if spec.stored and name not in (ID, DJANGO_CT, DJANGO_ID)
    )
    fingerprints: dict[int, list[str]] = defaultdict(list)
    report_of: dict[int, int | None] = {}
    with whoosh_index.reader() as reader:
        for fields in reader.all_stored_fields():
            if fields.get(DJANGO_CT) != SECTION_CT:
                continue
            report_id = _int(fields.get("report_id"))
            if report_ids is not None and report_id not in report_ids:
                continue
            section_id = _int(fields.get(DJANGO_ID))
            fingerprints[section_id].append(stored_fingerprint(fields, names))
            report_of[section_id] = report_id
    return fingerprints, report_of, names


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def compare(settle: float = 2.0, report_ids=None) -> IndexDifference:
    difference = _compare_once(report_ids)
    if difference and settle:
        # Saves committed while we read are being written: look at those reports again.
        time.sleep(settle)
        difference = _compare_once(difference.reports)
    return difference


def _compare_once(report_ids=None) -> IndexDifference:
    backend = get_backend()
    index = section_index()
    fingerprints, report_of, names = read_index(report_ids)
    diff = IndexDifference(indexed=sum(len(f) for f in fingerprints.values()))
    published = index.index_queryset().order_by("pk")
    if report_ids is not None:
        published = published.filter(report_id__in=report_ids)
    pks = list(published.values_list("pk", flat=True))
    diff.published = len(pks)
    seen = set()
    for first in range(0, len(pks), BATCH):
        for section in published.filter(pk__in=pks[first : first + BATCH]):
            seen.add(section.pk)
            found = fingerprints.get(section.pk)
            if not found:
                diff.missing.add(section.pk)
                diff.reports.add(section.report_id)
                continue
            doc = backend.document(index, section) or {}
            if len(found) > 1:
                diff.duplicated.add(section.pk)
                diff.reports.add(section.report_id)
            if found[0] != stored_fingerprint(doc, names):
                diff.stale.add(section.pk)
                diff.reports.add(section.report_id)
    extra = [pk for pk in fingerprints if pk not in seen]
    existing = dict(Section.objects.filter(pk__in=extra).values_list("pk", "report_id"))
    for pk in extra:
        (diff.draft if pk in existing else diff.deleted).add(pk)
        if report_of.get(pk) is None:
            diff.unowned.add(pk)
        for report_id in (report_of.get(pk), existing.get(pk)):
            if report_id is not None:
                diff.reports.add(report_id)
    return diff


def repair(difference: IndexDifference) -> int:
    """Re-sync the reports of ``difference`` (deleted ones leave the index); returns how
    many documents the index now holds for them."""
    written = 0
    for report_id in sorted(difference.reports):
        written += sync_report(report_id)
    # A document with no report id stored cannot be found by report: removed by its id.
    for pk in sorted(difference.unowned):
        get_backend().remove(f"{SECTION_CT}.{pk}")
    return written
