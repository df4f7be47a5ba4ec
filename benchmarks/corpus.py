"""A synthetic but realistic corpus built from the real report texts.

The real texts (fixtures/demo/*.txt, tests/data/corpus/*.txt) are parsed once with the real
parser; their sections are cut into paragraphs, each paragraph keeping the metrics and
initiatives the parser found in it. A synthetic report is a court and a year from the court
directory and ~14 sections of ~700 characters recombined from those paragraphs — the shape of
the national corpus (500,000 sections / 35,000 reports, 350 M characters). Every name of the
paragraph's own court (full name, short name, aliases, city, province) is replaced with the
synthetic report's court, and the source's year with the report's, so a search for a court
or a place finds that court's reports only. The result is a ``ParsedReport``, the shape
``load_report`` takes, with metric and initiative offsets moved to where their text now is.

Pure Python, no Django: the same seed always gives the same corpus.

    >>> sources = parse_sources(source_paths(), load_courts())
    >>> reports = list(synthesize(sources, load_courts(), 3, seed=1))
    >>> reports[0].court_name, reports[0].year, len(reports[0].sections)
    ('呼和浩特市中级人民法院', 2016, 14)
"""

from __future__ import annotations

import bisect
import math
import random
import re
from dataclasses import dataclass, replace
from pathlib import Path

from reports.ingest import PARSER_VERSION
from reports.ingest.court import load_directory
from reports.ingest.parse import content_hash, parse_report
from reports.ingest.types import (
    CourtRecord,
    ParsedInitiative,
    ParsedMetric,
    ParsedReport,
    ParsedSection,
)

ROOT = Path(__file__).resolve().parent.parent
SOURCE_GLOBS = ("fixtures/demo/*.txt", "tests/data/corpus/*.txt")
COURTS_FILE = ROOT / "fixtures" / "courts.json"

# The national corpus: 3,500 courts × 10 years, 500,000 sections, 350 M characters.
YEARS = tuple(range(2016, 2026))
SECTIONS_PER_REPORT = (10, 18)  # uniform: mean 14 ≈ 500,000 / 35,000
SECTION_CHARS = (600, 250)  # gauss(mean, sd), clipped to 150..2,000; whole paragraphs
# overshoot by ~100, so 14 sections × ~700 ≈ 10,000 characters a report
# Always in the corpus, so searches for 呼和浩特 or 巴彦淖尔中院 have something to find.
ANCHOR_COURTS = ("呼和浩特市中级人民法院", "巴彦淖尔市中级人民法院")

PROVINCE_SUFFIXES = ("壮族自治区", "回族自治区", "维吾尔自治区", "特别行政区", "自治区", "省", "市")
CITY_SUFFIXES = ("自治州", "地区", "市", "盟")


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a real section; metric and initiative offsets relative to it."""

    text: str
    metrics: tuple[ParsedMetric, ...]
    initiatives: tuple[ParsedInitiative, ...]
    court: CourtRecord | None
    year: int | None


@dataclass(frozen=True)
class SourceSection:
    heading: str
    topic: str
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Sources:
    sections: tuple[SourceSection, ...]
    paragraphs: tuple[Paragraph, ...]
    chars: int  # characters of the parsed source texts


def source_paths(root: Path = ROOT) -> list[Path]:
    return sorted(p for pattern in SOURCE_GLOBS for p in root.glob(pattern))


def load_courts(path: Path = COURTS_FILE) -> tuple[CourtRecord, ...]:
    return tuple(load_directory(path))


def parse_sources(paths, courts) -> Sources:
    """Parse each real text once and cut its sections into paragraphs."""
    by_name = {c.name: c for c in courts}
    sections, chars = [], 0
    for path in paths:
        parsed = parse_report(path.read_bytes(), path.name, courts)
        chars += len(parsed.text)
        court = by_name.get(parsed.court_name or "")
        for section in parsed.sections:
            paragraphs = tuple(_paragraphs(parsed, section, court))
            if paragraphs:
                sections.append(SourceSection(section.heading, section.topic, paragraphs))
    paragraphs = tuple(p for s in sections for p in s.paragraphs)
    return Sources(tuple(sections), paragraphs, chars)


def _paragraphs(parsed: ParsedReport, section, court):
    cursor = parsed.text.find(section.text, max(section.start, 0))
    if cursor < 0:
        return
    for line in section.text.split("\n"):
        start = parsed.text.find(line, cursor)
        if not line.strip() or start < 0:
            continue
        end = cursor = start + len(line)
        metrics = tuple(
            replace(m, start=m.start - start, end=m.end - start, section_order=None)
            for m in parsed.metrics
            if start <= m.start and m.end <= end
        )
        initiatives = tuple(
            replace(i, start=i.start - start, end=i.end - start, section_order=None)
            for i in parsed.initiatives
            if start <= i.start and i.end <= end
        )
        yield Paragraph(line, metrics, initiatives, court, parsed.year)


def choose_courts(courts, count: int, rng: random.Random) -> list[CourtRecord]:
    """The anchor courts, then a uniform sample of the directory (mostly basic courts, as in
    the country)."""
    by_name = {c.name: c for c in courts}
    chosen = [by_name[name] for name in ANCHOR_COURTS if name in by_name]
    rest = [c for c in courts if c.name not in ANCHOR_COURTS]
    chosen += rng.sample(rest, max(count - len(chosen), 0))
    return chosen[:count]


def synthesize(sources: Sources, courts, count: int, seed: int = 2026):
    """``count`` ParsedReports: each chosen court with every year of ``YEARS`` in turn."""
    rng = random.Random(seed)
    chosen = choose_courts(courts, math.ceil(count / len(YEARS)), rng)
    # Zipf weights over a shuffled paragraph order: a few paragraphs are everywhere, most are
    # rare, as with the phrases of real reports.
    order = list(range(len(sources.paragraphs)))
    rng.shuffle(order)
    weights = [0.0] * len(order)
    for rank, index in enumerate(order, start=1):
        weights[index] = 1.0 / rank
    cumulative = list(_accumulate(weights))
    for number in range(count):
        court = chosen[number // len(YEARS)]
        year = YEARS[number % len(YEARS)]
        report_rng = random.Random(f"{seed}-{number}")
        yield build_report(sources, cumulative, court, year, report_rng, number)


def _accumulate(weights):
    total = 0.0
    for weight in weights:
        total += weight
        yield total


def build_report(sources, cumulative, court, year, rng, number) -> ParsedReport:
    kind = "work_report" if rng.random() < 0.8 else "news_review"
    suffix = "工作报告" if kind == "work_report" else "工作综述"
    title = f"{court.name}{year}年{suffix}"
    lines, metrics, initiatives, sections, used = [title], [], [], [], set()
    offset = len(title) + 1
    for order in range(1, rng.randint(*SECTIONS_PER_REPORT) + 1):
        template = rng.choice(sources.sections)
        heading = "" if order == 1 else template.heading or _topic_heading(template.topic)
        target = min(max(int(rng.gauss(*SECTION_CHARS)), 150), 2000)
        picked = [rng.choice(template.paragraphs)]
        while sum(len(p.text) for p in picked) < target:
            # A paragraph appears once per report, as in a real one.
            for _ in range(20):
                index = _draw(cumulative, rng)
                if index not in used:
                    break
            used.add(index)
            picked.append(sources.paragraphs[index])
        section_start = offset
        if heading:
            lines.append(heading)
            offset += len(heading) + 1
        body_start = offset
        body = []
        for paragraph in picked:
            names = (paragraph.court, court, paragraph.year, year)
            text, shift = substitute(paragraph.text, *names)
            metrics += [_moved(m, offset, shift, order, names) for m in paragraph.metrics]
            initiatives += [_moved(i, offset, shift, order, names) for i in paragraph.initiatives]
            body.append(text)
            offset += len(text) + 1
        lines.extend(body)
        sections.append(
            _section(order, heading, "\n".join(body), template.topic, section_start, body_start)
        )
    text = "\n".join(lines)
    return ParsedReport(
        text=text,
        content_hash=content_hash(text),
        title=title,
        court_name=court.name,
        year=year,
        kind=kind,
        source="基准测试合成语料",
        published_on=f"{year + 1}-01-{1 + number % 28:02d}",
        sections=tuple(sections),
        metrics=tuple(metrics),
        initiatives=tuple(initiatives),
        parser_version=PARSER_VERSION,
    )


def _draw(cumulative, rng) -> int:
    return bisect.bisect_left(cumulative, rng.random() * cumulative[-1])


def _topic_heading(topic: str) -> str:
    return {"overview": "工作概况", "other": "其他工作"}.get(topic, "重点工作")


def _section(order, heading, body, topic, start, body_start):
    return ParsedSection(
        order=order,
        heading=heading,
        text=body,
        topic=topic,
        start=start,
        end=body_start + len(body),
    )


def _moved(item, offset, shift, order, names):
    """A metric or initiative where its text now is, its own texts renamed too."""
    values = {
        "start": offset + shift(item.start),
        "end": offset + shift(item.end),
        "section_order": order,
        "evidence": substitute(item.evidence, *names)[0],
    }
    if isinstance(item, ParsedInitiative):
        values["name"] = substitute(item.name, *names)[0]
        values["canonical_name"] = substitute(item.canonical_name, *names)[0]
    else:
        values["label"] = substitute(item.label, *names)[0]
    return replace(item, **values)


# --- names ------------------------------------------------------------------------------


def strip_suffix(name: str, suffixes) -> str:
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def names_of(court: CourtRecord) -> list[tuple[str, str]]:
    """(kind, name) pairs, most specific first: what a text may call the court and its place."""
    place = court.city or court.province
    pairs = [("name", court.name), ("short", court.short_name)]
    pairs += [("short", alias) for alias in court.aliases]
    if place:
        pairs += [("city", place), ("city_stem", strip_suffix(place, CITY_SUFFIXES))]
    if court.province and court.province != place:
        pairs += [("province", court.province)]
        pairs += [("province_stem", strip_suffix(court.province, PROVINCE_SUFFIXES))]
    return [(kind, name) for kind, name in pairs if len(name) >= 2]


def _replacements(source: CourtRecord, target: CourtRecord) -> dict[str, str]:
    wanted = dict(reversed(names_of(target)))  # the first name of each kind wins
    wanted.setdefault("city", target.province or target.name)
    wanted.setdefault("city_stem", strip_suffix(wanted["city"], CITY_SUFFIXES))
    wanted.setdefault("province", target.province or wanted["city"])
    wanted.setdefault("province_stem", strip_suffix(wanted["province"], PROVINCE_SUFFIXES))
    table = {}
    for kind, name in names_of(source):
        table.setdefault(name, wanted.get(kind, target.name))
    return table


_patterns: dict[tuple[str, str, int | None, int], tuple[re.Pattern, dict]] = {}


def substitute(text: str, source, target, source_year, year):
    """``text`` with the source court's names and year replaced by the target's, and a
    function mapping an old offset to the new one.

    >>> new, shift = substitute("呼和浩特市中院2023年", hohhot, bayannur, 2023, 2019)
    >>> new, shift(7)  # an alias becomes the short name; offset 7 (2023) moves to 6
    ('巴彦淖尔中院2019年', 6)
    """
    key = (source.name if source else "", target.name, source_year, year)
    if key not in _patterns:
        table = _replacements(source, target) if source else {}
        if source_year and source_year != year:
            table[f"{source_year}年"] = f"{year}年"
        table = {old: new for old, new in table.items() if old != new}
        alternatives = "|".join(re.escape(old) for old in sorted(table, key=len, reverse=True))
        _patterns[key] = (re.compile(alternatives) if table else None, table)
    pattern, table = _patterns[key]
    if pattern is None:
        return text, lambda position: position
    ends, deltas, pieces, last, delta = [], [], [], 0, 0
    for match in pattern.finditer(text):
        new = table[match.group()]
        pieces += [text[last : match.start()], new]
        last = match.end()
        delta += len(new) - len(match.group())
        ends.append(match.end())
        deltas.append(delta)
    pieces.append(text[last:])

    def shift(position: int) -> int:
        at = bisect.bisect_right(ends, position)
        return position + (deltas[at - 1] if at else 0)

    return "".join(pieces), shift
