"""Large uploads are parsed by the background worker, not in the web request: the upload
page answers at once with the job's progress, the preview comes from the worker's result,
and bombs or runaway files fail the job with a message, never the worker."""

import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reports import admin_views
from reports.ingest import parse
from reports.jobs import IngestJob, JobStatus
from reports.loading.worker import drain
from reports.models import Report
from tests.factories import CourtFactory
from tests.ingest.bombs import docx_bomb

pytestmark = pytest.mark.django_db

UPLOAD = reverse("admin:reports_report_upload")
DEMO = Path(__file__).resolve().parents[1] / "fixtures" / "demo" / "hohhot_zy_2023_review.txt"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.PORTAL_INLINE_PARSE_BYTES = 4096


@pytest.fixture
def hohhot():
    return CourtFactory(name="呼和浩特市中级人民法院", short_name="呼和浩特中院")


def upload(client, name, content):
    started = time.monotonic()
    response = client.post(UPLOAD, {"file": SimpleUploadedFile(name, content), "year": ""})
    return response, time.monotonic() - started


def test_a_word_bomb_is_refused_by_the_upload_page_in_seconds(admin_client):
    response, seconds = upload(admin_client, "报告.docx", docx_bomb())
    assert seconds < 3
    assert response.status_code == 200
    assert "疑似压缩炸弹" in response.content.decode()
    assert not IngestJob.objects.exists()


def test_a_large_file_is_queued_parsed_by_the_worker_and_saved(admin_client, hohhot, monkeypatch):
    content = DEMO.read_bytes()
    assert len(content) > 4096
    response, seconds = upload(admin_client, "hohhot.txt", content)
    job = IngestJob.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"/upload/{job.pk}/")
    page = admin_client.get(response.url).content.decode()
    assert "排队中" in page and "下一个就解析它" in page and 'http-equiv="refresh"' in page
    assert "ingest_worker" not in page
    # Nobody took it for a minute: the editor is told the worker may be down.
    IngestJob.objects.filter(pk=job.pk).update(created_at=job.created_at - timedelta(minutes=1))
    assert "ingest_worker" in admin_client.get(response.url).content.decode()

    assert drain(once=True) == 1
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    page = admin_client.get(response.url)
    assert "核对抽取结果" in page.content.decode()
    assert "http-equiv" not in page.content.decode()
    form = page.context["save_form"].initial
    assert form["job"] == job.pk

    # Saving writes the worker's result: the request does not parse the file again.
    def no_parsing(*args, **kwargs):
        raise AssertionError("parsed in the request")

    monkeypatch.setattr(admin_views, "parse_upload", no_parsing)
    saved = admin_client.post(
        UPLOAD, {"key": form["key"], "job": job.pk, "court": "", "year": "", "publish": "1"}
    )
    report = Report.objects.get()
    assert saved.url == reverse("admin:reports_report_change", args=[report.pk])
    assert report.is_published and report.court == hohhot and report.sections.count() >= 3


def run_failing_job(admin_client, monkeypatch, settings, behaviour, **limits):
    for name, value in limits.items():
        setattr(settings, name, value)
    # The worker forks: the child parses with this module's patched function.
    monkeypatch.setattr(parse, "parse_report", behaviour)
    response, _ = upload(admin_client, "hohhot.txt", DEMO.read_bytes())
    started = time.monotonic()
    assert drain(once=True) == 1
    job = IngestJob.objects.get()
    assert job.status == JobStatus.FAILED
    page = admin_client.get(response.url).content.decode()
    assert "解析失败" in page
    return job, time.monotonic() - started


def test_a_runaway_parse_is_stopped_at_the_time_limit(admin_client, monkeypatch, settings):
    job, seconds = run_failing_job(
        admin_client, monkeypatch, settings, lambda *a, **k: time.sleep(60),
        PORTAL_INGEST_TIMEOUT=1,
    )  # fmt: skip
    assert "解析超时" in job.error and seconds < 10


def test_a_parse_that_eats_memory_fails_the_job_not_the_worker(admin_client, monkeypatch, settings):
    job, _ = run_failing_job(
        admin_client, monkeypatch, settings, lambda *a, **k: bytearray(4 * 1024**3),
        PORTAL_INGEST_MEMORY_MB=512,
    )  # fmt: skip
    assert "内存" in job.error


def test_queued_jobs_are_claimed_once():
    for n in range(3):
        IngestJob.objects.create(key=f"{n:064x}", filename=f"{n}.txt", size=1)
    claimed = [IngestJob.objects.claim_next() for _ in range(4)]
    assert [j.filename for j in claimed[:3]] == ["0.txt", "1.txt", "2.txt"]
    assert claimed[3] is None
