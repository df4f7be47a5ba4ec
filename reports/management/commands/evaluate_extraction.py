"""Measure extraction against the hand-labelled gold set (tests/data/gold/).

    python manage.py evaluate_extraction            # table per document and overall
    python manage.py evaluate_extraction --json     # the same as JSON
    python manage.py evaluate_extraction --details  # plus what was missed and what was extra
    python manage.py evaluate_extraction --gold DIR # another labelled set (gold files as in
                                                    # tests/data/gold/, documents under the repo)
    python manage.py evaluate_extraction --heldout  # the held-back set, tests/data/heldout/:
                                                    # score it once, when the rules are final

Scoring rules: reports/evaluation/extraction.py. Documents are parsed exactly as ingest parses them
(reports.ingest.parse.parse_report with the court directory), without hints.
"""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from reports.evaluation.extraction import DocumentScore, evaluate_gold_set, summarise
from reports.ingest.court import load_directory

ROOT = Path(settings.BASE_DIR)
GOLD_DIR = ROOT / "tests" / "data" / "gold"
HELDOUT_DIR = ROOT / "tests" / "data" / "heldout"
COURTS = ROOT / "fixtures" / "courts.json"


def run_evaluation(gold_dir: Path = GOLD_DIR) -> list[DocumentScore]:
    """Every gold document parsed and scored (used by the command and its test)."""
    from reports.ingest.parse import parse_report

    courts = load_directory(COURTS)
    return evaluate_gold_set(gold_dir, ROOT, partial(parse_report, courts=courts))


def _row(score: DocumentScore) -> dict:
    return {
        "document": score.document,
        "section_f1": round(score.sections.f1, 3),
        "metric_precision": round(score.metrics.precision, 3),
        "metric_recall": round(score.metrics.recall, 3),
        "metrics_correct": score.metrics.tp,
        "metrics_gold": score.metrics.tp + score.metrics.fn,
        "metrics_found": score.metrics.tp + score.metrics.fp,
        "yoy_accuracy": round(score.yoy_accuracy, 3),
        "initiative_precision": round(score.initiatives.precision, 3),
        "initiative_recall": round(score.initiatives.recall, 3),
        "court_ok": score.court_ok,
        "year_ok": score.year_ok,
        "kind_ok": score.kind_ok,
        "found": score.found,
    }


class Command(BaseCommand):
    help = "按人工标注的金标准评估抽取质量 (section F1, metric P/R, initiative P/R, court/year)."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="print one JSON object")
        parser.add_argument("--details", action="store_true", help="list misses and extras")
        parser.add_argument("--gold", default=str(GOLD_DIR), help="gold directory")
        parser.add_argument(
            "--heldout",
            action="store_true",
            help="score the held-back set (tests/data/heldout/, its gold/ folder if it has one)",
        )

    def handle(self, *args, **options):
        gold = Path(options["gold"]).resolve()  # a relative --gold works from any folder
        if options["heldout"]:
            gold = HELDOUT_DIR / "gold" if (HELDOUT_DIR / "gold").is_dir() else HELDOUT_DIR
        if not any(gold.glob("*.json")):
            raise CommandError(f"没有金标准文件 / no gold files in {gold}")
        try:
            scores = run_evaluation(gold)
        except (ImportError, OSError, KeyError) as exc:
            raise CommandError(f"无法评估 / cannot evaluate: {exc}") from exc
        overall = summarise(scores)
        summary = {
            "documents": len(scores),
            "section_f1": round(overall.sections.f1, 3),
            "metric_precision": round(overall.metrics.precision, 3),
            "metric_recall": round(overall.metrics.recall, 3),
            "metrics_correct": overall.correct_metrics,
            "yoy_accuracy": round(overall.yoy_accuracy, 3),
            "initiative_precision": round(overall.initiatives.precision, 3),
            "initiative_recall": round(overall.initiatives.recall, 3),
            "court_accuracy": round(overall.court_accuracy, 3),
            "year_accuracy": round(overall.year_accuracy, 3),
            "kind_accuracy": round(overall.kind_accuracy, 3),
        }
        if options["json"]:
            payload = {"documents": [_row(s) for s in scores], "overall": summary}
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        self._table(scores, summary, options["details"])

    def _table(self, scores, summary, details):
        header = f"{'document':56} {'secF1':>5} {'metP':>5} {'metR':>5} {'ok/gold':>8} {'yoy':>5} {'iniP':>5} {'iniR':>5} court year kind"
        self.stdout.write(header)
        for score in scores:
            r = _row(score)
            self.stdout.write(
                f"{r['document'][-56:]:56} {r['section_f1']:5.2f} {r['metric_precision']:5.2f} "
                f"{r['metric_recall']:5.2f} {r['metrics_correct']:>3}/{r['metrics_gold']:<4} "
                f"{r['yoy_accuracy']:5.2f} {r['initiative_precision']:5.2f} {r['initiative_recall']:5.2f} "
                f"{'ok' if r['court_ok'] else 'NO':>5} {'ok' if r['year_ok'] else 'NO':>4} "
                f"{'ok' if r['kind_ok'] else 'NO':>4}"
            )
            if details:
                self._details(score)
        s = summary
        self.stdout.write(
            f"{'overall (' + str(s['documents']) + ' documents)':56} {s['section_f1']:5.2f} "
            f"{s['metric_precision']:5.2f} {s['metric_recall']:5.2f} {s['metrics_correct']:>8} "
            f"{s['yoy_accuracy']:5.2f} {s['initiative_precision']:5.2f} {s['initiative_recall']:5.2f} "
            f"{s['court_accuracy']:5.2f} {s['year_accuracy']:4.2f} {s['kind_accuracy']:4.2f}"
        )

    def _details(self, score: DocumentScore) -> None:
        found = score.found
        self.stdout.write(
            f"    parsed: court={found['court']} year={found['year']} kind={found['kind']}"
        )
        for heading in score.missed_sections:
            self.stdout.write(f"    section missed: {heading}")
        for heading in score.extra_sections:
            self.stdout.write(f"    section extra:  {heading}")
        for row in score.missed_metrics:
            self.stdout.write(f"    metric missed:  {_figure(row)}")
        for metric in score.extra_metrics:
            self.stdout.write(f"    metric extra:   {_figure(vars(metric))}")
        for name in score.missed_initiatives:
            self.stdout.write(f"    initiative missed: {name}")
        for name in score.extra_initiatives:
            self.stdout.write(f"    initiative extra:  {name}")


def _figure(row: dict) -> str:
    """``审结案件 = 325 件 (325件)``; a change-only row ``上诉率 = 同比 -17.99 % (17.99%)``."""
    if row.get("value") is None:
        shown = f"同比 {row.get('yoy_change')} {row.get('yoy_unit') or ''}".rstrip()
    else:
        shown = f"{row['value']} {row['unit']}"
    change = row.get("yoy_change")
    if row.get("value") is not None and change is not None:
        shown += f"，同比 {change} {row.get('yoy_unit') or ''}".rstrip()
    return f"{row['label']} = {shown} ({row.get('raw', '')})"
