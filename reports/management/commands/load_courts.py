"""python manage.py load_courts — sync the national court directory into the Court table.

Idempotent: courts are matched by full name, created or updated in bulk, then linked to their
parents, and their names indexed (CourtName). A stored court whose name is now a former name
of a directory court (库车县人民法院 → 库车市人民法院) is that court: renamed in place, or, when
the successor is stored too (莱芜市中级人民法院 → 济南市中级人民法院), its reports move to the
successor and it is removed. Courts that editors added outside the directory are left alone,
and aliases editors added to a directory court are kept after the directory's own.
"""

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from reports.ingest.court import load_directory
from reports.models import Court, CourtName, Report
from reports.search.content_cache import content_changed
from reports.search.signals import schedule_reports

FIELDS = ("short_name", "aliases", "former_names", "level", "province", "city", "adcode", "slug")


class Command(BaseCommand):
    help = "同步全国法院目录（fixtures/courts.json）到数据库；可重复运行。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--file",
            type=Path,
            default=Path(settings.PORTAL_COURTS_FILE),
            help="法院目录 JSON（默认 settings.PORTAL_COURTS_FILE）",
        )

    def handle(self, *args, file: Path, **options):
        started = time.perf_counter()
        try:
            records = load_directory(file.resolve())
        except (OSError, ValueError, KeyError) as exc:
            raise CommandError(f"无法读取法院目录 {file}：{exc}") from exc
        with transaction.atomic():
            renamed, merged = follow_successors(records)
            created, updated, linked = sync(records)
        # Bulk writes send no signals: court names cached by the servers are rebuilt.
        content_changed()
        seconds = time.perf_counter() - started
        successors = f"改名 {renamed}，并入 {merged}，" if renamed or merged else ""
        self.stdout.write(
            f"法院目录已同步：新增 {created}，更新 {updated}，设定上级 {linked}，{successors}"
            f"目录共 {len(records)} 个法院，数据库共 {Court.objects.count()} 个（{seconds:.1f} 秒）"
        )


def follow_successors(records) -> tuple[int, int]:
    """Stored courts of former divisions become their successors; returns (renamed, merged)."""
    listed = {r.name for r in records}
    successor = {f: r.name for r in records for f in r.former_names if f not in listed}
    stored = {c.name: c for c in Court.objects.filter(name__in=[*successor, *successor.values()])}
    renamed = merged = 0
    for old_name, new_name in sorted(successor.items()):
        court = stored.get(old_name)
        if court is None:
            continue
        target = stored.get(new_name)
        moved = list(court.reports.values_list("pk", flat=True))
        if target is None:
            court.name = new_name  # sync() brings the other fields
            Court.objects.filter(pk=court.pk).update(name=new_name)
            CourtName.objects.index([court])
            stored[new_name] = court
            renamed += 1
        else:
            Report.objects.filter(court=court).update(court=target)
            Court.objects.filter(parent=court).update(parent=target)
            court.delete()
            merged += 1
        schedule_reports(moved)  # sections carry their court's name
    return renamed, merged


def sync(records) -> tuple[int, int, int]:
    """Bring the table in line with the directory; returns (created, updated, re-parented)."""
    existing = {c.name: c for c in Court.objects.all()}
    slug_owner = {c.slug: c.name for c in existing.values()}
    to_create, to_update = [], []
    for record in records:
        court = existing.get(record.name)
        values = {
            "short_name": record.short_name,
            "aliases": list(record.aliases),
            "former_names": list(record.former_names),
            "level": record.level,
            "province": record.province,
            "city": record.city,
            "adcode": record.adcode,
            "slug": record.slug,
        }
        # A slug already taken by another court (one an editor created) stays with it.
        if slug_owner.get(record.slug, record.name) != record.name:
            values["slug"] = court.slug if court else f"{record.slug}-{record.adcode[:6] or 'x'}"
        if court is None:
            court = Court(name=record.name, **values)
            to_create.append(court)
            slug_owner[court.slug] = court.name
            continue
        # An editor's additions are kept; a renamed court's old aliases are former names now.
        directory_forms = {record.name, record.short_name, *record.aliases, *record.former_names}
        for field in ("aliases", "former_names"):
            values[field] += [a for a in getattr(court, field) or [] if a not in directory_forms]
        if any(getattr(court, f) != v for f, v in values.items()):
            if values["slug"] != court.slug:
                slug_owner.pop(court.slug, None)
                slug_owner[values["slug"]] = court.name
            for f, v in values.items():
                setattr(court, f, v)
            to_update.append(court)
    Court.objects.bulk_create(to_create, batch_size=500)
    Court.objects.bulk_update(to_update, FIELDS, batch_size=500)
    # Bulk writes skip Court.save: index the names here, and re-index the changed courts'
    # published reports (their sections carry the court's name and place).
    if not all(c.pk for c in to_create):  # a database that returns no ids from bulk inserts
        to_create = list(Court.objects.filter(name__in=[c.name for c in to_create]))
    CourtName.objects.index([*to_create, *to_update])
    schedule_reports(
        Report.objects.published().filter(court__in=to_update).values_list("pk", flat=True)
    )

    ids = dict(Court.objects.values_list("name", "id"))
    current = dict(Court.objects.values_list("name", "parent_id"))
    relink = []
    for record in records:
        parent_id = ids.get(record.parent) if record.parent else None
        if current.get(record.name) != parent_id:
            relink.append(Court(id=ids[record.name], parent_id=parent_id))
    Court.objects.bulk_update(relink, ["parent"], batch_size=500)
    return len(to_create), len(to_update), len(relink)
