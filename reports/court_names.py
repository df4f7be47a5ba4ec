"""Which court a name means — the one resolver that ingestion, the ingest command, search and
the admin use. Full names, short names, aliases and former names (莱芜市中级人民法院, now
济南市中级人民法院) are rows of CourtName, found by an indexed key; a name the table lacks is
looked up in the national directory (settings.PORTAL_COURTS_FILE), which fills the table.

    >>> resolve_court("呼市中院")
    <Court: 呼和浩特市中级人民法院>
    >>> resolve_court("莱芜中院")
    <Court: 济南市中级人民法院>
"""

from hashlib import sha1
from pathlib import Path

from django.conf import settings

from reports.ingest.court import load_directory, lookup_court
from reports.ingest.types import CourtRecord
from reports.models import Court, CourtName


def court_directory() -> tuple[CourtRecord, ...]:
    """The national court directory (settings.PORTAL_COURTS_FILE), read once per file change."""
    try:
        return load_directory(Path(settings.PORTAL_COURTS_FILE))
    except OSError:
        return ()


_by_name: dict[int, tuple[tuple[CourtRecord, ...], dict[str, CourtRecord]]] = {}


def _records_by_name(records: tuple[CourtRecord, ...]) -> dict[str, CourtRecord]:
    # Keyed by identity: hashing 3,500 records on every lookup would be the scan this avoids.
    cached = _by_name.get(id(records))
    if cached is None or cached[0] is not records:
        if len(_by_name) > 4:
            _by_name.clear()
        cached = _by_name[id(records)] = (records, {r.name: r for r in records})
    return cached[1]


def find_courts(name: str | None) -> list[Court]:
    """The Court rows called ``name``, by its best kind: a full name before another court's
    short name, before an alias, before a former name. Several courts: the name is ambiguous
    (新城区法院 is in 呼和浩特 and 西安)."""
    rows = list(CourtName.objects.called(name or "").select_related("court"))
    best = [r.court for r in rows if r.rank == rows[0].rank] if rows else []
    return list({c.pk: c for c in best}.values())


def find_court_records(name: str | None) -> list[CourtRecord]:
    """Directory records called ``name`` (the same forms as the table): "呼市中院" →
    [呼和浩特市中级人民法院]. More than one means the name is ambiguous."""
    records = court_directory()
    by_name = _records_by_name(records)
    return [by_name[n] for n in lookup_court(name or "", records) if n in by_name]


def court_candidates(name: str | None) -> list[str]:
    """Full names of every court ``name`` can mean, from the table, else the directory."""
    return [c.name for c in find_courts(name)] or [r.name for r in find_court_records(name)]


def resolve_court(name: str | None, *, create: bool = False) -> Court | None:
    """The one Court called ``name`` (full name, short name, alias or former name); ``None``
    when the name is unknown or names several courts. A directory court missing from the
    table is created only with ``create=True`` — a write path's choice (loading a report),
    never a preview's."""
    if not (name or "").strip():
        return None
    found = find_courts(name)
    if found:
        return found[0] if len(found) == 1 else None
    records = find_court_records(name)
    if len(records) != 1:
        return None
    return ensure_court(records[0]) if create else None


def ensure_court(record: CourtRecord) -> Court:
    """The Court row of a directory record, created (with its parent chain) if missing."""
    court = Court.objects.filter(name=record.name).first()
    if court:
        return court
    parent = None
    if record.parent and record.parent != record.name:
        parent_record = _records_by_name(court_directory()).get(record.parent)
        parent = ensure_court(parent_record) if parent_record else None
    slug = record.slug or record.adcode or "court-" + sha1(record.name.encode()).hexdigest()[:10]
    if Court.objects.filter(slug=slug).exists():
        slug = f"{slug}-{sha1(record.name.encode()).hexdigest()[:6]}"
    return Court.objects.create(
        name=record.name,
        short_name=record.short_name,
        aliases=list(record.aliases),
        former_names=list(record.former_names),
        level=record.level,
        province=record.province,
        city=record.city,
        adcode=record.adcode,
        parent=parent,
        slug=slug,
    )
