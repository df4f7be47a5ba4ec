"""Extrapolation to the national corpus and the printed tables.

What scales how (the README explains each):
- loading: a constant cost per report (checked: first half against second half), so the
  national time is linear in reports;
- build_index: fitted as a + b·sections through the midpoint build and the full build;
- index and database size: linear in sections and reports (a lower bound: the synthetic
  corpus has a smaller vocabulary than 35,000 real reports);
- search: Whoosh walks every matching document to count hits and facets, so a query's time
  is a fixed part plus a part proportional to its hits, and hits grow with the corpus. Each
  query is extrapolated along the line through its midpoint and full-size medians.
"""

from __future__ import annotations

NATIONAL = {"reports": 35_000, "sections": 500_000, "chars": 350_000_000}
SLOW_MS = 500


def extrapolate(result: dict) -> dict:
    corpus = result["corpus"]
    sections, reports = corpus["sections"], corpus["reports"]
    scale = NATIONAL["sections"] / sections
    out = {"scale_sections": scale, "scale_chars": NATIONAL["chars"] / corpus["chars"]}
    bulk = result["load"]["bulk"]
    if bulk["reports_per_s"]:
        out["load_hours"] = NATIONAL["reports"] / bulk["reports_per_s"] / 3600
    sample = result["load"]["with_index_sync"]
    if sample["reports_per_s"]:
        out["load_with_sync_hours"] = NATIONAL["reports"] / sample["reports_per_s"] / 3600
    build = result["build_index"]
    mid = result.get("midpoint")
    if mid:
        x0, y0 = mid["build_index"]["sections"], mid["build_index"]["seconds"]
        x1, y1 = build["sections"], build["seconds"]
        slope = min(max((y1 - y0) / (x1 - x0), 0.0), y1 / x1) if x1 != x0 else y1 / x1
        out["build_index_s"] = y1 + slope * (NATIONAL["sections"] - x1)
        out["build_index_fit"] = {"seconds_per_1000_sections": slope * 1000}
    else:
        out["build_index_s"] = build["seconds"] * NATIONAL["sections"] / build["sections"]
    out["index_bytes"] = result["sizes"]["index_bytes"] / sections * NATIONAL["sections"]
    out["database_bytes"] = result["sizes"]["database_bytes"] / reports * NATIONAL["reports"]
    if result.get("baseline"):
        stock = result["baseline"]["index"]
        out["stock_index_s"] = stock["seconds"] / stock["sections"] * NATIONAL["sections"]
        out["stock_index_bytes"] = stock["bytes"] / stock["sections"] * NATIONAL["sections"]
    out["search_ms"] = {}
    full = result["search"]["form"]["queries"]
    for name, stats in full.items():
        y1, x1 = stats["median"], sections
        if mid:
            y0, x0 = mid["search"]["form"]["queries"][name]["median"], mid["corpus"]["sections"]
            # Between flat and proportional: Whoosh's work per hit is linear, so a steeper
            # line between the two sizes is the machine's noise, not the engine.
            slope = min(max((y1 - y0) / (x1 - x0), 0.0), y1 / x1)
        else:
            slope = y1 / x1  # no midpoint: assume all of it grows with the corpus
        out["search_ms"][name] = (y1 + slope * (NATIONAL["sections"] - x1)) * 1000
    return out


def ms(seconds: float) -> str:
    value = seconds * 1000
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}"


def size(n: float) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


def timing(stats: dict) -> str:
    return f"{ms(stats['median'])} / {ms(stats['p90'])}" if stats["n"] else "error"


def ratio(ours: float, stock: float) -> str:
    return f"{ours / stock:.2f}" if stock else "–"


def engine_table(result: dict) -> list[str]:
    """The engine layer against the path before it and the icontains scan, same rounds."""
    search = result["search"]
    lines = [
        "",
        "## Engine layer against the old path and the icontains scan, ms (median / p95)",
        "",
        "| query | hits | /api/search | /search/ | engine | old path | old/engine |"
        " icontains | icontains/api |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]

    def cell(path, name, key="p95"):
        stats = search.get(path, {}).get("queries", {}).get(name)
        return (stats or {}).get("median", 0), (stats or {}).get(key, 0), stats

    api_p95s = []
    for name, form in search["form"]["queries"].items():
        api_med, api_p95, _ = cell("api", name)
        page_med, page_p95, _ = cell("page", name)
        old_med, old_p95, old = cell("old", name)
        scan_med, scan_p95, scan = cell("icontains", name)
        api_p95s.append(api_p95)
        lines.append(
            "| "
            + " | ".join(
                [
                    name,
                    f"{form['count']}",
                    f"{ms(api_med)} / {ms(api_p95)}",
                    f"{ms(page_med)} / {ms(page_p95)}",
                    f"{ms(form['median'])} / {ms(form.get('p95', form['p90']))}",
                    f"{ms(old_med)} / {ms(old_p95)}" if old else "–",
                    ratio(old_med, form["median"]) if old else "–",
                    f"{ms(scan_med)} ({scan['count']})" if scan else "–",
                    ratio(scan_med, api_med) if scan else "–",
                ]
            )
            + " |"
        )
    if api_p95s:
        lines += ["", f"Worst /api/search p95 over the mix: {ms(max(api_p95s))} ms."]
    if result.get("ingest_index_chars_per_s"):
        lines.append(
            f"Load + build_index over the bulk: {result['ingest_index_chars_per_s'] / 1e3:.0f} k"
            " characters/s."
        )
    return lines


def render(result: dict) -> str:
    c, x = result["corpus"], result["extrapolation"]
    lines = [
        f"# Benchmark — {c['reports']} reports, {c['sections']} sections, "
        f"{c['chars'] / 1e6:.2f} M characters",
        f"command: {result['command']}",
        f"machine: {result['machine']['cpus']} CPUs, load average {result['machine']['load_before']}"
        f" → {result['machine']['load_after']}; peak RSS {size(result['peak_rss_bytes'])}",
        "",
        "## Throughput (medians)",
        "",
        "| figure | measured | national (35,000 reports) |",
        "| --- | --- | --- |",
    ]
    parse = result["parse"]
    lines.append(
        f"| parse_report, real texts | {parse['chars_per_s'] / 1e3:.0f} k chars/s (median of "
        f"{len(parse['files'])} texts) | {NATIONAL['chars'] / parse['chars_per_s'] / 3600:.1f} h"
        " on one core |"
    )
    bulk, sample = result["load"]["bulk"], result["load"]["with_index_sync"]
    halves = result["load"].get("halves_ms")
    lines.append(
        f"| load_report, index sync off | {bulk['reports_per_s']:.1f} reports/s, "
        f"{ms(bulk['per_report']['median'])} ms/report"
        + (f" (1st half {halves[0]:.0f}, 2nd half {halves[1]:.0f} ms)" if halves else "")
        + f" | {x.get('load_hours', 0):.1f} h |"
    )
    lines.append(
        f"| load_report + index sync on commit ({sample['reports']} reports into the live index)"
        f" | {sample['reports_per_s']:.1f} reports/s, {ms(sample['per_report']['median'])} ms/"
        f"report (p90 {ms(sample['per_report']['p90'])}) | {x.get('load_with_sync_hours', 0):.1f}"
        " h |"
    )
    batched = result["load"].get("batched_index_sync")
    if batched:
        lines.append(
            f"| load_report + index sync a batch to a commit ({batched['reports']} reports, as "
            f"`ingest DIR` does) | {batched['reports_per_s']:.1f} reports/s, "
            f"{batched['chars_per_s'] / 1000:.0f} k characters/s | |"
        )
    build = result["build_index"]
    mid = result.get("midpoint")
    lines.append(
        f"| build_index ({build['sections']} sections) | {build['seconds']:.1f} s, "
        f"{build['sections_per_s']:.0f} sections/s"
        + (
            f" (at {mid['build_index']['sections']}: {mid['build_index']['sections_per_s']:.0f}/s)"
            if mid
            else ""
        )
        + f" | {x['build_index_s'] / 60:.0f} min |"
    )
    jieba_pass = result.get("jieba_pass")
    if jieba_pass:
        lines.append(
            f"| bare jieba pass, one core (build_index on {build.get('processes', 1)} "
            f"process(es): {ratio(build['seconds'], jieba_pass['seconds'])}× this) | "
            f"{jieba_pass['seconds']:.1f} s, {jieba_pass['chars_per_s'] / 1000:.0f} k chars/s | "
            f"{NATIONAL['chars'] / jieba_pass['chars_per_s'] / 60:.0f} min |"
        )
    sizes = result["sizes"]
    lines.append(
        f"| index on disk | {size(sizes['index_bytes'])} | {size(x['index_bytes'])} (lower bound) |"
    )
    lines.append(
        f"| SQLite database | {size(sizes['database_bytes'])} | {size(x['database_bytes'])} |"
    )
    baseline = result.get("baseline")
    if baseline:
        stock = baseline["index"]
        lines.append(
            f"| stock haystack+jieba update_index | {stock['seconds']:.1f} s, "
            f"{stock['sections_per_s']:.0f} sections/s, {size(stock['bytes'])}; ours/stock "
            f"time per section {ratio(1 / build['sections_per_s'], 1 / stock['sections_per_s'])},"
            f" size per section {ratio(sizes['index_bytes'] / c['sections'], stock['bytes'] / stock['sections'])}"
            f" | {x['stock_index_s'] / 60:.0f} min, {size(x['stock_index_bytes'])} |"
        )
    pub = result.get("publish")
    if pub:
        lines += [
            "",
            "## Publish / unpublish until search reflects it (median, p90)",
            "",
            f"- unpublish: {ms(pub['unpublish_visible']['median'])} ms "
            f"(p90 {ms(pub['unpublish_visible']['p90'])}); publish: "
            f"{ms(pub['publish_visible']['median'])} ms (p90 {ms(pub['publish_visible']['p90'])});"
            f" the save itself (sync inline): {ms(pub['save']['median'])} ms",
        ]
        if "publish_indexed" in pub:  # results before the engine's own count was timed
            lines.append(
                f"- in the index itself: unpublish {ms(pub['unpublish_indexed']['median'])} ms "
                f"(p90 {ms(pub['unpublish_indexed']['p90'])}), publish "
                f"{ms(pub['publish_indexed']['median'])} ms "
                f"(p90 {ms(pub['publish_indexed']['p90'])})"
            )
        lines += [
            f"- another writer holding the lock {pub['contended_hold_s']:.1f} s: the save returns "
            f"in {ms(pub['contended_save']['median'])} ms (hands over), search reflects it "
            f"{ms(pub['contended_after_release']['median'])} ms after the lock is released",
        ]
    lines += [
        "",
        "## Search latency, ms (median / p90), and hits",
        "",
        "| query | hits | SearchForm | /search/ | /api/search | stock hits | stock | ours/stock |"
        " national est. |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    search = result["search"]
    errors = []
    for name, form in search["form"]["queries"].items():
        cells = [name, str(form["count"]), timing(form)]
        for path in ("page", "api"):
            stats = search.get(path, {}).get("queries", {}).get(name)
            cells.append(timing(stats) if stats else "–")
        for path, stats in search.items():
            if "error" in stats["queries"].get(name, {}):
                errors.append(f"- {path}, {name}: {stats['queries'][name]['error']}")
        stock = search.get("stock", {}).get("queries", {}).get(name)
        if stock and stock["n"]:
            cells += [
                str(stock["count"]),
                ms(stock["median"]),
                ratio(form["median"], stock["median"]),
            ]
        else:
            cells += ["–", "–", "–"]
        estimate = x["search_ms"][name]
        cells.append(f"{estimate:.0f}" + (" **slow**" if estimate > SLOW_MS else ""))
        lines.append("| " + " | ".join(cells) + " |")
    if "old" in search or "icontains" in search:
        lines += engine_table(result)
    cold = ", ".join(f"{path} {ms(v['cold'])} ms" for path, v in search.items())
    lines += ["", f"First call of each path (cold caches): {cold}."]
    if errors:
        lines += ["", "Errors (those calls are not timed):", *errors]
    return "\n".join(lines)
