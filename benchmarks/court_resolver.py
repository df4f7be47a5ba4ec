"""Court-name lookups against a loaded directory: the resolver's indexed query vs. reading every
court's aliases (what resolving an alias cost before CourtName), medians in the same run.

    PORTAL_DATA_DIR=/tmp/x .venv/bin/python manage.py migrate && … load_courts
    PORTAL_DATA_DIR=/tmp/x .venv/bin/python benchmarks/court_resolver.py [--repeat 50]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from benchmarks.stats import median_ms  # noqa: E402
from reports.court_names import resolve_court  # noqa: E402
from reports.models import Court  # noqa: E402

NAMES = (
    "呼和浩特市中级人民法院",
    "呼和浩特中院",
    "呼市中院",
    "莱芜中院",
    "库车县法院",
    "不存在的法院",
)


def scan_aliases(name: str):
    """The baseline: every court's alias list read and searched in Python."""
    ids = [pk for pk, aliases in Court.objects.values_list("pk", "aliases") if name in aliases]
    return ids[0] if len(ids) == 1 else None


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args(argv)
    print(f"{Court.objects.count()} courts")
    for name in NAMES:
        found = resolve_court(name)
        new = median_ms(lambda name=name: resolve_court(name), args.repeat)
        old = median_ms(lambda name=name: scan_aliases(name), args.repeat)
        print(f"{name}: resolve_court {new:.2f} ms, alias scan {old:.2f} ms → {found}")


if __name__ == "__main__":
    main()
