"""Scoring extraction against the hand-labelled gold set (tests/data/gold/).

Pure: takes gold dicts and ParsedReports, returns counts. The rules, which the figures in the
issue notes rest on:

- **Sections**: a heading matches when equal after NFKC, with whitespace and trailing 。 removed
  (``附：减刑…`` = ``附:减刑…``). F1 is over all headings of all documents (micro); a document whose
  gold has no sections scores 1.0 when the parser finds none.
- **Metrics**: a gold row matches one extracted metric (each used once, in text order) with the same
  value (as a decimal: 13900 = 13900.0) and unit (a change-only row, ``value`` null and unit "",
  also needs the same ``yoy_change``), whose label contains the gold label or is
  contained in it, once both are stripped of spaces, quotes, brackets, 《》 and a trailing 的
  (gold 一审知识产权案件 ~ extracted 审结一审知识产权案件). Precision = matched / extracted,
  recall = matched / gold.
- **YoY**: over matched pairs where either side has a change, the share where both agree (and
  their ``yoy_unit``, where the gold row gives one).
- **Initiatives**: canonical names (``reports.ingest.initiatives.canonical_name``) equal, or one
  containing the other when the shorter has at least 4 characters.
- Headings, labels and initiative names are compared in simplified characters (OpenCC t2s), so
  a document written in traditional characters is scored against the same gold.
- **Court** matches when one name contains the other (甘肃省定西市中级人民法院 ~ 定西市中级人民法院);
  **year** and **kind** when equal.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from opencc import OpenCC

from reports.ingest.initiatives import canonical_name
from reports.ingest.numbers import as_decimal
from reports.ingest.types import ParsedMetric, ParsedReport

_TO_SIMPLIFIED = OpenCC("t2s")
_LABEL_NOISE = re.compile(r"[\s“”‘’\"'《》（）()、，,。：:；;·]")


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class DocumentScore:
    document: str
    sections: Counts = field(default_factory=Counts)
    metrics: Counts = field(default_factory=Counts)
    yoy_right: int = 0
    yoy_total: int = 0
    initiatives: Counts = field(default_factory=Counts)
    court_ok: bool = False
    year_ok: bool = False
    kind_ok: bool = False
    missed_metrics: list[dict] = field(default_factory=list)
    extra_metrics: list[ParsedMetric] = field(default_factory=list)
    missed_initiatives: list[str] = field(default_factory=list)
    extra_initiatives: list[str] = field(default_factory=list)
    missed_sections: list[str] = field(default_factory=list)
    extra_sections: list[str] = field(default_factory=list)
    found: dict = field(default_factory=dict)  # court / year / kind as parsed

    @property
    def yoy_accuracy(self) -> float:
        return self.yoy_right / self.yoy_total if self.yoy_total else 1.0


def normalise_heading(heading: str) -> str:
    """``"附:减刑 假释。"`` and ``"附：减刑假释"`` compare equal."""
    heading = _TO_SIMPLIFIED.convert(unicodedata.normalize("NFKC", heading))
    return re.sub(r"\s+", "", heading).rstrip("。.")


def normalise_label(label: str) -> str:
    label = _LABEL_NOISE.sub("", _TO_SIMPLIFIED.convert(unicodedata.normalize("NFKC", label)))
    return label[:-1] if label.endswith("的") else label


def label_matches(gold: str, extracted: str) -> bool:
    """Loose label rule: one contains the other (both non-empty after normalising).

    >>> label_matches("一审知识产权案件", "审结一审知识产权案件"), label_matches("民事案件", "")
    (True, False)
    """
    g, e = normalise_label(gold), normalise_label(extracted)
    return bool(g and e) and (g in e or e in g)


def metric_matches(row: dict, metric: ParsedMetric) -> bool:
    """Same value and unit (a change-only row: no value, same change) and a matching label.

    A change-only row has no unit of its own; a gold row that names the unit its change counts
    (``"unit": "件"`` beside ``"yoy_unit": "件"``) is read the same."""
    value = as_decimal(row.get("value"))
    if metric.value != value:
        return False
    if value is None:
        if as_decimal(row.get("yoy_change")) != metric.yoy_change:
            return False
    elif metric.unit != row["unit"]:
        return False
    return label_matches(row["label"], metric.label)


def score_metrics(
    gold: Sequence[dict], found: Sequence[ParsedMetric], score: DocumentScore
) -> None:
    used = [False] * len(found)
    for row in gold:
        for index, metric in enumerate(found):
            if used[index] or not metric_matches(row, metric):
                continue
            used[index] = True
            score.metrics.tp += 1
            gold_yoy, found_yoy = as_decimal(row.get("yoy_change")), metric.yoy_change
            if gold_yoy is not None or found_yoy is not None:
                score.yoy_total += 1
                same_unit = "yoy_unit" not in row or (row["yoy_unit"] or "") == metric.yoy_unit
                score.yoy_right += gold_yoy == found_yoy and same_unit
            break
        else:
            score.metrics.fn += 1
            score.missed_metrics.append(row)
    for index, metric in enumerate(found):
        if not used[index]:
            score.metrics.fp += 1
            score.extra_metrics.append(metric)


def initiative_matches(gold: str, found: str) -> bool:
    g, f = (canonical_name(_TO_SIMPLIFIED.convert(name)) for name in (gold, found))
    if g == f:
        return True
    shorter = min(len(g), len(f))
    return shorter >= 4 and (g in f or f in g)


def _score_sets(gold: Iterable[str], found: Iterable[str], same) -> tuple[Counts, list, list]:
    gold, found = list(gold), list(found)
    used = [False] * len(found)
    counts, missed = Counts(), []
    for item in gold:
        for index, candidate in enumerate(found):
            if not used[index] and same(item, candidate):
                used[index] = True
                counts.tp += 1
                break
        else:
            counts.fn += 1
            missed.append(item)
    extra = [f for f, u in zip(found, used, strict=True) if not u]
    counts.fp = len(extra)
    return counts, missed, extra


def court_matches(gold: str | None, found: str | None) -> bool:
    if not gold or not found:
        return gold == found or (not gold and not found)
    return gold in found or found in gold


def score_document(gold: dict, parsed: ParsedReport, document: str = "") -> DocumentScore:
    """Compare one parsed report with its gold dict."""
    score = DocumentScore(document=document or gold["document"])
    score.sections, score.missed_sections, score.extra_sections = _score_sets(
        gold.get("sections", []),
        [s.heading for s in parsed.sections if s.heading],
        lambda g, f: normalise_heading(g) == normalise_heading(f),
    )
    score_metrics(gold.get("metrics", []), parsed.metrics, score)
    score.initiatives, score.missed_initiatives, score.extra_initiatives = _score_sets(
        gold.get("initiatives", []), [i.name for i in parsed.initiatives], initiative_matches
    )
    score.court_ok = court_matches(gold.get("court"), parsed.court_name)
    score.year_ok = gold.get("year") == parsed.year
    score.kind_ok = gold.get("kind", parsed.kind) == parsed.kind
    score.found = {"court": parsed.court_name, "year": parsed.year, "kind": parsed.kind}
    return score


@dataclass
class Overall:
    sections: Counts
    metrics: Counts
    initiatives: Counts
    yoy_accuracy: float
    court_accuracy: float
    year_accuracy: float
    kind_accuracy: float
    correct_metrics: int


def summarise(scores: Sequence[DocumentScore]) -> Overall:
    """Micro-averaged counts over all documents; court/year/kind as shares of documents."""
    sections, metrics, initiatives = Counts(), Counts(), Counts()
    yoy_right = yoy_total = 0
    for score in scores:
        sections.add(score.sections)
        metrics.add(score.metrics)
        initiatives.add(score.initiatives)
        yoy_right += score.yoy_right
        yoy_total += score.yoy_total
    n = len(scores) or 1
    return Overall(
        sections=sections,
        metrics=metrics,
        initiatives=initiatives,
        yoy_accuracy=yoy_right / yoy_total if yoy_total else 1.0,
        court_accuracy=sum(s.court_ok for s in scores) / n,
        year_accuracy=sum(s.year_ok for s in scores) / n,
        kind_accuracy=sum(s.kind_ok for s in scores) / n,
        correct_metrics=metrics.tp,
    )


def gold_documents(gold_dir: Path, root: Path) -> list[tuple[Path, dict]]:
    """(file to parse, gold) for every gold file, plus the format variants listed in
    ``formats.json`` (``{"formats/x.docx": "bayannur_zy_2025_review"}``, paths under tests/data)."""
    pairs: list[tuple[Path, dict]] = []
    golds: dict[str, dict] = {}
    for path in sorted(gold_dir.glob("*.json")):
        if path.name == "formats.json":
            continue
        gold = json.loads(path.read_text(encoding="utf-8"))
        golds[path.stem] = gold
        pairs.append((root / gold["document"], gold))
    index = gold_dir / "formats.json"
    if index.exists():
        for variant, stem in json.loads(index.read_text(encoding="utf-8")).items():
            if stem not in golds:
                raise KeyError(f"formats.json: no gold named {stem!r} for {variant}")
            pairs.append((gold_dir.parent / variant, golds[stem]))
    return pairs


def evaluate_gold_set(
    gold_dir: Path, root: Path, parse: Callable[[bytes, str], ParsedReport]
) -> list[DocumentScore]:
    """Parse every gold document with ``parse(data, filename)`` and score it."""
    scores = []
    for path, gold in gold_documents(gold_dir, root):
        parsed = parse(path.read_bytes(), path.name)
        scores.append(score_document(gold, parsed, document=str(path.relative_to(root))))
    return scores
