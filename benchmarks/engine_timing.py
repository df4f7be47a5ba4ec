"""The engine layer alone against a data directory kept by ``run.py --keep``: median ms per query.

    .venv/bin/python benchmarks/engine_timing.py --data-dir DIR [--repeat 5]

For comparing two versions of the engine on one index without rebuilding it (run each version
back to back; the load average is printed with the figures).
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
    args = parser.parse_args(argv)
    os.environ["PORTAL_DATA_DIR"] = str(args.data_dir.resolve())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from benchmarks.queries import QUERIES
    from reports.forms import SearchForm
    from reports.search.engine import get_engine

    engine = get_engine()
    print(f"load average {os.getloadavg()[0]:.2f}")
    for query in QUERIES:
        request = SearchForm(dict(query.params)).search_request()
        start = (request.page - 1) * request.per_page

        def once(request=request, start=start):
            began = time.perf_counter()
            engine.execute(
                request.query, request.filters, sort=request.sort, offset=start, limit=10
            )
            return time.perf_counter() - began

        once()  # warm
        times = [once() for _ in range(args.repeat)]
        print(f"{query.name}: {statistics.median(times) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
