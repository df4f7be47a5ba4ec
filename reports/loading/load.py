"""ParsedReport → database: the one place that writes a report with its children.

Every write runs in one transaction, so a failure leaves nothing behind and the search index
(``reports.search.signals``, after commit) only ever sees a whole report. The admin, the
``ingest`` and ``load_demo`` commands and the upload page all come through here.

    >>> result = load_report(parse_report(data, "报告.txt", court_directory()), publish=True)
    >>> result.status, result.report.metrics.count()
    ('created', 42)
    >>> load_report(parse_report(data, "报告.txt", court_directory())).status
    'duplicate'

Editors' work survives re-extraction (``reextract_report``): verified metrics and initiatives
are kept as the editor left them, and report fields an editor changed are not overwritten
(``reports.reextract`` says how rows are matched).
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from simple_history.utils import bulk_create_with_history

from reports.choices import ReportKind, ReportStatus, SectionTopic
from reports.court_names import court_directory, resolve_court
from reports.ingest.types import (
    IngestError,
    ParsedInitiative,
    ParsedMetric,
    ParsedReport,
    ParsedSection,
)
from reports.models import Court, Initiative, Metric, Report, Section
from reports.reextract import (
    PARSED_FIELDS,
    POSITION,
    ReextractDiff,
    parse_date,
    plan_reextract,
)

# history_change_reason of the loader's own writes; any other change of a parsed field in a
# report's history was an editor's.
LOAD_REASON = "导入"
REEXTRACT_REASON = "重新抽取"
LOADER_REASONS = (LOAD_REASON, REEXTRACT_REASON)
UNKNOWN_COURT_WARNING = "未识别出法院：已保存为草稿，请指定法院后再发布"


@dataclass
class LoadResult:
    status: str  # created / updated / duplicate
    report: Report
    diff: ReextractDiff | None = None  # the ReextractDiff applied when status == "updated"
    warnings: list[str] = field(default_factory=list)


# --- loading ----------------------------------------------------------------------------


def load_report(
    parsed: ParsedReport,
    *,
    original: tuple[bytes, str] | None = None,
    publish: bool = False,
    court: Court | None = None,
    year: int | None = None,
    user=None,
) -> LoadResult:
    """Write ``parsed`` as a report, or recognise it.

    - same normalised text as an existing report (content hash) → ``duplicate``, nothing written;
    - same court, year, file name and title as an existing report but different text (a
      corrected file) → ``updated``: re-extracted in place, editors' verified rows and edited
      fields kept;
    - otherwise ``created``. ``court``/``year`` override what the parser detected. Without a
      court the report stays a draft with a warning, even with ``publish``.

    Runs in one transaction (``transaction.atomic``); a stored original file is removed again
    if anything fails, so a failure leaves nothing.
    """
    stored: list[str] = []
    try:
        with _discard_on_failure(stored), transaction.atomic():
            return _load(parsed, original, publish, court, year, user, stored)
    except IntegrityError:
        # Another process loaded the same text between our check and our insert.
        existing = Report.objects.filter(content_hash=parsed.content_hash).first()
        if existing is None:
            raise
        return LoadResult("duplicate", existing, warnings=list(existing.warnings))


@contextmanager
def _discard_on_failure(stored: list[str]):
    """Delete the files stored so far when the load fails: the rolled-back transaction cannot
    take them back."""
    try:
        yield
    except BaseException:
        for name in stored:
            default_storage.delete(name)
        raise


def _load(parsed, original, publish, court, year, user, stored) -> LoadResult:
    existing = Report.objects.filter(content_hash=parsed.content_hash).first()
    if existing:
        return LoadResult("duplicate", existing, warnings=list(existing.warnings))
    court = court or resolve_court(parsed.court_name, create=True)
    year = year or parsed.year

    previous = find_previous_version(parsed, court, year, original)
    if previous:
        diff = _apply(previous, parsed, court, year, original, user, stored)
        if publish:
            set_published(diff.report, True, user=user)
        return LoadResult("updated", diff.report, diff=diff, warnings=list(diff.report.warnings))

    warnings = report_warnings(parsed, court)
    report = Report(
        court=court,
        year=year,
        title=clip(parsed.title or _stem(original) or "未命名报告", 300),
        kind=parsed.kind or ReportKind.OTHER,
        period=clip(parsed.period, 30),
        source=clip(parsed.source, 200),
        byline=clip(parsed.byline, 300),
        published_on=parse_date(parsed.published_on),
        text=parsed.text,
        content_hash=parsed.content_hash,
        status=ReportStatus.PUBLISHED if publish and court else ReportStatus.DRAFT,
        warnings=warnings,
        parser_version=clip(parsed.parser_version, 20),
    )
    store_original(report, original, stored)
    save_as(report, user, LOAD_REASON)
    sections = create_sections(report, parsed.sections, user, LOAD_REASON)
    create_metrics(report, parsed.metrics, sections, user, LOAD_REASON)
    create_initiatives(report, parsed.initiatives, sections, user, LOAD_REASON)
    # Saved again once the children exist: index sync reacts to this save after commit.
    report.save_without_historical_record()
    return LoadResult("created", report, warnings=warnings)


def find_previous_version(parsed: ParsedReport, court: Court | None, year: int | None, original):
    """An earlier load of the same document, now corrected: same court, year, file name and
    title (as the report has it now, or as the parser gave it before). Without a file name
    (pasted text) nothing matches: two untitled articles of one court and year would otherwise
    get the same generated title and one would overwrite the other."""
    filename = Path(original[1]).name if original else ""
    if court is None or year is None or not parsed.title or not filename:
        return None
    candidates = Report.objects.filter(court=court, year=year, original_name=filename)
    for report in candidates.order_by("id"):
        loaded_titles = report.history.filter(history_change_reason__in=LOADER_REASONS).values_list(
            "title", flat=True
        )
        if parsed.title == report.title or parsed.title in loaded_titles:
            return report
    return None


def report_warnings(parsed: ParsedReport, court: Court | None) -> list[str]:
    warnings = list(dict.fromkeys(parsed.warnings))
    # The parser already says when it found no court; the loader adds what that means here,
    # unless the parser said so already.
    said = any("法院" in w for w in warnings) and parsed.court_name is None
    if court is None and not said and UNKNOWN_COURT_WARNING not in warnings:
        warnings.append(UNKNOWN_COURT_WARNING)
    return warnings


def set_published(report: Report, published: bool, *, user=None) -> bool:
    """Publish or withdraw a report. A report without a court cannot be published: readers
    browse by court, and an unattributed report would be found by nobody."""
    if published and report.court_id is None:
        return False
    status = ReportStatus.PUBLISHED if published else ReportStatus.DRAFT
    if report.status != status:
        report.status = status
        save_as(
            report, user, "发布" if published else "撤回", update_fields=["status", "updated_at"]
        )
    return True


# --- re-extraction ----------------------------------------------------------------------


def reextract_report(
    report: Report,
    parsed: ParsedReport,
    apply: bool = False,
    *,
    court: Court | None = None,
    year: int | None = None,
    original: tuple[bytes, str] | None = None,
    user=None,
) -> ReextractDiff:
    """Recompute ``report``'s sections, metrics and initiatives from a new parse.

    Returns what changes (added / removed / changed, and verified rows kept as the editor left
    them); writes only with ``apply=True``, in one transaction.

        >>> reextract_report(report, parsed).summary()
        '新增 2，删除 0，修改 1，保留已核对 3'
    """
    if not apply:
        return _plan(report, parsed, court, year)
    stored: list[str] = []
    with _discard_on_failure(stored), transaction.atomic():
        return _apply(report, parsed, court, year, original, user, stored)


def _plan(report, parsed, court, year, create=False) -> ReextractDiff:
    # A preview only reads: a directory court missing from the table is created when the
    # re-extraction is applied, not for its preview.
    court = court or resolve_court(parsed.court_name, create=create)
    return plan_reextract(
        report, parsed, court=court, year=year or parsed.year, edited=edited_fields(report)
    )


def _apply(report, parsed, court, year, original, user, stored) -> ReextractDiff:
    report = Report.objects.select_for_update().get(pk=report.pk)
    diff = _plan(report, parsed, court, year, create=True)
    if diff.text_changed:
        ensure_unique_hash(report, parsed.content_hash)
    for name, value in diff.values.items():
        setattr(report, name, value)
    report.warnings = report_warnings(parsed, report.court)
    if original:
        replaced = report.original_file.name
        store_original(report, original, stored)
        if replaced and replaced != report.original_file.name:
            transaction.on_commit(lambda: default_storage.delete(replaced))
    save_as(report, user, REEXTRACT_REASON)

    plan = diff.section_plan
    for row in plan.delete:
        save_as(row, user, REEXTRACT_REASON, delete=True)
    for row, item, _ in plan.update:
        update_row(row, section_fields(item), user)
    create_sections(report, plan.create, user, REEXTRACT_REASON)
    sections = {s.order: s for s in report.sections.all()}

    for model, plan, to_fields in (
        (Metric, diff.metric_plan, metric_fields),
        (Initiative, diff.initiative_plan, initiative_fields),
    ):
        for row in plan.delete:
            save_as(row, user, REEXTRACT_REASON, delete=True)
        for row, item, with_content in plan.update:
            values = to_fields(item, sections)
            if not with_content:  # verified: the editor's values stay
                values = {k: v for k, v in values.items() if k in POSITION}
            update_row(row, values, user)
        rows = [model(report=report, **to_fields(item, sections)) for item in plan.create]
        bulk_create_with_history(
            rows, model, default_user=user, default_change_reason=REEXTRACT_REASON
        )

    report.save_without_historical_record()
    diff.report, diff.applied = report, True
    return diff


def update_row(row, values: dict, user):
    """Save ``row`` with ``values`` if anything differs (one history record per real change)."""
    changed = False
    for name, value in values.items():
        if name == "section":
            if row.section_id != (value.pk if value else None):
                row.section, changed = value, True
        elif getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    if changed:
        save_as(row, user, REEXTRACT_REASON)


# --- rows -------------------------------------------------------------------------------


def create_sections(report, parsed_sections, user, reason) -> dict[int, Section]:
    rows = [Section(report=report, **section_fields(s)) for s in parsed_sections]
    rows = bulk_create_with_history(rows, Section, default_user=user, default_change_reason=reason)
    return {row.order: row for row in rows}


def create_metrics(report, parsed_metrics, sections, user, reason):
    rows = [Metric(report=report, **metric_fields(m, sections)) for m in parsed_metrics]
    bulk_create_with_history(rows, Metric, default_user=user, default_change_reason=reason)


def create_initiatives(report, parsed_initiatives, sections, user, reason):
    rows = [Initiative(report=report, **initiative_fields(i, sections)) for i in parsed_initiatives]
    bulk_create_with_history(rows, Initiative, default_user=user, default_change_reason=reason)


def section_fields(s: ParsedSection) -> dict:
    return {
        "order": s.order,
        "heading": clip(s.heading, 300),
        "topic": s.topic or SectionTopic.OTHER,
        "text": s.text,
        "start": max(s.start, 0),
    }


def metric_fields(m: ParsedMetric, sections: dict[int, Section]) -> dict:
    return {
        "label": clip(m.label, 200),
        "indicator": m.indicator,
        "value": m.value,
        "unit": clip(m.unit, 20),
        "raw": clip(m.raw, 60),
        "approx": m.approx,
        "yoy_change": m.yoy_change,
        "yoy_unit": m.yoy_unit,
        "scope": m.scope,
        "evidence": m.evidence,
        "start": m.start,
        "end": m.end,
        "confidence": m.confidence,
        "section": sections.get(m.section_order),
    }


def initiative_fields(i: ParsedInitiative, sections: dict[int, Section]) -> dict:
    return {
        "name": clip(i.name, 200),
        "canonical_name": clip(i.canonical_name or i.name, 200),
        "category": clip(i.category, 20),
        "evidence": i.evidence,
        "start": i.start,
        "end": i.end,
        "section": sections.get(i.section_order),
    }


# --- small pieces -----------------------------------------------------------------------


def save_as(instance, user, reason, *, delete=False, **kwargs):
    """Save (or delete) with who and why in the history record. The marks are removed again so
    that an editor's later save of the same object is not taken for the loader's."""
    if user is not None:
        instance._history_user = user
    instance._change_reason = reason
    try:
        instance.delete() if delete else instance.save(**kwargs)
    finally:
        instance.__dict__.pop("_history_user", None)
        instance.__dict__.pop("_change_reason", None)


def edited_fields(report: Report) -> set[str]:
    """Parsed fields whose latest change in the report's history was not the loader's."""
    names = [Report._meta.get_field(n).attname for n in PARSED_FIELDS]
    records = list(
        report.history.order_by("history_date", "history_id").values(
            *names, "history_change_reason"
        )
    )
    edited = set()
    for before, after in zip(records, records[1:], strict=False):
        for name, attname in zip(PARSED_FIELDS, names, strict=True):
            if before[attname] != after[attname]:
                if after["history_change_reason"] in LOADER_REASONS:
                    edited.discard(name)
                else:
                    edited.add(name)
    return edited


def store_original(report: Report, original, stored: list[str]):
    if not original:
        return
    data, filename = original
    name = Path(filename).name or "report.txt"
    report.original_name = clip(name, 255)
    report.original_file.save(name, ContentFile(data), save=False)
    stored.append(report.original_file.name)


def clip(value: str, length: int) -> str:
    return (value or "")[:length]


def _stem(original) -> str:
    return Path(original[1]).stem if original else ""


def ensure_unique_hash(report: Report, content_hash: str):
    if Report.objects.filter(content_hash=content_hash).exclude(pk=report.pk).exists():
        raise IngestError("另一篇报告的正文与此相同，未作更改", "content hash collision")


def parse_upload(data: bytes, filename: str, court=None, year=None) -> ParsedReport:
    """Parse a file with this site's court directory and upload limit; ``court`` (a Court)
    and ``year`` are an editor's overrides. The upload page, re-extraction and the ingest
    command all read files through here."""
    from reports.ingest.parse import parse_report

    return parse_report(
        data,
        filename,
        court_directory(),
        court_hint=court.name if court else None,
        year_hint=year,
        max_bytes=settings.PORTAL_MAX_UPLOAD_BYTES,
    )
