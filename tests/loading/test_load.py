"""The one writer: load_report and reextract_report, on reports built by hand."""

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from reports import court_names
from reports.choices import ReportStatus
from reports.ingest.types import (
    CourtRecord,
    IngestError,
    ParsedMetric,
)
from reports.loading import load
from reports.loading.load import load_report, reextract_report, set_published
from reports.models import Court, Initiative, Metric, Report, Section
from tests.factories import CourtFactory
from tests.parsed_reports import HOHHOT, METRICS, TEXT, parsed_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def hohhot():
    return CourtFactory(name=HOHHOT, short_name="呼和浩特中院", aliases=["呼市中院"])


def counts():
    return tuple(m.objects.count() for m in (Report, Section, Metric, Initiative))


def test_load_writes_report_with_children_in_their_sections(hohhot):
    result = load_report(parsed_report(), publish=True)

    report = result.report
    assert result.status == "created"
    assert (report.court, report.year, report.status) == (hohhot, 2023, ReportStatus.PUBLISHED)
    assert counts() == (1, 2, 3, 1)
    ip = report.metrics.get(raw="325件")
    assert ip.section.heading == "服务高质量发展大局"
    assert ip.value == Decimal("325")
    assert report.initiatives.get().section.order == 1
    assert report.history.first().history_change_reason == "导入"


def test_same_text_again_is_a_duplicate_and_writes_nothing(hohhot):
    first = load_report(parsed_report(), publish=True).report
    history = first.history.count()

    again = load_report(parsed_report(title="别的标题"), publish=False)

    assert (again.status, again.report.pk) == ("duplicate", first.pk)
    assert counts() == (1, 2, 3, 1)
    assert Report.objects.get().status == ReportStatus.PUBLISHED
    assert first.history.count() == history


def test_unknown_court_stays_draft_with_a_warning_even_when_publishing():
    result = load_report(parsed_report(court_name=None), publish=True)

    assert result.report.court is None
    assert result.report.status == ReportStatus.DRAFT
    assert load.UNKNOWN_COURT_WARNING in result.report.warnings
    assert set_published(result.report, True) is False


def test_court_missing_from_table_is_created_from_the_directory(monkeypatch):
    records = (
        CourtRecord(
            "内蒙古自治区高级人民法院", "内蒙古高院", "high", "内蒙古自治区", slug="nmg-gy"
        ),
        CourtRecord(
            HOHHOT,
            "呼和浩特中院",
            "intermediate",
            "内蒙古自治区",
            "呼和浩特市",
            aliases=("呼市中院",),
            adcode="150100",
            parent="内蒙古自治区高级人民法院",
        ),
    )
    monkeypatch.setattr(court_names, "court_directory", lambda: records)

    report = load_report(parsed_report()).report

    assert report.court.name == HOHHOT
    assert report.court.parent.short_name == "内蒙古高院"
    assert court_names.resolve_court("呼市中院") == report.court
    assert court_names.resolve_court("不存在的法院") is None


@pytest.mark.parametrize("name", [HOHHOT, "呼和浩特中院", "呼市中院"])
def test_court_override_and_names(hohhot, name):
    other = CourtFactory()
    result = load_report(parsed_report(), court=court_names.resolve_court(name), year=2022)
    assert (result.report.court, result.report.year) == (hohhot, 2022)
    assert other.reports.count() == 0


def test_failure_midway_leaves_nothing(hohhot, monkeypatch, settings):
    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(load, "create_initiatives", explode)

    with pytest.raises(RuntimeError):
        load_report(parsed_report(), original=("正文".encode(), "报告.txt"), publish=True)

    assert counts() == (0, 0, 0, 0)
    stored = [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()]
    assert stored == []


def test_original_file_is_kept_under_media_root(hohhot, settings):
    report = load_report(parsed_report(), original=(TEXT.encode(), "dir/报告.txt")).report
    assert report.original_name == "报告.txt"
    assert report.original_file.read().decode() == TEXT


def verify(report, raw, **corrections):
    row = report.metrics.get(raw=raw)
    for name, value in corrections.items():
        setattr(row, name, value)
    row.verified = True
    row.save()
    return row


def test_reextract_keeps_verified_corrections(hohhot):
    report = load_report(parsed_report(), publish=True).report
    corrected = verify(report, "325件", label="审结一审知识产权案件（更正）", value=Decimal("326"))
    gone_but_verified = verify(report, "27.74%")
    report.initiatives.update(verified=True)
    # The new parser reads 325件 the old way, finds 27.74% no longer, reads 2.9万件 differently
    # and finds a new figure.
    text = TEXT + "\n执结案件1.2万件。"
    new = parsed_report(
        text=text,
        metrics=(
            METRICS[0],
            replace(METRICS[1], label="审结商事案件"),
            ParsedMetric(
                "执结案件", Decimal("12000"), "件", "1.2万件", "执结案件1.2万件。", 98, 103
            ),
        ),
        initiatives=(),
    )

    preview = reextract_report(report, new)

    assert not preview.applied
    assert Metric.objects.get(raw="2.9万件").label == "审结一审商事案件"  # nothing written yet
    assert {(c.action, c.label) for c in preview.metrics} == {
        ("kept", "审结一审知识产权案件（更正） 325件"),
        ("changed", "审结一审商事案件 2.9万件"),
        ("added", "执结案件 1.2万件"),
        ("kept", "审结一审商事案件同比 27.74%"),
    }
    assert preview.count("removed") == 0

    applied = reextract_report(report, new, apply=True)

    assert applied.applied and applied.report.text == text
    corrected.refresh_from_db()
    assert (corrected.label, corrected.value) == ("审结一审知识产权案件（更正）", Decimal("326"))
    assert Metric.objects.filter(pk=gone_but_verified.pk).exists()
    assert Metric.objects.get(raw="2.9万件").label == "审结商事案件"
    assert Metric.objects.get(raw="1.2万件").report == report
    assert Initiative.objects.count() == 1  # verified, so kept although no longer found


def test_reextract_removes_unverified_rows_the_parser_no_longer_finds(hohhot):
    report = load_report(parsed_report()).report
    diff = reextract_report(report, parsed_report(metrics=METRICS[:1]), apply=True)
    assert diff.count("removed") == 2
    assert list(report.metrics.values_list("raw", flat=True)) == ["325件"]


def test_reextract_keeps_editor_edited_report_fields(hohhot):
    report = load_report(parsed_report()).report
    report.title = "呼和浩特市中级人民法院2023年工作回眸"
    report.save()

    new = parsed_report(title="新解析的标题", year=2024, source="内蒙古日报")
    diff = reextract_report(report, new, apply=True)

    report.refresh_from_db()
    assert report.title == "呼和浩特市中级人民法院2023年工作回眸"
    assert (report.year, report.source) == (2024, "内蒙古日报")
    assert [(f.name, f.kept) for f in diff.fields if f.name == "title"] == [("title", True)]
    # Still the editor's after a second re-extraction (the first one did not reset it).
    reextract_report(report, parsed_report(title="又一个标题"), apply=True)
    report.refresh_from_db()
    assert report.title == "呼和浩特市中级人民法院2023年工作回眸"


def test_reextract_failure_midway_changes_nothing(hohhot, monkeypatch):
    report = load_report(parsed_report()).report
    before = list(Metric.objects.values_list("pk", "label", "value"))

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(load, "bulk_create_with_history", explode)
    new = parsed_report(metrics=(replace(METRICS[0], label="改了"), *METRICS[1:2]))
    with pytest.raises(RuntimeError):
        reextract_report(report, new, apply=True)

    assert list(Metric.objects.values_list("pk", "label", "value")) == before


def test_same_court_year_file_and_title_with_new_text_is_an_update(
    hohhot, django_capture_on_commit_callbacks
):
    first = load_report(parsed_report(), original=(TEXT.encode(), "报告.txt")).report
    old_file = first.original_file.path
    verify(first, "325件", value=Decimal("330"))
    text = TEXT + "\n（本报记者）"

    with django_capture_on_commit_callbacks(execute=True):
        result = load_report(
            parsed_report(text=text), original=(text.encode(), "报告.txt"), publish=True
        )

    assert (result.status, result.report.pk) == ("updated", first.pk)
    assert result.report.status == ReportStatus.PUBLISHED
    assert Report.objects.count() == 1
    assert Metric.objects.get(raw="325件").value == Decimal("330")
    assert result.report.original_file.read().decode() == text
    assert not Path(old_file).exists()  # the replaced original is removed after commit


def test_reextract_to_text_of_another_report_is_refused(hohhot):
    first = load_report(parsed_report()).report
    second = load_report(parsed_report(text=TEXT + "另一篇", title="另一篇")).report
    with pytest.raises(IngestError):
        reextract_report(second, parsed_report(title="另一篇"), apply=True)
    assert Report.objects.get(pk=second.pk).text.endswith("另一篇")
    assert first.pk != second.pk


def test_court_table_lookup_does_not_touch_other_courts(hohhot):
    assert Court.objects.count() == 1
    load_report(parsed_report())
    assert Court.objects.count() == 1


def test_diff_reads_as_editors_speak(hohhot):
    report = load_report(parsed_report()).report
    new = parsed_report(metrics=(replace(METRICS[0], indicator="cases_closed"), *METRICS[1:]))
    (change,) = reextract_report(report, new).metrics
    assert change.changes == [("标准指标", "—", "审结案件")]


def test_untitled_articles_of_one_court_and_year_do_not_overwrite_each_other(hohhot):
    first = load_report(parsed_report(), original=(TEXT.encode(), "一.txt")).report
    other = parsed_report(text=TEXT + "另一篇文章")  # same generated title, court and year

    assert load_report(other, original=(b"x", "二.txt")).status == "created"
    assert load_report(parsed_report(text=TEXT + "再一篇")).status == "created"  # pasted
    assert Report.objects.filter(pk=first.pk, text=TEXT).exists()


def test_a_concurrent_load_of_the_same_text_is_a_duplicate_not_an_error(
    hohhot, monkeypatch, settings
):
    # Another process inserts the same text after this one checked for it.
    other = load_report(parsed_report()).report
    real_filter = Report.objects.filter
    calls = []

    def filter_missing_once(*args, **kwargs):
        if "content_hash" in kwargs and not calls:
            calls.append(1)
            return real_filter(pk=-1)
        return real_filter(*args, **kwargs)

    monkeypatch.setattr(Report.objects, "filter", filter_missing_once)
    result = load_report(parsed_report(), original=(TEXT.encode(), "报告.txt"))

    assert (result.status, result.report.pk) == ("duplicate", other.pk)
    assert Report.objects.count() == 1
    assert not [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()]
