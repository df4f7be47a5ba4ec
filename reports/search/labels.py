"""What readers see for the search's fields and values: the one table of facet labels, and
the label of a value (中级人民法院 for ``intermediate``, 2020–2023年 for ``2020..2023``)."""

from __future__ import annotations

from reports.choices import CourtLevel, ReportKind, SectionTopic, choice_label

FACET_FIELDS = ("court", "province", "level", "year", "topic", "kind")
FILTER_FIELDS = (*FACET_FIELDS, "report")
# The ends of a year range, as the sidebar's range control sends them (year=2020..2023 too).
YEAR_RANGE_KEYS = ("year_from", "year_to")
FIELD_LABELS = {
    "court": "法院",
    "province": "省份",
    "level": "法院层级",
    "year": "年份",
    "topic": "主题",
    "kind": "报告类型",
    "report": "报告",
}
CHOICES = {"level": CourtLevel, "topic": SectionTopic, "kind": ReportKind}


def label_for(field: str, value: str) -> str:
    if field in CHOICES:
        return choice_label(CHOICES[field], value, empty=value)
    if field == "year":
        low, dots, high = value.partition("..")
        return f"{low or '…'}–{high or '…'}年" if dots else f"{value}年"
    return value


def match_choice(field: str, value: str) -> str | None:
    """A choice value from its value or label, or a unique part of a label (中级 → intermediate)."""
    choices = CHOICES[field]
    value = value.strip()
    for choice in choices:
        if value in (choice.value, str(choice.label)):
            return choice.value
    partial = [c.value for c in choices if value and value in str(c.label)]
    return partial[0] if len(partial) == 1 else None
