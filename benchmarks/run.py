"""Performance benchmark: parse, load, index and search a synthetic national-shaped corpus.

    .venv/bin/python benchmarks/run.py                      # 500 reports, ~5 min
    .venv/bin/python benchmarks/run.py --reports 2000 --json out.json
    make bench

Everything runs against a fresh ``PORTAL_DATA_DIR`` (a temporary directory unless
``--data-dir`` names an empty one), never ``var/``. Figures are medians; the baseline (stock
haystack + jieba) runs in the same process on the same sections, so ours/stock ratios hold
on a noisy machine where absolute times do not. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def parse_args(argv=None):
    from benchmarks.queries import QUERIES

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=500, help="synthetic reports (500)")
    parser.add_argument(
        "--queries",
        type=int,
        default=len(QUERIES),
        help=f"use the first N of the {len(QUERIES)} fixed queries (all)",
    )
    parser.add_argument("--repeat", type=int, default=7, help="timed rounds per search (7)")
    parser.add_argument(
        "--sample",
        type=int,
        default=None,
        help="reports loaded with index sync on, after the bulk (min(30, N/10), at least 2)",
    )
    parser.add_argument("--publish-cycles", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--data-dir", type=Path, help="an empty directory (default: temporary)")
    parser.add_argument("--keep", action="store_true", help="keep the data directory")
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    parser.add_argument(
        "--render", type=Path, help="only print the tables of an earlier --json result"
    )
    parser.add_argument("--no-baseline", action="store_true", help="skip stock haystack+jieba")
    parser.add_argument(
        "--no-midpoint",
        action="store_true",
        help="skip the half-size build and searches (extrapolation then assumes linear)",
    )
    args = parser.parse_args(argv)
    if args.reports < 4:
        parser.error("--reports must be at least 4")
    if args.sample is None:
        args.sample = max(2, min(30, args.reports // 10))
    args.sample = min(args.sample, args.reports // 2)
    return args


def prepare_data_dir(args) -> Path:
    if args.data_dir is None:
        return Path(tempfile.mkdtemp(prefix="portal-bench-"))
    path = args.data_dir.resolve()
    if path == (ROOT / "var").resolve() or path == ROOT.resolve():
        sys.exit("refusing to benchmark in var/ or the repository: pass an empty directory")
    if path.exists() and any(path.iterdir()):
        sys.exit(f"--data-dir {path} is not empty")
    path.mkdir(parents=True, exist_ok=True)
    return path


def setup_django(data_dir: Path) -> None:
    os.environ["PORTAL_DATA_DIR"] = str(data_dir)
    # STATIC_ROOT lives in the data directory; WhiteNoise warns on every request without it.
    (data_dir / "static").mkdir(exist_ok=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ.setdefault("PORTAL_LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.conf import settings

    from benchmarks import stock

    # A second haystack connection for the baseline, in its own directory. haystack keeps a
    # reference to this dict, so adding to it is enough.
    settings.HAYSTACK_CONNECTIONS[stock.ALIAS] = stock.connection(str(data_dir / "stock_whoosh"))


def git_commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        )
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        return out.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")
    except OSError:
        return "?"


def step(message: str) -> float:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)
    return time.perf_counter()


def merge_loads(parts) -> dict:
    from benchmarks.stats import summarize

    times = [t for part in parts for t in part.pop("times")]
    seconds = sum(p["seconds"] for p in parts)
    reports = sum(p["reports"] for p in parts)
    sections = sum(p["sections"] for p in parts)
    return {
        "reports": reports,
        "sections": sections,
        "chars": sum(p["chars"] for p in parts),
        "seconds": seconds,
        "per_report": summarize(times),
        "reports_per_s": reports / seconds if seconds else 0.0,
        "sections_per_s": sections / seconds if seconds else 0.0,
    }


def run(args) -> dict:
    from django.core.management import call_command

    from benchmarks import phases
    from benchmarks.corpus import load_courts, parse_sources, source_paths, synthesize
    from benchmarks.queries import QUERIES
    from benchmarks.report import extrapolate

    data_dir = Path(os.environ["PORTAL_DATA_DIR"])
    queries = QUERIES[: args.queries]
    result = {
        "command": "benchmarks/run.py " + shlex.join(sys.argv[1:]),
        "commit": git_commit(),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "load_before": [round(v, 2) for v in os.getloadavg()],
        },
        "settings": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
    }

    step("migrate, load_courts")
    call_command("migrate", verbosity=0)
    call_command("load_courts", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115

    started = step("parse the real texts")
    courts = load_courts()
    paths = source_paths()
    result["parse"] = phases.measure_parse(paths, courts, max(3, args.repeat))
    sources = parse_sources(paths, courts)
    reports = list(synthesize(sources, courts, args.reports, seed=args.seed))
    result["corpus"] = {
        "reports": len(reports),
        "sections": sum(len(r.sections) for r in reports),
        "chars": sum(len(r.text) for r in reports),
        "metrics": sum(len(r.metrics) for r in reports),
        "initiatives": sum(len(r.initiatives) for r in reports),
        "courts": len({r.court_name for r in reports}),
        "source_texts": len(paths),
        "source_paragraphs": len(sources.paragraphs),
        "generate_seconds": time.perf_counter() - started,
    }
    slugs = {c.name: c.slug for c in courts}
    bulk_end = args.reports - args.sample
    half = 0 if args.no_midpoint else args.reports // 2
    loads = []

    if half:
        step(f"load {half} reports (index sync off), build_index, search at half size")
        with phases.index_sync_off():
            loads.append(phases.measure_load(reports[:half], slugs))
        midpoint = {"build_index": phases.measure_build_index()}
        midpoint["corpus"] = {"reports": half, "sections": midpoint["build_index"]["sections"]}
        midpoint["search"] = phases.measure_searches(
            queries, args.repeat, paths=("form", "api", "old", "icontains")
        )
        result["midpoint"] = midpoint

    step(f"load reports {half + 1}–{bulk_end} (index sync off)")
    with phases.index_sync_off():
        loads.append(phases.measure_load(reports[half:bulk_end], slugs))
    halves = [part["per_report"]["median"] * 1000 for part in loads]
    result["load"] = {"bulk": merge_loads(loads)}
    if len(halves) == 2:
        result["load"]["halves_ms"] = halves

    step("build_index")
    result["build_index"] = phases.measure_build_index()
    step("bare jieba pass over the same sections")
    result["jieba_pass"] = phases.measure_jieba_pass()

    half = bulk_end + args.sample // 2
    step(f"load {half - bulk_end} more reports with index sync on commit")
    sample = phases.measure_load(reports[bulk_end:half], slugs)
    sample_ids = sample.pop("ids")
    sample.pop("times")
    result["load"]["with_index_sync"] = sample
    step(f"load {args.reports - half} more as a folder ingest does (a batch to a commit)")
    batched = phases.measure_load(reports[half:], slugs, batch=True)
    sample_ids += batched.pop("ids")
    batched.pop("times")
    result["load"]["batched_index_sync"] = batched
    for part in loads:
        part.pop("ids", None)

    if not args.no_baseline:
        step("baseline: stock haystack Whoosh backend + jieba ChineseAnalyzer, update_index")
        stock_path = str(data_dir / "stock_whoosh")
        result["baseline"] = {"index": phases.measure_stock_index(stock_path)}

    paths_measured = ("form", "page", "api", "old", "icontains")
    paths_measured += () if args.no_baseline else ("stock",)
    step(f"search: {len(queries)} queries × {args.repeat} rounds × {', '.join(paths_measured)}")
    result["search"] = phases.measure_searches(queries, args.repeat, paths=paths_measured)

    step("publish / unpublish latency")
    result["publish"] = phases.measure_publish(sample_ids, args.publish_cycles)

    result["sizes"] = {
        "index_bytes": phases.dir_size(data_dir / "whoosh_index"),
        "database_bytes": sum(
            phases.dir_size(p) for p in data_dir.glob("portal.sqlite3*") if p.is_file()
        ),
        "uploads_bytes": phases.dir_size(data_dir / "uploads")
        if (data_dir / "uploads").exists()
        else 0,
    }
    # Loading (parse already done) and the full build over the same reports.
    bulk = result["load"]["bulk"]
    result["ingest_index_chars_per_s"] = bulk["chars"] / (
        bulk["seconds"] + result["build_index"]["seconds"]
    )
    result["peak_rss_bytes"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    result["machine"]["load_after"] = [round(v, 2) for v in os.getloadavg()]
    result["extrapolation"] = extrapolate(result)
    return result


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.render:
        from benchmarks.report import extrapolate, render

        result = json.loads(args.render.read_text(encoding="utf-8"))
        result["extrapolation"] = extrapolate(result)
        print(render(result))
        return 0
    data_dir = prepare_data_dir(args)
    setup_django(data_dir)
    from benchmarks.report import render

    started = time.perf_counter()
    try:
        result = run(args)
    finally:
        if not args.keep:
            shutil.rmtree(data_dir, ignore_errors=True)
    result["total_seconds"] = time.perf_counter() - started
    if args.json:  # before rendering: a table that fails to print loses no figures
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    print(render(result))
    print(
        f"\n(total {result['total_seconds']:.0f} s; data directory {data_dir}"
        f"{' kept' if args.keep else ' removed'})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
