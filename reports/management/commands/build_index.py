"""Build the search index from the database into a new directory, then swap it in.

    python manage.py build_index           # rebuild (searches keep working meanwhile)
    python manage.py build_index --check   # exit 1 if the index and the database disagree
    python manage.py build_index --repair  # re-sync only what differs (no rebuild)

Use this rather than haystack's ``rebuild_index``, which empties the live index first.
Run it after editing fixtures/legal_terms.txt or the court directory: the dictionary decides
how text is cut into words, and an index cut with another dictionary answers badly (``--check``
says so, and ``--repair`` then rebuilds, the only fix).

``--check`` compares every published section with its indexed document (missing, stale) and
looks for documents of drafts and deleted reports (``reports/search/consistency.py``); it
reads the whole index, about a minute per 100,000 sections. From cron, e.g. nightly:

    17 3 * * *  cd /srv/portal && .venv/bin/python manage.py build_index --repair --quiet
"""

import time

from django.core.management.base import BaseCommand, CommandError

from reports.search import consistency, storage
from reports.search.indexing import build_index, get_backend

REBUILD_NEEDED = "搜索索引需要重建 (the index was built with another dictionary or analyzer)"


class Command(BaseCommand):
    help = "Build the search index into a new directory and swap it in atomically."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)
        what = parser.add_mutually_exclusive_group()
        what.add_argument(
            "--check",
            action="store_true",
            help="compare the index with the database; exit 1 and say what differs",
        )
        what.add_argument(
            "--repair",
            action="store_true",
            help="bring the index in line with the database without a full rebuild",
        )
        parser.add_argument(
            "--settle",
            type=float,
            default=2.0,
            help="seconds to wait before looking again at reports that differ (saves in flight)",
        )
        parser.add_argument("--quiet", action="store_true", help="print only differences")

    def handle(self, *args, batch_size, check, repair, settle, quiet, **options):
        if check or repair:
            return self.check_index(
                repair=repair, settle=settle, quiet=quiet, batch_size=batch_size
            )
        self.rebuild(batch_size, options["verbosity"])

    def rebuild(self, batch_size, verbosity):
        started = time.monotonic()

        def progress(done):
            if verbosity > 1:
                self.stderr.write(f"  {done} sections")

        result = build_index(batch_size=batch_size, progress=progress)
        self.stdout.write(
            f"Indexed {result.documents} sections in {time.monotonic() - started:.1f} s on "
            f"{result.processes} process{'es' if result.processes > 1 else ''} "
            f"({result.generation})"
        )

    def check_index(self, repair, settle, quiet, batch_size):
        backend = get_backend()
        meta = storage.read_meta(backend.generation or "")
        if not backend.check_fingerprint() or not meta.get("dictionary"):
            if not repair:
                raise CommandError(f"{REBUILD_NEEDED}: build_index")
            self.stderr.write(f"{REBUILD_NEEDED}: rebuilding")
            return self.rebuild(batch_size, 1)
        difference = consistency.compare(settle=settle)
        if not difference:
            if not quiet:
                self.stdout.write(
                    f"索引与数据库一致 (index matches the database): {difference.published} "
                    f"published sections, {difference.indexed} documents"
                )
            return
        for line in difference.lines():
            self.stderr.write(line)
        if not repair:
            raise CommandError(
                f"索引与数据库不一致，涉及 {len(difference.reports)} 篇报告 (index and database "
                "differ): run build_index --repair"
            )
        written = consistency.repair(difference)
        after = consistency.compare(settle=settle, report_ids=difference.reports)
        if after:
            for line in after.lines():
                self.stderr.write(line)
            raise CommandError("修复后仍不一致 (still differs after the repair): run build_index")
        self.stdout.write(
            f"已修复 {len(difference.reports)} 篇报告的索引 (repaired {len(difference.reports)} "
            f"reports, {written} sections indexed)"
        )
