"""Editors correct every field of a figure, or dismiss it as not a figure, through the admin;
the correction is recorded with its reason and survives re-extraction. A change-only figure
reads as a change on pages, in the API and in the admin."""

from decimal import Decimal

import pytest
from django.urls import reverse

from reports.loading.corrections import correct_metric
from reports.loading.load import load_report, reextract_report
from reports.models import Metric
from tests.factories import CourtFactory, MetricFactory, ReportFactory
from tests.parsed_reports import HOHHOT, parsed_report

pytestmark = pytest.mark.django_db

REVIEW = reverse("admin:reports_metric_review")

# Every field of a figure as an editor posts it, and the value it should hold afterwards.
EVERY_FIELD = {
    "label": ("上诉率", "上诉率"),
    "value": ("", None),
    "unit": ("", ""),
    "approx": ("约", "约"),
    "yoy_change": ("-17.99", Decimal("-17.99")),
    "yoy_unit": ("%", "%"),
    "scope": ("region", "region"),
    "indicator": ("appeal_rate", "appeal_rate"),
}


def review_row(n, metric, **changes):
    posted = {
        "id": metric.pk,
        "label": metric.label,
        "value": format(metric.value.normalize(), "f") if metric.value is not None else "",
        "unit": metric.unit,
        "approx": metric.approx,
        "yoy_change": "" if metric.yoy_change is None else str(metric.yoy_change),
        "yoy_unit": metric.yoy_unit,
        "scope": metric.scope,
        "indicator": metric.indicator,
        **changes,
    }
    if posted.pop("dismissed", False):
        posted["dismissed"] = "on"
    return {f"form-{n}-{k}": v for k, v in posted.items()}


def review_post(*rows):
    data = {"form-TOTAL_FORMS": str(len(rows)), "form-INITIAL_FORMS": str(len(rows))}
    for row in rows:
        data.update(row)
    return data


def test_review_queue_corrects_every_field_of_a_figure(admin_client):
    metric = MetricFactory(label="上诉率同比", value=Decimal("-17.99"), unit="%", raw="17.99%")
    posted = {name: sent for name, (sent, _) in EVERY_FIELD.items()}
    response = admin_client.post(REVIEW, review_post(review_row(0, metric, **posted)))
    assert response.status_code == 302
    metric.refresh_from_db()
    assert {name: getattr(metric, name) for name in EVERY_FIELD} == {
        name: kept for name, (_, kept) in EVERY_FIELD.items()
    }
    assert metric.verified and metric.is_change_only
    record = metric.history.first()
    assert (record.history_change_reason, record.history_user.is_superuser) == (
        "审核队列：更正",
        True,
    )


def test_review_queue_turns_a_count_into_a_change_counted_in_cases(admin_client):
    metric = MetricFactory(label="受理案件", value=Decimal("-700"), unit="件", raw="700件")
    row = review_row(0, metric, value="", unit="", yoy_change="-700", yoy_unit="件")
    assert admin_client.post(REVIEW, review_post(row)).status_code == 302
    metric.refresh_from_db()
    assert (metric.value, metric.yoy_change, metric.yoy_unit) == (None, Decimal("-700"), "件")
    unknown = review_row(0, metric, yoy_unit="公斤米")  # no unit of the field
    response = admin_client.post(REVIEW, review_post(unknown))
    assert response.status_code == 200 and "yoy_unit" in response.context["formset"].errors[0]
    metric.refresh_from_db()
    assert metric.yoy_unit == "件"


def test_review_queue_dismisses_a_number_inside_a_name(admin_client):
    metric = MetricFactory(label="规定精神", value=Decimal("8"), unit="项", raw="八项")
    other = MetricFactory()
    page = admin_client.post(
        REVIEW,
        review_post(review_row(0, metric, dismissed=True), review_row(1, other)),
        follow=True,
    ).content.decode()
    metric.refresh_from_db()
    assert (metric.dismissed, metric.verified) == (True, True)
    assert metric.history.first().history_change_reason == "审核队列：非统计数据"
    assert "判定非统计数据 1 条" in page
    assert Metric.objects.figures().filter(pk=metric.pk).count() == 0
    assert "八项" not in admin_client.get(REVIEW).content.decode()  # out of the queue


def test_the_change_page_corrects_every_field_and_records_why(admin_client):
    metric = MetricFactory(label="上诉率同比", value=Decimal("-17.99"), unit="%", raw="17.99%")
    url = reverse("admin:reports_metric_change", args=[metric.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items() if v is not False}
    data.update({name: sent for name, (sent, _) in EVERY_FIELD.items()})
    data["dismissed"] = "on"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    metric.refresh_from_db()
    assert {name: getattr(metric, name) for name in EVERY_FIELD} == {
        name: kept for name, (_, kept) in EVERY_FIELD.items()
    }
    assert (metric.dismissed, metric.verified) == (True, True)
    assert metric.history.first().history_change_reason == "后台编辑"
    assert metric.history.count() == 2  # created, corrected: one record per save


def test_corrections_and_dismissals_survive_reextraction():
    CourtFactory(name=HOHHOT)
    report = load_report(parsed_report()).report
    figure = report.metrics.get(raw="325件")
    change = report.metrics.get(raw="27.74%")
    correct_metric(figure, {"value": Decimal("326"), "scope": "court"}, reason="审核队列：更正")
    correct_metric(change, {"dismissed": True}, reason="审核队列：非统计数据")

    diff = reextract_report(report, parsed_report(text=report.text + "\n补记。"), apply=True)

    assert diff.applied
    figure.refresh_from_db()
    assert (figure.value, figure.scope, figure.verified) == (Decimal("326"), "court", True)
    rows = report.metrics.filter(raw="27.74%")
    assert [(m.dismissed, m.verified) for m in rows] == [(True, True)]  # not added again
    assert report.metrics.figures().count() == 2


def test_the_writer_refuses_fields_that_are_not_a_figure():
    metric = MetricFactory()
    with pytest.raises(ValueError):
        correct_metric(metric, {"confidence": 1.0}, reason="x")
    assert correct_metric(metric, {}, reason="核对") is True  # confirmed as read
    assert correct_metric(metric, {}, reason="核对") is False  # nothing new to record
    assert metric.history.count() == 2


# --- a change-only figure reads as a change everywhere -----------------------------------


@pytest.fixture
def change_only():
    report = ReportFactory(text="上诉率同比下降17.99%。")
    return MetricFactory(
        report=report,
        label="上诉率",
        value=None,
        unit="",
        raw="17.99%",
        yoy_change=Decimal("-17.99"),
        yoy_unit="%",
        evidence="上诉率同比下降17.99%。",
    )


def test_report_page_shows_a_change_not_a_value(client, change_only):
    html = client.get(change_only.report.get_absolute_url()).content.decode()
    table = html.split('<table class="metrics-table">')[1].split("</table>")[0]
    assert '<span class="metric-value">同比下降17.99%</span>' in table
    assert "-17.99%</span>" in table  # the change column
    assert "None" not in table


def test_api_gives_a_null_value_and_the_change(client, change_only):
    data = client.get(f"/api/reports/{change_only.report.pk}").json()
    [row] = data["metrics"]
    assert (row["value"], row["unit"], row["yoy_change"], row["yoy_unit"]) == (
        None,
        "",
        -17.99,
        "%",
    )


def test_admin_list_and_queue_read_a_change(admin_client, change_only):
    listing = admin_client.get(reverse("admin:reports_metric_changelist")).content.decode()
    assert "同比下降17.99%" in listing
    assert "同比下降17.99%" in admin_client.get(REVIEW).content.decode()


def test_reports_with_warnings_are_found_by_the_database(
    admin_client, django_assert_max_num_queries
):
    ReportFactory(warnings=["未识别出年度"])
    ReportFactory.create_batch(3, warnings=[])
    from reports.admin_views import reports_with_warnings

    with django_assert_max_num_queries(1):
        found = list(reports_with_warnings())
    assert [r.warnings for r in found] == [["未识别出年度"]]


def test_a_dismissed_row_is_on_no_public_page(client, change_only):
    dismissed = MetricFactory(
        report=change_only.report, label="规定精神", raw="八项", dismissed=True
    )
    html = client.get(change_only.report.get_absolute_url()).content.decode()
    api = client.get(f"/api/reports/{change_only.report.pk}").json()
    assert "八项" not in html.split('<table class="metrics-table">')[1]
    assert dismissed.pk not in [m["id"] for m in api["metrics"]]
    assert change_only.pk in [m["id"] for m in api["metrics"]]


def test_the_loader_stores_a_change_only_statement_without_a_value():
    from dataclasses import replace

    CourtFactory(name=HOHHOT)
    parsed = parsed_report()
    change = replace(
        parsed.metrics[2], value=None, unit="", yoy_change=Decimal("27.74"), yoy_unit="%"
    )
    report = load_report(replace(parsed, metrics=(*parsed.metrics[:2], change))).report
    stored = report.metrics.get(raw="27.74%")
    assert (stored.value, stored.unit, stored.yoy_change, stored.yoy_unit) == (
        None,
        "",
        Decimal("27.74"),
        "%",
    )
    assert stored.is_change_only
    assert report.metrics.with_value().count() == 2
