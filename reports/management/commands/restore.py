"""Restore a backup into an empty data directory, then build the search index.

PORTAL_DATA_DIR=/srv/portal-new python manage.py restore portal-2026-12-01.tar.gz
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reports.backups import BackupError, restore_backup, summary


class Command(BaseCommand):
    help = "Restore a backup written by `backup` into an empty database and data directory."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--no-index", action="store_true", help="skip build_index (run it yourself later)"
        )

    def handle(self, *args, path, no_index, **options):
        if not path.is_file():
            raise CommandError(f"没有这个备份文件 (no such backup): {path}")
        try:
            manifest = restore_backup(path, rebuild_index=not no_index)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"已恢复 {path} ({manifest['written']}): {summary(manifest)}")
