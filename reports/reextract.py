"""What re-extracting a report would change: its rows compared with a new parse.

Reads only; ``reports.loading.load.reextract_report`` shows the diff to editors and applies it.
Rows are matched, not replaced, so editors' work is recognisable across parses:

- a metric by its figure as written and its evidence sentence (``raw`` + ``evidence``), else by
  figure and offset (``raw`` + ``start``) when the sentence was reworded;
  an initiative the same way by ``name``;
- a matched unverified row takes the parser's new values; a verified row keeps the editor's
  values (only its position in the text follows the new parse); a verified row the parser no
  longer finds is kept; an unverified one is removed; a dismissed row ("not a figure") counts
  as verified, so it stays dismissed and the parser's reading of it is not added again;
- sections are matched by their order number (it is their permalink anchor);
- report fields changed by an editor since the last load are kept.

    >>> diff = plan_reextract(report, parse_text(report.text, courts))
    >>> [(c.action, c.label) for c in diff.metrics]
    [('added', '执结案件 1.2万件'), ('kept', '审结案件 325件')]
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from reports.choices import InitiativeCategory, choice_label
from reports.models import Court, Initiative, Metric, Report, Section
from reports.templatetags.report_format import plain_number

# Report fields the parser fills; an editor's change to any of them is kept.
PARSED_FIELDS = ("title", "court", "year", "period", "kind", "source", "byline", "published_on")
# What a figure says, the fields an editor corrects (reports.loading.corrections); the
# comparison with a new parse also reads how it was written and where.
METRIC_CONTENT = (
    "label",
    "indicator",
    "value",
    "unit",
    "approx",
    "yoy_change",
    "yoy_unit",
    "scope",
)
METRIC_COMPARED = (*METRIC_CONTENT, "raw", "evidence")
INITIATIVE_CONTENT = ("name", "canonical_name", "category", "evidence")
SECTION_CONTENT = ("heading", "topic", "text")
# Fields without model choices whose values editors know by a Chinese name.
CATEGORY_LABELS = {"category": InitiativeCategory}
# Where a row sits in the text: follows the new parse even for verified rows.
POSITION = ("start", "end", "section", "confidence")


@dataclass
class FieldChange:
    name: str
    label: str
    before: str
    after: str
    kept: bool  # an editor changed this field: the parser's value is not applied


@dataclass
class RowChange:
    action: str  # added / removed / changed / kept
    label: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # (field, before, after)


@dataclass
class RowPlan:
    """The writes that realise a diff for one kind of row (applied by load.py)."""

    create: list = field(default_factory=list)  # parsed items
    update: list = field(default_factory=list)  # (row, parsed item, content too?)
    delete: list = field(default_factory=list)  # rows


@dataclass
class ReextractDiff:
    report: Report
    fields: list[FieldChange] = field(default_factory=list)
    sections: list[RowChange] = field(default_factory=list)
    metrics: list[RowChange] = field(default_factory=list)
    initiatives: list[RowChange] = field(default_factory=list)
    text_changed: bool = False
    applied: bool = False
    # What load.py writes; not for display.
    values: dict = field(default_factory=dict, repr=False)
    section_plan: RowPlan = field(default_factory=RowPlan, repr=False)
    metric_plan: RowPlan = field(default_factory=RowPlan, repr=False)
    initiative_plan: RowPlan = field(default_factory=RowPlan, repr=False)

    def count(self, action: str) -> int:
        rows = self.sections + self.metrics + self.initiatives
        return sum(1 for change in rows if change.action == action)

    @property
    def has_changes(self) -> bool:
        applied_fields = [f for f in self.fields if not f.kept]
        return bool(
            applied_fields
            or self.text_changed
            or any(c.action != "kept" for c in self.sections + self.metrics + self.initiatives)
        )

    def summary(self) -> str:
        """ "新增 3，删除 1，修改 2，保留已核对 4" — for messages and the command line."""
        return "，".join(
            f"{label} {self.count(action)}"
            for action, label in (
                ("added", "新增"),
                ("removed", "删除"),
                ("changed", "修改"),
                ("kept", "保留已核对"),
            )
        )


def plan_reextract(
    report: Report,
    parsed,
    *,
    court: Court | None = None,
    year: int | None = None,
    edited: set[str] = frozenset(),
) -> ReextractDiff:
    """Compare ``report`` (as stored) with ``parsed``; ``edited`` names the report fields an
    editor changed, ``court``/``year`` are the already-resolved values of the new parse."""
    diff = ReextractDiff(report=report)
    plan_fields(diff, report, parsed, court, year, edited)
    plan_sections(diff, report, parsed.sections)
    diff.metrics, diff.metric_plan = plan_rows(
        list(report.metrics.order_by("start", "id")),
        parsed.metrics,
        key="raw",
        content=METRIC_COMPARED,
        describe=lambda m: f"{m.label} {m.raw}",
    )
    diff.initiatives, diff.initiative_plan = plan_rows(
        list(report.initiatives.order_by("start", "id")),
        parsed.initiatives,
        key="name",
        content=INITIATIVE_CONTENT,
        describe=lambda i: i.name,
    )
    return diff


def plan_fields(diff, report, parsed, court, year, edited):
    new = {
        "title": parsed.title,
        "court": court,
        "year": year,
        "period": parsed.period,
        "kind": parsed.kind,
        "source": parsed.source,
        "byline": parsed.byline,
        "published_on": parse_date(parsed.published_on),
    }
    for name in PARSED_FIELDS:
        value, current = new[name], getattr(report, name)
        # The parser not finding something is no reason to erase what the report has.
        if value in (None, "") or value == current:
            continue
        label = str(Report._meta.get_field(name).verbose_name)
        kept = name in edited
        before, after = _display(Report, name, current), _display(Report, name, value)
        diff.fields.append(FieldChange(name, label, before, after, kept))
        if not kept:
            diff.values[name] = value
    if parsed.content_hash != report.content_hash:
        diff.text_changed = True
        diff.values.update(text=parsed.text, content_hash=parsed.content_hash)
    if parsed.parser_version and parsed.parser_version != report.parser_version:
        diff.values["parser_version"] = parsed.parser_version
        label = str(Report._meta.get_field("parser_version").verbose_name)
        diff.fields.append(
            FieldChange(
                "parser_version", label, report.parser_version, parsed.parser_version, False
            )
        )


def plan_sections(diff, report, parsed_sections):
    existing = {s.order: s for s in report.sections.all()}
    plan = diff.section_plan
    for item in parsed_sections:
        row = existing.pop(item.order, None)
        if row is None:
            plan.create.append(item)
            diff.sections.append(RowChange("added", _section_label(item)))
            continue
        changes = _changes(row, item, SECTION_CONTENT, Section)
        plan.update.append((row, item, True))
        if changes:
            diff.sections.append(RowChange("changed", _section_label(item), changes))
    for row in existing.values():
        plan.delete.append(row)
        diff.sections.append(RowChange("removed", _section_label(row)))


def plan_rows(existing, parsed_items, *, key, content, describe):
    """Match stored rows with parsed items (see the module docstring) → (changes, plan)."""
    model = Metric if key == "raw" else Initiative
    by_evidence, by_offset = defaultdict(list), defaultdict(list)
    for row in existing:
        by_evidence[(getattr(row, key), row.evidence)].append(row)
        by_offset[(getattr(row, key), row.start)].append(row)
    used: set[int] = set()
    changes, plan = [], RowPlan()
    for item in parsed_items:
        row = _take(by_evidence[(getattr(item, key), item.evidence)], used) or _take(
            by_offset[(getattr(item, key), item.start)], used
        )
        if row is None:
            plan.create.append(item)
            changes.append(RowChange("added", describe(item)))
            continue
        differences = _changes(row, item, content, model)
        if _editors(row):
            plan.update.append((row, item, False))
            if differences:
                changes.append(RowChange("kept", describe(row), differences))
        else:
            plan.update.append((row, item, True))
            if differences:
                changes.append(RowChange("changed", describe(row), differences))
    for row in existing:
        if row.pk in used:
            continue
        if _editors(row):
            changes.append(RowChange("kept", describe(row), [("", "已核对", "解析器未再找到")]))
        else:
            plan.delete.append(row)
            changes.append(RowChange("removed", describe(row)))
    return changes, plan


def _editors(row) -> bool:
    """A row an editor has read: verified, or dismissed as "not a figure" (which must not come
    back as a new row on the next parse)."""
    return row.verified or getattr(row, "dismissed", False)


def _take(rows, used):
    for row in rows:
        if row.pk not in used:
            used.add(row.pk)
            return row
    return None


def _changes(row, item, names, model):
    out = []
    for name in names:
        before, after = getattr(row, name), getattr(item, name, None)
        if name == "canonical_name" and not after:
            after = item.name
        if before in (None, "") and after in (None, ""):
            continue
        if before != after:
            label = str(model._meta.get_field(name).verbose_name)
            out.append((label, _display(model, name, before), _display(model, name, after)))
    return out


def _display(model, name, value) -> str:
    """A value as editors read it: choice labels (defendants → 判处罪犯人数), short text."""
    field = model._meta.get_field(name)
    choices = field.flatchoices if field.choices else CATEGORY_LABELS.get(name)
    return choice_label(choices, value) if choices and isinstance(value, str) else _show(value)


def _section_label(section) -> str:
    return f"{section.order}. {section.heading or '（无标题）'}"


def _show(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, Decimal):
        # 13900.0000 as stored reads as 13900, the way the parser and editors write it.
        value = plain_number(value)
    text = str(value)
    return text if len(text) <= 120 else text[:117] + "…"


def parse_date(value: str) -> date | None:
    """ISO date or nothing: "2026-01-12" → date(2026, 1, 12); "" → None."""
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
