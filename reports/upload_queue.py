"""The upload page's side of background parsing (``reports/jobs.py``): which files go to the
worker, the job's progress page, and the preview once the worker is done."""

from __future__ import annotations

from pathlib import PurePath

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from reports.ingest.limits import check_container
from reports.ingest.types import IngestError
from reports.jobs import IngestJob, JobStatus
from reports.staging import stage

# Seconds between two looks of the progress page (a <meta> refresh: no script needed).
REFRESH_SECONDS = 2
# A job queued this long with nobody taking it: the worker is probably not running.
STALLED_SECONDS = 30
# pdfminer reads ~25 KB of PDF a second here; other formats parse ~10× faster per byte.
SLOW_FORMATS = {".pdf": 4}


def parsed_in_background(content: bytes, filename: str) -> bool:
    """Files that take more than a couple of seconds to parse: past
    ``PORTAL_INLINE_PARSE_BYTES`` (a quarter of it for a PDF)."""
    limit = settings.PORTAL_INLINE_PARSE_BYTES
    return len(content) * SLOW_FORMATS.get(PurePath(filename).suffix.lower(), 1) > limit


def enqueue_upload(request, form, context):
    """Refuse a decompression bomb at once (the checks read sizes only), else stage the file,
    queue it and show its progress."""
    data = form.cleaned_data
    try:
        check_container(data["content"], container_kind(data["content"]))
    except IngestError as error:
        form.add_error(None, error.message)
        return render(request, "admin/reports/upload.html", {**context, "form": form})
    key = stage(data["content"], data["filename"])
    job = IngestJob.objects.create(
        key=key,
        filename=data["filename"][:255],
        size=len(data["content"]),
        court=data["court"],
        year=data["year"],
        created_by=request.user,
    )
    return redirect("admin:reports_report_upload_job", job.pk)


def container_kind(content: bytes) -> str:
    if content.startswith(b"%PDF-"):
        return "pdf"
    if content.startswith(b"PK\x03\x04"):
        return "docx"
    return "html" if b"<html" in content[:1024].lower() else "txt"


def job_progress(request, pk):
    from reports.admin_views import render_preview
    from reports.models import Report

    if not request.user.has_perm("reports.add_report"):
        raise PermissionDenied
    job = get_object_or_404(IngestJob, pk=pk)
    context = {**admin.site.each_context(request), "title": f"解析 {job.filename}"}
    if job.status == JobStatus.DONE:
        parsed = job.parsed_report()
        existing = Report.objects.filter(content_hash=parsed.content_hash).first()
        if existing:
            from reports.admin_views import UploadForm

            return render(
                request,
                "admin/reports/upload.html",
                {**context, "form": UploadForm(), "duplicate": existing},
            )
        return render_preview(
            request, context, parsed, job.filename, job.key, job.court, job.year, job=job
        )
    waited = (timezone.now() - (job.started_at or job.created_at)).total_seconds()
    return render(
        request,
        "admin/reports/upload_job.html",
        {
            **context,
            "job": job,
            "position": job.position(),
            "waited": int(waited),
            "refresh": REFRESH_SECONDS if not job.finished else None,
            "stalled": STALLED_SECONDS
            if job.status == JobStatus.QUEUED and waited > STALLED_SECONDS
            else None,
        },
    )


def parsed_by_worker(job_id: int | None, key: str):
    """The worker's result for the staged file ``key``, or None to parse in the request."""
    if not job_id:
        return None
    job = IngestJob.objects.filter(pk=job_id, key=key, status=JobStatus.DONE).first()
    return job.parsed_report() if job else None
