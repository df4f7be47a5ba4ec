"""The engine layer alone against a data directory kept by ``run.py --keep``: median ms per query.

    .venv/bin/python benchmarks/engine_timing.py --data-dir DIR [--repeat 5] [--compare]

For comparing two versions of the engine on one index without rebuilding it (run each version
back to back; the load average is printed with the figures). ``--compare`` times the matcher
path (``whoosh_engine.NUMPY_SCORES`` off) beside the numpy scores, round by round in turn, and
checks that both give the same page. ``--cold`` empties the posting cache
(``whoosh_fast.posting_cache``) before each timed search: a first search of its words.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--compare", action="store_true", help="matcher path vs numpy scores")
    parser.add_argument(
        "--cold", action="store_true", help="empty the posting cache before every timed search"
    )
    args = parser.parse_args(argv)
    os.environ["PORTAL_DATA_DIR"] = str(args.data_dir.resolve())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from benchmarks.queries import QUERIES
    from reports.forms import SearchForm
    from reports.search import whoosh_engine, whoosh_fast
    from reports.search.engine import get_engine

    engine = get_engine()
    print(f"load average {os.getloadavg()[0]:.2f}")
    for query in QUERIES:
        request = SearchForm(dict(query.params)).search_request()
        start = (request.page - 1) * request.per_page

        def once(numpy_scores=True, request=request, start=start):
            whoosh_engine.NUMPY_SCORES = numpy_scores
            if args.cold:
                whoosh_fast.posting_cache.clear()
            began = time.perf_counter()
            found = engine.execute(
                request.query,
                request.filters,
                sort=request.sort,
                offset=start,
                limit=10,
                per_report=request.per_report,
            )
            return time.perf_counter() - began, [h.section_id for h in found.hits]

        if not args.compare:
            once()  # warm
            times = [once()[0] for _ in range(args.repeat)]
            print(f"{query.name}: {statistics.median(times) * 1000:.0f} ms")
            continue
        (_, old_page), (_, new_page) = once(False), once(True)  # warm
        old_times, new_times = [], []
        for _ in range(args.repeat):
            old_times.append(once(False)[0])
            new_times.append(once(True)[0])
        old_ms, new_ms = (statistics.median(t) * 1000 for t in (old_times, new_times))
        same = "same page" if old_page == new_page else "PAGES DIFFER"
        print(
            f"{query.name}: matchers {old_ms:.0f} ms, numpy {new_ms:.0f} ms "
            f"({old_ms / max(new_ms, 0.01):.1f}×, {same})"
        )
    whoosh_engine.NUMPY_SCORES = True
    return 0


if __name__ == "__main__":
    sys.exit(main())
