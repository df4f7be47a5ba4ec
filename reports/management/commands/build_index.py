"""Build the search index from the database into a new directory, then swap it in.

    python manage.py build_index          # rebuild (searches keep working meanwhile)
    python manage.py build_index --check  # exit 1 if the index needs a rebuild

Use this rather than haystack's ``rebuild_index``, which empties the live index first.
Run it after editing fixtures/legal_terms.txt or the court directory: the dictionary decides
how text is cut into words, and an index cut with another dictionary answers badly.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from reports.search import storage
from reports.search.indexing import build_index, get_backend


class Command(BaseCommand):
    help = "Build the search index into a new directory and swap it in atomically."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument(
            "--check",
            action="store_true",
            help="only check that the index was built with the current dictionary",
        )

    def handle(self, *args, batch_size, check, **options):
        backend = get_backend()
        if check:
            meta = storage.read_meta(backend.generation or "")
            if not backend.check_fingerprint() or not meta.get("dictionary"):
                raise CommandError("搜索索引需要重建 (the index needs a rebuild): build_index")
            self.stdout.write(f"index up to date: {meta.get('documents', '?')} sections")
            return
        started = time.monotonic()

        def progress(done):
            if options["verbosity"] > 1:
                self.stderr.write(f"  {done} sections")

        result = build_index(batch_size=batch_size, progress=progress)
        self.stdout.write(
            f"Indexed {result.documents} sections in {time.monotonic() - started:.1f} s "
            f"({result.generation})"
        )
