"""Back up the database rows and the uploaded files into one .tar.gz (``reports/backups.py``).

    python manage.py backup /srv/backups/portal-$(date +%F).tar.gz

The file holds editor accounts (password hashes): keep it private.
"""

from pathlib import Path

from django.core.management.base import BaseCommand

from reports.backups import summary, write_backup


class Command(BaseCommand):
    help = "Write a backup (database rows and uploaded files) to PATH."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path, **options):
        manifest = write_backup(path)
        self.stdout.write(f"备份已写入 {path}: {summary(manifest)}")
