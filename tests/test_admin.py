"""The editors' admin: model pages, actions, the upload page, the review queue, re-extraction."""

from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reports import admin_views, staging
from reports.choices import ReportStatus
from reports.ingest.types import IngestError, ParsedMetric
from reports.loading.load import load_report
from reports.models import Metric, Report
from tests.factories import (
    CourtFactory,
    InitiativeFactory,
    MetricFactory,
    ReportFactory,
    SectionFactory,
)
from tests.parsed_reports import HOHHOT, METRICS, TEXT, parsed_report

pytestmark = pytest.mark.django_db

UPLOAD = reverse("admin:reports_report_upload")
REVIEW = reverse("admin:reports_metric_review")
REEXTRACT = reverse("admin:reports_report_reextract")


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def hohhot():
    return CourtFactory(name=HOHHOT, short_name="呼和浩特中院", aliases=["呼市中院"])


@pytest.fixture
def fake_parse(monkeypatch):
    """The upload page and re-extraction parse through admin_views.parse_upload; tests decide what
    it returns (the parser has its own golden-file tests)."""
    result = {"parsed": parsed_report()}

    def parse(content, filename, court=None, year=None):
        if isinstance(result["parsed"], Exception):
            raise result["parsed"]
        return result["parsed"]

    monkeypatch.setattr(admin_views, "parse_upload", parse)
    return result


def staged_files():
    root = Path(settings.MEDIA_ROOT) / staging.STAGING
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


# --- model pages ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "factory, name",
    [
        (CourtFactory, "court"),
        (ReportFactory, "report"),
        (SectionFactory, "section"),
        (MetricFactory, "metric"),
        (InitiativeFactory, "initiative"),
    ],
)
def test_changelist_changeform_and_history_render(admin_client, factory, name):
    obj = factory()
    for url in (
        reverse(f"admin:reports_{name}_changelist"),
        reverse(f"admin:reports_{name}_change", args=[obj.pk]),
        reverse(f"admin:reports_{name}_history", args=[obj.pk]),
    ):
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert str(obj)[:10] in response.content.decode(), url


def test_report_changelist_shows_counts_and_filters(admin_client):
    report = ReportFactory(title="践行司法为民 保障公平正义", warnings=["未识别出年度"])
    MetricFactory.create_batch(3, report=report)
    page = admin_client.get(reverse("admin:reports_report_changelist")).content.decode()
    assert "践行司法为民 保障公平正义" in page
    assert '<td class="field-metric_count">3</td>' in page
    assert "⚠ 1" in page and "未识别出年度" in page  # the warnings flag, with the warning
    assert "上传报告" in page
    assert "changelist-filter" in page and "层级" in page
    assert "省份" in page and "?province=" in page


def test_court_search_finds_aliases(admin_client, hohhot):
    CourtFactory(name="包头市中级人民法院")
    url = reverse("admin:reports_court_changelist")
    page = admin_client.get(url, {"q": "呼市中院"}).content.decode()
    assert HOHHOT in page and "包头市中级人民法院" not in page


def test_metric_evidence_is_escaped_and_the_figure_marked(admin_client):
    MetricFactory(raw="325件", evidence="<script>alert(1)</script>审结案件325件。")
    page = admin_client.get(reverse("admin:reports_metric_changelist")).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page
    assert "审结案件<mark>325件</mark>。" in page


def test_editing_a_metric_in_the_list_marks_it_verified(admin_client):
    metric = MetricFactory(value=Decimal("325"))
    url = reverse("admin:reports_metric_changelist")
    page = admin_client.get(url).content.decode()
    assert 'value="325"' in page  # not 325.0000
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-id": str(metric.pk),
        "form-0-label": metric.label,
        "form-0-value": "326",
        "form-0-unit": "件",
        "_save": "保存",
    }
    assert admin_client.post(url, data).status_code == 302
    metric.refresh_from_db()
    assert (metric.value, metric.verified) == (Decimal("326"), True)
    assert metric.history.first().history_user.is_superuser


def test_report_without_court_cannot_be_published_in_the_form(admin_client):
    report = ReportFactory(court=None, title="无法院的报告", status=ReportStatus.DRAFT)
    url = reverse("admin:reports_report_change", args=[report.pk])
    form = {
        "title": report.title,
        "year": "2023",
        "kind": report.kind,
        "status": "published",
        "warnings": "",
        **{f"{p}-TOTAL_FORMS": "0" for p in ("sections", "metrics", "initiatives")},
        **{f"{p}-INITIAL_FORMS": "0" for p in ("sections", "metrics", "initiatives")},
    }
    response = admin_client.post(url, form)
    assert response.status_code == 200
    assert "发布前请指定法院" in response.content.decode()
    assert Report.objects.get(pk=report.pk).status == ReportStatus.DRAFT


# --- actions -------------------------------------------------------------------------------


def run_action(client, action, reports):
    return client.post(
        reverse("admin:reports_report_changelist"),
        {"action": action, "_selected_action": [r.pk for r in reports]},
        follow=True,
    )


def test_publish_and_unpublish_actions(admin_client):
    drafts = ReportFactory.create_batch(2, status=ReportStatus.DRAFT)
    orphan = ReportFactory(court=None, title="无法院的报告", status=ReportStatus.DRAFT)

    page = run_action(admin_client, "publish", [*drafts, orphan]).content.decode()
    assert Report.objects.published().count() == 2
    assert Report.objects.get(pk=orphan.pk).status == ReportStatus.DRAFT
    assert "已发布 2 篇报告" in page and "1 篇报告未指定法院" in page

    run_action(admin_client, "unpublish", drafts)
    assert Report.objects.published().count() == 0


def test_reextract_action_previews_then_applies(admin_client, hohhot, fake_parse):
    report = load_report(parsed_report()).report
    fake_parse["parsed"] = parsed_report(metrics=METRICS[:1])

    response = run_action(admin_client, "reextract", [report])
    page = response.content.decode()
    assert response.redirect_chain[-1][0].startswith(REEXTRACT)
    assert "删除 2" in page and "审结一审商事案件 2.9万件" in page
    assert report.metrics.count() == 3  # preview only

    admin_client.post(REEXTRACT, {"ids": str(report.pk)})
    assert report.metrics.count() == 1


# --- upload --------------------------------------------------------------------------------


def test_upload_preview_then_publish(admin_client, hohhot, fake_parse):
    response = admin_client.post(UPLOAD, {"text": TEXT, "year": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert "核对抽取结果" in page
    assert "服务高质量发展大局" in page  # a section
    assert '<mark class="fig" id="m-1" title="审结一审知识产权案件">325件</mark>' in page
    assert "需核对" in page  # the low-confidence figure
    assert Report.objects.count() == 0  # nothing written by the preview
    key = response.context["save_form"].initial["key"]

    response = admin_client.post(UPLOAD, {"key": key, "court": "", "year": "", "publish": "1"})

    report = Report.objects.get()
    assert response.url == reverse("admin:reports_report_change", args=[report.pk])
    assert (report.status, report.court, report.metrics.count()) == ("published", hohhot, 3)
    assert (report.original_name, report.original_file.name) == ("", "")  # pasted: no file
    assert report.history.first().history_user.is_superuser
    assert staged_files() == []


def test_upload_court_and_year_override(admin_client, hohhot, fake_parse):
    other = CourtFactory(name="包头市中级人民法院")
    response = admin_client.post(UPLOAD, {"text": TEXT, "court": other.pk, "year": "2022"})
    key = response.context["save_form"].initial["key"]
    admin_client.post(UPLOAD, {"key": key, "court": other.pk, "year": "2022", "draft": "1"})
    report = Report.objects.get()
    assert (report.court, report.year, report.status) == (other, 2022, "draft")


def test_upload_asks_for_source_and_date_and_keeps_what_the_editor_typed(
    admin_client, hohhot, fake_parse
):
    assert "发表日期" in admin_client.get(UPLOAD).content.decode()
    facts = {"source": "内蒙古法制报", "published_on": "2024-01-26"}
    response = admin_client.post(UPLOAD, {"text": TEXT, **facts})
    assert "内蒙古法制报" in response.content.decode()  # shown on the preview
    key = response.context["save_form"].initial["key"]
    admin_client.post(UPLOAD, {"key": key, "court": "", "year": "", **facts, "publish": "1"})
    report = Report.objects.get()
    assert (report.source, report.published_on.isoformat()) == ("内蒙古法制报", "2024-01-26")


def test_duplicate_upload_links_to_the_existing_report(admin_client, hohhot, fake_parse):
    existing = load_report(parsed_report(), publish=True).report
    page = admin_client.post(UPLOAD, {"text": TEXT}).content.decode()
    assert "已经导入过" in page
    assert reverse("admin:reports_report_change", args=[existing.pk]) in page
    assert Report.objects.count() == 1 and staged_files() == []


def test_bad_file_shows_the_message_and_changes_nothing(admin_client, fake_parse):
    fake_parse["parsed"] = IngestError("文件为空", "empty file")
    page = admin_client.post(UPLOAD, {"text": "x"}).content.decode()
    assert "文件为空" in page
    assert Report.objects.count() == 0 and staged_files() == []


def test_nothing_chosen_asks_for_a_file(admin_client):
    page = admin_client.post(UPLOAD, {}).content.decode()
    assert "请选择文件或粘贴正文" in page


def test_save_with_an_unknown_key_writes_nothing(admin_client, fake_parse):
    response = admin_client.post(UPLOAD, {"key": "0" * 64, "publish": "1"}, follow=True)
    assert "已过期" in response.content.decode()
    assert Report.objects.count() == 0


def test_tampered_staged_file_is_refused(admin_client, hohhot, fake_parse):
    key = admin_client.post(UPLOAD, {"text": TEXT}).context["save_form"].initial["key"]
    (staged,) = staged_files()
    staged.write_bytes("别的内容".encode())
    admin_client.post(UPLOAD, {"key": key, "publish": "1"})
    assert Report.objects.count() == 0


# --- review queue --------------------------------------------------------------------------


def test_review_queue_lists_unverified_low_confidence_first(admin_client):
    report = ReportFactory(warnings=["未识别出年度"])
    MetricFactory(report=report, label="高置信", confidence=0.95)
    MetricFactory(report=report, label="低置信", confidence=0.3)
    MetricFactory(report=report, label="已核对", verified=True)

    page = admin_client.get(REVIEW).content.decode()

    assert "待核对数据 2 条" in page
    assert page.index("低置信") < page.index("高置信")
    assert 'value="已核对"' not in page
    assert "<mark>325件</mark>" in page
    assert "未识别出年度" in page  # reports with warnings


def review_post(metrics, selected=(), **changes):
    data = {"form-TOTAL_FORMS": str(len(metrics)), "form-INITIAL_FORMS": str(len(metrics))}
    for n, m in enumerate(metrics):
        data.update(
            {
                f"form-{n}-id": m.pk,
                f"form-{n}-label": m.label,
                f"form-{n}-value": format(m.value.normalize(), "f"),
                f"form-{n}-unit": m.unit,
            }
        )
    data.update(changes)
    data["selected"] = [m.pk for m in selected]
    return data


def test_review_queue_bulk_verify(admin_client):
    metrics = MetricFactory.create_batch(3)
    admin_client.post(REVIEW, review_post(metrics, selected=metrics[:2]))
    assert list(Metric.objects.order_by("pk").values_list("verified", flat=True)) == [
        True,
        True,
        False,
    ]


def test_review_queue_quick_correction_verifies_the_row(admin_client):
    metrics = MetricFactory.create_batch(2)
    admin_client.post(REVIEW, review_post(metrics, **{"form-1-value": "13900"}))
    corrected = Metric.objects.get(pk=metrics[1].pk)
    assert (corrected.value, corrected.verified) == (Decimal("13900"), True)
    assert Metric.objects.get(pk=metrics[0].pk).verified is False


def test_review_queue_rejects_a_bad_value_and_keeps_the_row(admin_client):
    metrics = MetricFactory.create_batch(1)
    page = admin_client.post(REVIEW, review_post(metrics, **{"form-0-value": "很多"}))
    assert page.status_code == 200
    assert Metric.objects.get().verified is False


# --- who may ------------------------------------------------------------------------------


def test_admin_index_links_the_editor_tools(admin_client):
    page = admin_client.get(reverse("admin:index")).content.decode()
    assert UPLOAD in page and REVIEW in page


@pytest.mark.parametrize("url", [reverse("admin:index"), UPLOAD, REVIEW, REEXTRACT + "?ids=1"])
def test_non_staff_users_are_sent_to_login(client, url):
    user = User.objects.create_user("reader", password="pw-123456")
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


@pytest.mark.parametrize("url", [UPLOAD, REVIEW, REEXTRACT + "?ids=1"])
def test_staff_without_permission_is_refused(client, url):
    user = User.objects.create_user("intern", password="pw-123456", is_staff=True)
    client.force_login(user)
    assert client.get(url).status_code == 403


def test_staff_with_permission_may_upload(client):
    user = User.objects.create_user("editor", password="pw-123456", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="add_report"))
    client.force_login(user)
    assert client.get(UPLOAD).status_code == 200


def test_uploading_a_seed_file_with_the_real_parser(admin_client):
    seed = Path(settings.BASE_DIR) / "fixtures" / "demo" / "bayannur_zy_2025_review.txt"
    with seed.open("rb") as f:
        response = admin_client.post(UPLOAD, {"file": f})
    page = response.content.decode()
    assert "实质化解行政争议 助推法治政府建设" in page
    assert "巴彦淖尔市中级人民法院" in page
    key = response.context["save_form"].initial["key"]

    admin_client.post(UPLOAD, {"key": key, "publish": "1"})

    report = Report.objects.get()
    assert (report.year, report.status) == (2025, "published")
    assert report.original_name == seed.name
    assert report.metrics.count() >= 10

    with seed.open("rb") as f:
        page = admin_client.post(UPLOAD, {"file": f}).content.decode()
    assert "已经导入过" in page


# --- what editors read ----------------------------------------------------------------------


def test_figure_with_its_approximation_is_shown_as_written(admin_client, hohhot, fake_parse):
    """The raw figure already carries its 以上/超/近: it is not prefixed a second time."""
    text = "减刑假释案件量年均4000件以上。"
    approx = ParsedMetric(
        label="减刑假释案件量",
        value=Decimal("4000"),
        unit="件",
        raw="4000件以上",
        evidence=text,
        start=9,
        end=16,
        approx="以上",
    )
    fake_parse["parsed"] = parsed_report(text=text, sections=(), metrics=(approx,), initiatives=())
    preview = admin_client.post(UPLOAD, {"text": text}).content.decode()
    report = ReportFactory()
    MetricFactory(report=report, raw="300万元以上", approx="以上", value=3000000, unit="元")
    queue = admin_client.get(REVIEW).content.decode()
    for page, shown in ((preview, "4000件以上"), (queue, "300万元以上")):
        assert f'<td class="nowrap">{shown}</td>' in page
        assert f"以上{shown}" not in page


def test_preview_names_initiative_categories_in_chinese(admin_client, hohhot, fake_parse):
    page = admin_client.post(UPLOAD, {"text": TEXT}).content.decode()
    assert "<td>“呼包鄂乌”知识产权司法保护协作机制</td><td>机制</td>" in page
    assert "<td>mechanism</td>" not in page


def test_over_the_size_limit_says_both_sizes_and_stages_nothing(admin_client, settings):
    settings.PORTAL_MAX_UPLOAD_BYTES = 100_000
    big = SimpleUploadedFile("big.txt", "法院".encode() * 25_000)  # 150,000 bytes
    page = admin_client.post(UPLOAD, {"file": big}).content.decode()
    assert "文件过大（146.5 KB，上限 97.7 KB）" in page
    page = admin_client.post(UPLOAD, {"text": "法院" * 25_000}).content.decode()
    assert "粘贴的正文过长（146.5 KB，上限 97.7 KB）" in page
    assert Report.objects.count() == 0 and staged_files() == []


def test_an_empty_file_gets_one_message(admin_client):
    page = admin_client.post(UPLOAD, {"file": SimpleUploadedFile("empty.txt", b"")})
    errors = page.context["form"].errors
    assert list(errors) == ["file"], errors  # not also "choose a file or paste text"


def test_history_says_why_each_editor_change_was_made(admin_client):
    """Who, when and what: the reason column names the tool, never shows "None"."""
    metrics = MetricFactory.create_batch(3)
    admin_client.post(REVIEW, review_post(metrics, selected=[metrics[0]], **{"form-1-value": "7"}))
    listed = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-id": str(metrics[2].pk),
        "form-0-label": "改过的指标",
        "form-0-value": "325",
        "form-0-unit": "件",
        "_save": "保存",
    }
    admin_client.post(reverse("admin:reports_metric_changelist"), listed)
    reasons = [m.history.first().history_change_reason for m in metrics]
    assert reasons == ["审核队列：核对无误", "审核队列：更正", "后台编辑"]
    page = admin_client.get(reverse("admin:reports_metric_history", args=[metrics[1].pk]))
    assert "审核队列：更正" in page.content.decode()


def test_review_queue_inputs_are_named_for_screen_readers(admin_client):
    MetricFactory(raw="325件")
    page = admin_client.get(REVIEW).content.decode()
    for field in ("指标", "数值", "单位"):
        assert f'aria-label="{field}（325件）"' in page
    assert 'aria-label="选择 审结一审知识产权案件 325件"' in page
    assert 'id="select-all" aria-label="全选"' in page


def test_original_file_opens_for_editors_only(admin_client, client, hohhot, fake_parse):
    """The stored upload is not under a public URL (media is not served): the change page
    links to an admin view that serves it to editors, drafts included."""
    upload = SimpleUploadedFile("呼和浩特2023.txt", TEXT.encode("gb18030"))
    key = admin_client.post(UPLOAD, {"file": upload}).context["save_form"].initial["key"]
    admin_client.post(UPLOAD, {"key": key, "draft": "1"})
    report = Report.objects.get()
    url = reverse("admin:reports_report_original", args=[report.pk])

    page = admin_client.get(reverse("admin:reports_report_change", args=[report.pk]))
    assert f'<a href="{url}">呼和浩特2023.txt</a>' in page.content.decode()
    response = admin_client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == TEXT.encode("gb18030")
    assert quote("呼和浩特2023.txt") in response["Content-Disposition"]
    assert client.get(url).status_code == 302  # to the login page
    assert admin_client.get(reverse("admin:reports_report_original", args=[999])).status_code == 404


def test_reextract_preview_says_an_editors_value_is_kept(admin_client, hohhot, fake_parse):
    """A verified correction is not about to change: the preview says which value stays and
    what the parser reads now, instead of an arrow from the editor's value to the parser's."""
    report = load_report(parsed_report()).report
    metric = report.metrics.get(raw="325件")
    metric.value, metric.verified = Decimal("326"), True
    metric.save()

    page = admin_client.get(REEXTRACT, {"ids": report.pk}).content.decode()

    assert "数值：保留 326（解析器读作 325）" in page
    assert "326 → 325" not in page
