"""Editors' corrections of extracted figures: the one place that writes them.

The review queue, the metric change page and the metric list all come through
``correct_metric``: it records who changed what and why in the row's history
(django-simple-history) and marks the row verified, which is what makes the correction survive
re-extraction (``reports.reextract``: a verified row keeps the editor's values, and a row the
editor dismissed as "not a figure" stays, dismissed, so the parser cannot add it again).

    >>> correct_metric(metric, {"value": None, "yoy_change": Decimal("-17.99"),
    ...                         "yoy_unit": "%"}, user=editor, reason="审核队列：更正")
    True
"""

from __future__ import annotations

from reports.loading.load import save_as
from reports.models import Metric
from reports.reextract import METRIC_CONTENT

# What an editor may set on a figure: its content, whether it is a figure at all, and where
# it sits (the change page also offers the report's section and the evidence sentence).
CORRECTABLE = (*METRIC_CONTENT, "dismissed", "verified", "section", "raw", "evidence", "report")


def correct_metric(metric: Metric, changes: dict, *, user=None, reason: str) -> bool:
    """Apply an editor's ``changes`` (field name → new value) to ``metric`` and save it as
    verified, with ``reason`` in its history. An empty ``changes`` confirms the row as read
    ("核对无误"). Returns whether anything was written (a verified row confirmed again is not).

    ``changes`` may name only fields of ``CORRECTABLE``; an explicit ``verified`` is the
    editor's word and wins over the verified mark a correction implies.
    """
    unknown = set(changes) - set(CORRECTABLE)
    if unknown:
        raise ValueError(f"not a correctable metric field: {sorted(unknown)}")
    changed = [name for name, value in changes.items() if getattr(metric, name) != value]
    for name in changed:
        setattr(metric, name, changes[name])
    verified = changes.get("verified", True)
    if not changed and metric.verified == verified:
        return False
    metric.verified = verified
    save_as(metric, user, reason)
    return True


def dismiss_metric(metric: Metric, *, user=None, reason: str) -> bool:
    """Mark a row as not a figure (a number inside a name, a date read as a count)."""
    return correct_metric(metric, {"dismissed": True}, user=user, reason=reason)
