"""python manage.py load_courts — sync the national court directory into the Court table.

Idempotent: courts are matched by full name, created or updated in bulk, then linked to their
parents. Courts that editors added outside the directory are left alone, and aliases editors
added to a directory court are kept after the directory's own.
"""

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from reports.ingest.court import load_directory
from reports.models import Court
from reports.search.content_cache import content_changed

FIELDS = ("short_name", "aliases", "level", "province", "city", "adcode", "slug")


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
            created, updated, linked = sync(records)
        # Bulk writes send no signals: court names cached by the servers are rebuilt.
        content_changed()
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"法院目录已同步：新增 {created}，更新 {updated}，设定上级 {linked}，"
            f"目录共 {len(records)} 个法院，数据库共 {Court.objects.count()} 个（{seconds:.1f} 秒）"
        )


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
        extra = [a for a in court.aliases or [] if a not in values["aliases"]]
        values["aliases"] += extra
        if any(getattr(court, f) != v for f, v in values.items()):
            if values["slug"] != court.slug:
                slug_owner.pop(court.slug, None)
                slug_owner[values["slug"]] = court.name
            for f, v in values.items():
                setattr(court, f, v)
            to_update.append(court)
    Court.objects.bulk_create(to_create, batch_size=500)
    Court.objects.bulk_update(to_update, FIELDS, batch_size=500)

    ids = dict(Court.objects.values_list("name", "id"))
    current = dict(Court.objects.values_list("name", "parent_id"))
    relink = []
    for record in records:
        parent_id = ids.get(record.parent) if record.parent else None
        if current.get(record.name) != parent_id:
            relink.append(Court(id=ids[record.name], parent_id=parent_id))
    Court.objects.bulk_update(relink, ["parent"], batch_size=500)
    return len(to_create), len(to_update), len(relink)
