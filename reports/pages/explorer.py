"""Comparing figures across courts and years: the filters of ``/metrics/`` and
``/api/metrics``, what makes a figure not comparable, and the unit a table and chart use.

Only figures of published reports, never what editors dismissed (``Metric.objects.figures()``).
"""

from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.db.models import F

from reports.choices import CourtLevel, Indicator, MetricScope
from reports.ingest.indicators import indicator_for, is_total
from reports.models import Metric

# A list of courts or years in one request: enough for any comparison a page can draw.
MAX_CHOICES = 50
YEAR_MIN, YEAR_MAX = 1949, 2100
UNKNOWN_CHOICE = {"invalid_choice": "没有这个选项：%(value)s / unknown value: %(value)s"}


class MultipleValueField(forms.Field):
    """``?court=A&court=B`` → ``["A", "B"]`` (blank values dropped, at most MAX_CHOICES)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        values = [v.strip() for v in (value or []) if v and v.strip()]
        if len(values) > MAX_CHOICES:
            raise forms.ValidationError(
                f"一次最多选 {MAX_CHOICES} 个 / at most {MAX_CHOICES} values", code="too_many"
            )
        return values


def parse_year(text):
    """``"2023"`` → 2023; anything else is a bilingual ValidationError."""
    text = (text or "").strip()
    if not (text.isascii() and text.isdigit() and YEAR_MIN <= int(text) <= YEAR_MAX):
        raise forms.ValidationError(
            f"年份应为四位数字：{text[:10]} / year must be a four-digit number", code="bad_year"
        )
    return int(text)


class YearsField(MultipleValueField):
    def to_python(self, value):
        return [parse_year(text) for text in super().to_python(value)]


class YearField(forms.Field):
    def to_python(self, value):
        return parse_year(value) if value and value.strip() else None


# Each filter of the explorer and /api/metrics, and the lookup it narrows the figures by.
FILTER_LOOKUPS = {
    "indicator": "indicator",
    "court": "report__court__name__in",
    "province": "report__court__province",
    "level": "report__court__level",
    "year": "report__year__in",
    "year_from": "report__year__gte",
    "year_to": "report__year__lte",
}


class MetricFilterForm(forms.Form):
    """The request's filters, each keeping to what it names: ``court`` a full court name
    (several allowed), ``year`` one or more years, or ``year_from``/``year_to``."""

    indicator = forms.ChoiceField(
        label="指标",
        required=False,
        choices=[("", "全部指标"), *Indicator.choices],
        error_messages=UNKNOWN_CHOICE,
    )
    court = MultipleValueField(label="法院", required=False)
    province = forms.CharField(label="省份", required=False, max_length=30)
    level = forms.ChoiceField(
        label="法院层级",
        required=False,
        choices=[("", "全部层级"), *CourtLevel.choices],
        error_messages=UNKNOWN_CHOICE,
    )
    year = YearsField(label="年份", required=False)
    year_from = YearField(label="起始年份", required=False)
    year_to = YearField(label="截止年份", required=False)

    def __init__(self, data=None, **kwargs):
        # QueryDict.get() would keep only the last ?court=; the multi-value fields need all.
        if data is not None and hasattr(data, "getlist"):
            data = {
                key: data.getlist(key) if key in ("court", "year") else data.get(key)
                for key in data
            }
        super().__init__(data, **kwargs)

    def error_text(self):
        """All errors as one line in Chinese and English (the API's 400 message)."""
        return "；".join(
            f"{self.fields[name].label if name in self.fields else name}：{error}"
            for name, errors in self.errors.items()
            for error in errors
        )

    def metrics(self):
        """The figures the cleaned filters select, in court then year order. Call after
        ``is_valid()``; an invalid form selects nothing."""
        if not self.is_valid():
            return Metric.objects.none()
        data = self.cleaned_data
        rows = (
            Metric.objects.published()
            .figures()
            .select_related("report__court", "section")
            .order_by(
                F("report__court__adcode").asc(nulls_last=True),
                "report__court__name",
                F("report__year").asc(nulls_last=True),
                "report_id",
                F("section__order").asc(nulls_last=True),
                "start",
                "id",
            )
        )
        for name, lookup in FILTER_LOOKUPS.items():
            if data[name]:
                rows = rows.filter(**{lookup: data[name]})
        return rows


# --- what makes a figure not comparable ---------------------------------------------------


@dataclass(frozen=True)
class Flag:
    code: str  # stable, for CSS and the CSV
    label: str  # what the reader sees
    note: str  # why it matters


CHANGE_ONLY = Flag("change_only", "仅同比", "原文只写了同比变化，没有数值本身，不能与数值比较")
REGION = Flag("region", "辖区合计", "全市（全区）两级法院的合计，不只是本院")
SCOPE_UNKNOWN = Flag("scope_unknown", "范围未注明", "原文没有写明是本院还是辖区法院的数字")
PARTIAL_YEAR = Flag("partial_year", "部分年度", "只统计了一年中的一段时间")
APPROX = Flag("approx", "约数", "原文是约数（超、近、余、以上、约）")


def metric_flags(metric) -> list[Flag]:
    """Why this figure may not compare with another court's: change only, scope,
    a partial year, an approximation. An exact 本院 figure for a whole year has none."""
    flags = []
    if metric.value is None:
        flags.append(CHANGE_ONLY)
    if metric.scope == MetricScope.REGION:
        flags.append(REGION)
    elif not metric.scope:
        flags.append(SCOPE_UNKNOWN)
    if metric.report.period:
        flags.append(PARTIAL_YEAR)
    if metric.approx:
        flags.append(APPROX)
    return flags


# --- the unit a table or chart speaks in -------------------------------------------------


@dataclass(frozen=True)
class Scale:
    """``Scale(10**4, "万件")``: values divided by ``factor`` read in ``unit``."""

    factor: int
    unit: str

    def apply(self, value):
        if value is None:
            return None
        scaled = Decimal(value) / self.factor
        return float(round(scaled, 2))


SCALES = {
    # unit → ((threshold, factor, prefix), …), largest first
    "元": ((10**8, 10**8, "亿"), (10**4, 10**4, "万")),
    "件": ((10**5, 10**4, "万"),),
    "人": ((10**5, 10**4, "万"),),
}


def scale_for(unit: str, values) -> Scale:
    """The unit people read a set of figures in: 执行到位金额 in 亿元 once one passes
    100 million, case counts in 万件 once one passes 100,000; rates and days as they are.

    >>> scale_for("元", [24197000000, 5e7]).unit, scale_for("件", [325, 13900]).unit
    ('亿元', '件')
    """
    largest = max((abs(v) for v in values if v is not None), default=0)
    for threshold, factor, prefix in SCALES.get(unit, ()):
        if largest >= threshold:
            return Scale(factor, f"{prefix}{unit}")
    return Scale(1, unit)


# --- one value per court and year for a chart ---------------------------------------------


def series_key(metric):
    """Figures of different scope are different lines: a court's 全市 total never joins
    its own 本院 figures."""
    court = metric.report.court
    name = court.display_name if court else "未识别法院"
    if metric.scope == MetricScope.REGION:
        name += "（辖区合计）"
    return name


def names_the_whole(metric) -> bool:
    """Whether a figure is its indicator's total (受理各类案件), not one kind of case
    (受理破产案件): only totals are charted and compared. An indicator an editor set by hand on
    a label the dictionary does not read is the editor's call, and counts."""
    if indicator_for(metric.label, metric.unit) != metric.indicator:
        return True
    return is_total(metric.label, metric.unit)


def pick_per_year(metrics, key, is_rate):
    """``{(line, year): metric}``, one figure per line and year, from the figures that name
    the indicator's whole (``names_the_whole``): 审结一审商事案件 is a 审结 figure but not the
    court's 审结, so it is never charted as one. Of several totals, counts take the largest
    and rates or durations the first stated. Change-only statements have no value and are
    left out."""
    chosen = {}
    for metric in metrics:
        if metric.value is None or metric.report.year is None or not names_the_whole(metric):
            continue
        line = (key(metric), metric.report.year)
        current = chosen.get(line)
        if current is None or (not is_rate and metric.value > current.value):
            chosen[line] = metric
    return chosen


def chart_data(metrics, scale, is_rate, key=series_key):
    """``{"unit", "years": [2023, 2024], "series": [{"name", "data": [1.39, None]}]}``
    (see ``pick_per_year``); the table beside the chart lists every figure."""
    chosen = pick_per_year(metrics, key, is_rate)
    years = sorted({year for _, year in chosen})
    names = list(dict.fromkeys(name for name, _ in chosen))
    return {
        "unit": scale.unit,
        "years": years,
        "series": [
            {
                "name": name,
                "data": [
                    scale.apply(chosen[(name, year)].value) if (name, year) in chosen else None
                    for year in years
                ],
            }
            for name in names
        ],
    }
