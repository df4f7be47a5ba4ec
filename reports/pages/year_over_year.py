"""Two years of one court side by side (``/reports/<a>/compare/<b>/``): the sections of each,
the initiatives that appeared or disappeared, the headline figures that rose or fell.

Figures are compared only indicator by indicator and scope by scope (a region's total never
against the court's own), with the same one-figure-per-year rule as the charts.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch
from django.http import Http404
from django.views.generic import TemplateView

from reports.models import Initiative, Metric, Report, Section
from reports.pages.explorer import pick_per_year, scale_for
from reports.pages.indicators import NOTES
from reports.pages.trends import line_label, trend_key


@dataclass(frozen=True)
class FigurePair:
    label: str
    scale: object  # Scale
    before: Metric | None
    after: Metric | None

    @property
    def change(self) -> Decimal | None:
        """Percent change, when both years state a count or amount (rates change in points,
        which a reader reads off the two values)."""
        if not (self.before and self.after) or self.before.value == 0:
            return None
        if NOTES[self.before.indicator].is_rate:
            return None
        return round((self.after.value - self.before.value) / self.before.value * 100, 1)

    @property
    def direction(self) -> str:
        if not (self.before and self.after) or self.after.value == self.before.value:
            return "flat"
        return "up" if self.after.value > self.before.value else "down"


def figure_pairs(before: Report, after: Report) -> list[FigurePair]:
    metrics = [
        m
        for m in Metric.objects.with_value()
        .filter(report__in=[before, after])
        .exclude(indicator="")
        .select_related("report")
        .order_by("start", "id")
    ]
    pairs = []
    for value, note in NOTES.items():
        chosen = pick_per_year(
            [m for m in metrics if m.indicator == value], trend_key, note.is_rate
        )
        for region in (False, True):
            a = chosen.get(((value, region), before.year))
            b = chosen.get(((value, region), after.year))
            if a or b:
                scale = scale_for(note.unit, [m.value for m in (a, b) if m])
                pairs.append(FigurePair(line_label(value, region), scale, a, b))
    return pairs


def initiative_changes(before: Report, after: Report):
    """(new, dropped, kept) canonical names, each as {canonical_name: name as written}."""
    names = {}
    for report in (before, after):
        names[report.pk] = {i.canonical_name: i.name for i in report.initiatives.all()}
    a, b = names[before.pk], names[after.pk]
    new = {key: b[key] for key in b if key not in a}
    dropped = {key: a[key] for key in a if key not in b}
    kept = {key: b[key] for key in b if key in a}
    return new, dropped, kept


class YearOverYearView(TemplateView):
    template_name = "reports/year_over_year.html"

    def get_context_data(self, **kwargs):
        reports = {
            report.pk: report
            for report in Report.objects.published()
            .select_related("court")
            .prefetch_related(
                Prefetch("sections", queryset=Section.objects.order_by("order")),
                Prefetch("initiatives", queryset=Initiative.objects.order_by("start", "id")),
            )
            .filter(pk__in=[kwargs["pk"], kwargs["other"]])
        }
        if len(reports) != 2:
            raise Http404("报告不存在或尚未发布")
        before, after = sorted(reports.values(), key=lambda r: (r.year or 0, r.pk))
        if before.court_id is None or before.court_id != after.court_id:
            raise Http404("只能比较同一法院的两篇报告")
        if before.year is None or before.year == after.year:
            raise Http404("只能比较同一法院不同年度的报告")
        new, dropped, kept = initiative_changes(before, after)
        return super().get_context_data(
            court=before.court,
            before=before,
            after=after,
            pairs=figure_pairs(before, after),
            new_initiatives=new,
            dropped_initiatives=dropped,
            kept_initiatives=kept,
        )
