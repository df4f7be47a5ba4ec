"""Measuring search against hand-judged queries (``tests/data/relevance/queries.json``).

The documents are ingested through the real pipeline and indexed, each query goes through the
search layer as a reader's would (``page.build_request`` → ``page.search``), and the first page
(10 sections) is scored:

- recall@10: share of the relevant sections on the first page;
- MRR: 1 / rank of the first relevant section;
- nDCG@10: graded gain (2 = about the query, 1 = relevant) discounted by rank;
- zero-result share: queries with relevant sections that found nothing.

Queries judged to find nothing are scored apart (``negatives``: passed when nothing is found).

    >>> recall_at([3, 1, 2], {1: 2, 4: 1}), reciprocal_rank([3, 1, 2], {1: 2})
    (0.5, 0.5)
"""

from __future__ import annotations

import json
import math
import statistics
from dataclasses import dataclass, field
from pathlib import Path

K = 10


def recall_at(ranked: list[int], relevant: dict[int, int], k: int = K) -> float:
    if not relevant:
        return 1.0
    return len(set(ranked[:k]) & set(relevant)) / len(relevant)


def reciprocal_rank(ranked: list[int], relevant: dict[int, int]) -> float:
    for rank, section in enumerate(ranked, start=1):
        if section in relevant:
            return 1 / rank
    return 0.0


def ndcg_at(ranked: list[int], relevant: dict[int, int], k: int = K) -> float:
    if not relevant:
        return 1.0
    gain = sum((2 ** relevant.get(s, 0) - 1) / math.log2(i + 2) for i, s in enumerate(ranked[:k]))
    ideal = sorted(relevant.values(), reverse=True)[:k]
    best = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return gain / best


@dataclass
class QueryOutcome:
    q: str
    kind: str
    relevant: dict[int, int]  # section id → grade
    ranked: list[int]  # section ids of the first page
    count: int
    took_ms: float
    names: dict[int, str] = field(default_factory=dict)  # section id → alias (B2, H6 …)
    note: str = ""

    @property
    def negative(self) -> bool:
        return not self.relevant

    @property
    def missed(self) -> list[str]:
        return [self.names[s] for s in self.relevant if s not in self.ranked[:K]]


@dataclass
class Evaluation:
    outcomes: list[QueryOutcome]

    @property
    def positives(self) -> list[QueryOutcome]:
        return [o for o in self.outcomes if not o.negative]

    def summary(self) -> dict:
        positives = self.positives
        negatives = [o for o in self.outcomes if o.negative]

        def mean(values):
            values = list(values)
            return round(sum(values) / len(values), 4) if values else 0.0

        return {
            "queries": len(self.outcomes),
            "recall@10": mean(recall_at(o.ranked, o.relevant) for o in positives),
            "mrr": mean(reciprocal_rank(o.ranked, o.relevant) for o in positives),
            "ndcg@10": mean(ndcg_at(o.ranked, o.relevant) for o in positives),
            "zero_result_share": mean(o.count == 0 for o in positives),
            "negatives_passed": f"{sum(o.count == 0 for o in negatives)}/{len(negatives)}",
            "median_ms": round(statistics.median(o.took_ms for o in self.outcomes), 1),
        }

    def failures(self) -> list[QueryOutcome]:
        return [
            o
            for o in self.outcomes
            if (o.negative and o.count)
            or (not o.negative and (o.missed or reciprocal_rank(o.ranked, o.relevant) < 1))
        ]


def load_judgments(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def resolve_sections(judgments: dict, report_ids: dict[str, int]) -> dict[str, int]:
    """Alias → section id; each passage must name exactly one section of its document.

    A passage is copied from the document as written; the stored text is normalised (a
    reading gloss dropped, spaces collapsed), so the passage is looked for in both forms."""
    from reports.ingest.normalize import normalize_text
    from reports.models import Section

    resolved = {}
    for alias, (document, passage) in judgments["sections"].items():
        sections = list(
            Section.objects.filter(report_id=report_ids[document]).select_related("report")
        )
        forms = {passage, normalize_text(passage)}
        found = [s.pk for s in sections if any(f in f"{s.heading}\n{s.text}" for f in forms)]
        if not found and sections and passage in sections[0].report.title:
            # A part that is only the title line: the portal shows the title above the
            # first section, so a reader landing there lands on it.
            found = [min(sections, key=lambda s: s.order).pk]
        if len(found) != 1:
            raise ValueError(f"passage of {alias} matches {len(found)} sections: {passage}")
        resolved[alias] = found[0]
    return resolved


def gold_court(path: Path):
    """The Court of a corpus text as labelled in ``../gold/<name>.json``, if there is one."""
    from reports.models import Court

    gold = path.parent.parent / "gold" / f"{path.stem}.json"
    try:
        name = json.loads(gold.read_text(encoding="utf-8")).get("court")
    except (OSError, ValueError):
        return None
    return Court.objects.filter(name=name).first() if name else None


def load_documents(judgments: dict, base_dir: Path) -> dict[str, int]:
    """Ingest and publish every document; document key → report id. Builds the index."""
    from reports.choices import ReportStatus
    from reports.loading.files import ingest_file
    from reports.models import Report
    from reports.search import autocomplete
    from reports.search.courts import forget_court_names
    from reports.search.indexing import build_index

    report_ids = {}
    for key, relative in judgments["documents"].items():
        path = Path(base_dir) / relative
        # An editor names the court the parser could not find; the labelled court of the
        # same text (its gold file beside the corpus) stands in for the editor.
        entry = ingest_file(path, court=gold_court(path), publish=True)
        if entry["status"] == "error":
            raise ValueError(f"{relative}: {entry['error']}")
        if not Report.objects.filter(pk=entry["report_id"], status=ReportStatus.PUBLISHED).exists():
            raise ValueError(f"{relative}: not published (no court), so no search could find it")
        report_ids[key] = entry["report_id"]
    build_index()
    # The court directory was just loaded in bulk (no signals): names cached a moment ago
    # would miss its courts (court:呼伦贝尔中院 would be dropped as unknown).
    forget_court_names()
    autocomplete.forget()
    return report_ids


# Parts of query handling that evaluate_search can switch off to measure them.
switches = {"use_court_names": True, "use_synonyms": True, "fallbacks": True}


def evaluate(judgments: dict, sections: dict[str, int]) -> Evaluation:
    from reports.search.page import build_request, search

    names = {pk: alias for alias, pk in sections.items()}
    outcomes = []
    for query in judgments["queries"]:
        page = search(build_request(query["q"], **switches))
        outcomes.append(
            QueryOutcome(
                q=query["q"],
                kind=query["kind"],
                relevant={sections[a]: grade for a, grade in query["relevant"].items()},
                ranked=[hit.section_id for hit in page.results],
                count=page.count,
                took_ms=page.took_ms,
                names=names,
                note=query.get("note", ""),
            )
        )
    return Evaluation(outcomes)
