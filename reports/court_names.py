"""Which Court row a name means: full names, short names and aliases, from the Court table
or else the national directory (settings.PORTAL_COURTS_FILE).

    >>> resolve_court("呼市中院")
    <Court: 呼和浩特市中级人民法院>
"""

from functools import lru_cache
from hashlib import sha1
from pathlib import Path

from django.conf import settings

from reports.ingest.types import CourtRecord
from reports.models import Court


def court_directory() -> tuple[CourtRecord, ...]:
    """The national court directory (settings.PORTAL_COURTS_FILE), read once per file change."""
    path = Path(settings.PORTAL_COURTS_FILE)
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return ()
    return _read_directory(str(path), mtime)


@lru_cache(maxsize=2)
def _read_directory(path: str, mtime: float) -> tuple[CourtRecord, ...]:
    from reports.ingest.court import load_directory

    return tuple(load_directory(Path(path)))


def find_court_records(name: str) -> list[CourtRecord]:
    """Directory records called ``name``: by full name, else short name, else alias
    ("呼市中院" → [呼和浩特市中级人民法院]). More than one means the name is ambiguous."""
    name = name.strip()
    records = court_directory()
    for match in (
        lambda r: r.name == name,
        lambda r: r.short_name == name,
        lambda r: name in r.aliases,
    ):
        found = [r for r in records if match(r)]
        if found:
            return found
    return []


def find_court_record(name: str) -> CourtRecord | None:
    found = find_court_records(name)
    return found[0] if len(found) == 1 else None


def resolve_court(name: str | None, *, create: bool = True) -> Court | None:
    """The Court row for a full name, short name or alias; created from the directory if the
    table lacks it (unless ``create`` is false). ``None`` when the name is unknown or names
    more than one court."""
    name = (name or "").strip()
    if not name:
        return None
    court = Court.objects.filter(name=name).first()
    if court:
        return court
    by_short = list(Court.objects.filter(short_name=name)[:2])
    if by_short:
        return by_short[0] if len(by_short) == 1 else None
    # Aliases are a JSON list (stored ASCII-escaped), so match them in Python.
    by_alias = [
        pk for pk, aliases in Court.objects.values_list("pk", "aliases") if name in (aliases or [])
    ]
    if by_alias:
        return Court.objects.get(pk=by_alias[0]) if len(by_alias) == 1 else None
    record = find_court_record(name)
    if record is None:
        return None
    if create:
        return ensure_court(record)
    return Court.objects.filter(name=record.name).first()


def ensure_court(record: CourtRecord) -> Court:
    """The Court row of a directory record, created (with its parent chain) if missing."""
    court = Court.objects.filter(name=record.name).first()
    if court:
        return court
    parent = None
    if record.parent and record.parent != record.name:
        parent_record = find_court_record(record.parent)
        parent = ensure_court(parent_record) if parent_record else None
    slug = record.slug or record.adcode or "court-" + sha1(record.name.encode()).hexdigest()[:10]
    if Court.objects.filter(slug=slug).exists():
        slug = f"{slug}-{sha1(record.name.encode()).hexdigest()[:6]}"
    return Court.objects.create(
        name=record.name,
        short_name=record.short_name,
        aliases=list(record.aliases),
        level=record.level,
        province=record.province,
        city=record.city,
        adcode=record.adcode,
        parent=parent,
        slug=slug,
    )
