"""A court's headline figures over the years: one row per indicator, one column per year,
and a chart of its case counts (the figures that share a unit)."""

from dataclasses import dataclass, field

from reports.choices import MetricScope
from reports.models import Metric
from reports.pages.explorer import chart_data, metric_flags, pick_per_year, scale_for
from reports.pages.indicators import NOTES


@dataclass
class TrendRow:
    note: object  # IndicatorNote
    scope: str
    scale: object  # Scale
    cells: list = field(default_factory=list)  # [(year, metric or None, flags)]

    @property
    def label(self):
        return line_label(self.note.value, self.scope == MetricScope.REGION)


@dataclass
class Trends:
    years: list
    rows: list
    chart: dict | None


def line_label(indicator, region):
    """A court's own figures and its region's totals are different lines."""
    return NOTES[indicator].label + ("（辖区合计）" if region else "")


def trend_key(metric):
    return (metric.indicator, metric.scope == MetricScope.REGION)


def court_trends(court) -> Trends:
    metrics = list(
        Metric.objects.published()
        .with_value()
        .filter(report__court=court, report__year__isnull=False)
        .exclude(indicator="")
        .select_related("report")
        .order_by("report__year", "start", "id")
    )
    years = sorted({m.report.year for m in metrics})
    rows = []
    counted = []
    for value, note in NOTES.items():
        of_indicator = [m for m in metrics if m.indicator == value]
        if not of_indicator:
            continue
        chosen = pick_per_year(of_indicator, trend_key, note.is_rate)
        for region in (False, True):
            picked = {year: m for (key, year), m in chosen.items() if key == (value, region)}
            if not picked:
                continue
            scale = scale_for(note.unit, [m.value for m in picked.values()])
            scope = MetricScope.REGION if region else MetricScope.COURT
            row = TrendRow(note, scope, scale)
            for year in years:
                metric = picked.get(year)
                row.cells.append((year, metric, metric_flags(metric) if metric else []))
            rows.append(row)
            if note.unit == "件":
                counted += picked.values()
    chart = None
    if counted:
        scale = scale_for("件", [m.value for m in counted])
        chart = chart_data(
            counted,
            scale,
            is_rate=False,
            key=lambda m: line_label(m.indicator, m.scope == MetricScope.REGION),
        )
    return Trends(years=years, rows=rows, chart=chart)
