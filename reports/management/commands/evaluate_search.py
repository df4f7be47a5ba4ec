"""Search quality on the hand-judged queries of tests/data/relevance/queries.json.

    python manage.py evaluate_search                    # figures and the queries that fail
    python manage.py evaluate_search --json             # figures only, as JSON
    python manage.py evaluate_search --without grams    # what one part contributes

Runs on a throwaway copy: the documents are ingested into the current database inside a
transaction that is rolled back, and indexed into a temporary directory.
"""

import io
import json
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test.utils import override_settings

from reports.evaluation import search as evaluation
from reports.models import Court
from reports.search import analysis, whoosh_syntax

PARTS = {
    "subwords": (analysis, "EMIT_SUBWORDS"),
    "grams": (whoosh_syntax.switches, "grams"),
    "courts": (evaluation.switches, "use_court_names"),
    "synonyms": (evaluation.switches, "use_synonyms"),
    "fallbacks": (evaluation.switches, "fallbacks"),
}
DEFAULT_JUDGMENTS = Path(settings.BASE_DIR) / "tests" / "data" / "relevance" / "queries.json"


class Command(BaseCommand):
    help = "Measure recall@10, MRR, nDCG@10 and the zero-result share on judged queries."

    def add_arguments(self, parser):
        parser.add_argument("--queries", type=Path, default=DEFAULT_JUDGMENTS)
        parser.add_argument("--json", action="store_true", help="print the figures as JSON")
        parser.add_argument(
            "--without",
            default="",
            help=f"comma-separated parts to switch off: {', '.join(PARTS)}",
        )

    def handle(self, *args, queries, json: bool, without: str, **options):
        parts = [p.strip() for p in without.split(",") if p.strip()]
        unknown = set(parts) - set(PARTS)
        if unknown:
            raise CommandError(f"unknown parts: {', '.join(sorted(unknown))}")
        judgments = evaluation.load_judgments(queries)
        if not database_ready():
            raise CommandError(
                "数据库尚未建表，请先运行 manage.py migrate "
                "(the database has no tables yet: run manage.py migrate first)"
            )
        saved = {p: switch(*PARTS[p]) for p in parts}
        for part in parts:
            switch(*PARTS[part], False)
        try:
            result = run(judgments)
        except ValueError as exc:  # a judged passage that names no single section
            raise CommandError(
                f"评测集与文档对不上 / judgments do not fit the documents: {exc}"
            ) from exc
        finally:
            for part, value in saved.items():
                switch(*PARTS[part], value)
        summary = result.summary()
        if json:
            self.stdout.write(dumps(summary))
            return
        self.stdout.write(" ".join(f"{k}={v}" for k, v in summary.items()))
        failures = result.failures()
        if failures:
            self.stdout.write(f"\n{len(failures)} queries not answered perfectly:")
            self.stdout.write("query | kind | found | missed on page 1 | first relevant at")
        for o in failures:
            rank = evaluation.reciprocal_rank(o.ranked, o.relevant)
            first = f"{round(1 / rank)}" if rank else "-"
            missed = ",".join(o.missed) if not o.negative else "(should find nothing)"
            self.stdout.write(f"{o.q} | {o.kind} | {o.count} | {missed} | {first}  {o.note}")


def database_ready() -> bool:
    return Court._meta.db_table in connection.introspection.table_names()


def switch(holder, name, value=None):
    """Read (``value`` None) or set a part's switch, on a module or in a dict."""
    if isinstance(holder, dict):
        if value is not None:
            holder[name] = value
        return holder[name]
    if value is not None:
        setattr(holder, name, value)
    return getattr(holder, name)


def dumps(summary):
    return json.dumps(summary, ensure_ascii=False)


def run(judgments) -> evaluation.Evaluation:
    with tempfile.TemporaryDirectory() as tmp:
        index = {**settings.HAYSTACK_CONNECTIONS["default"], "PATH": f"{tmp}/index"}
        with (
            override_settings(MEDIA_ROOT=f"{tmp}/uploads", HAYSTACK_CONNECTIONS={"default": index}),
            transaction.atomic(),
        ):
            if not Court.objects.exists():
                call_command("load_courts", verbosity=0, stdout=io.StringIO())
            report_ids = evaluation.load_documents(judgments, settings.BASE_DIR)
            sections = evaluation.resolve_sections(judgments, report_ids)
            result = evaluation.evaluate(judgments, sections)
            transaction.set_rollback(True)
    return result
