"""Court detection speed on the real texts (median of repeated runs, after a warm-up).

    .venv/bin/python benchmarks/court_detection.py [--repeat 20]

Prints, per text, the median milliseconds of ``detect_court`` with the directory index
already built, and once the time to build that index from fixtures/courts.json. Detection
used to be asserted under 20 ms in tests/ingest/test_court.py; a wall-clock limit in the
test suite flakes on a loaded machine, so the figure lives here.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.stats import median_ms  # noqa: E402
from reports.ingest.court import _Directory, detect_court, load_directory  # noqa: E402

TEXTS = sorted((ROOT / "fixtures" / "demo").glob("*.txt")) + sorted(
    (ROOT / "tests" / "data" / "corpus").glob("*.txt")
)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    courts = load_directory(ROOT / "fixtures" / "courts.json")
    build = median_ms(lambda: _Directory(courts), max(3, args.repeat // 4))
    print(f"directory index: {len(courts)} courts, {build:.1f} ms to build")
    for path in TEXTS:
        text = path.read_text(encoding="utf-8")
        ms = median_ms(lambda text=text: detect_court(text, courts), args.repeat)
        print(f"{ms:7.2f} ms  {len(text):6d} chars  {path.name}")


if __name__ == "__main__":
    main()
