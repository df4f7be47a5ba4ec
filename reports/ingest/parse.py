"""File → ParsedReport: the whole pure pipeline in one call.

decode → normalise → court → title, year, kind → sections → metrics → initiatives. Used by the
loader, the admin's upload page and the ingest command::

    parse_report(data: bytes, filename: str, courts: Sequence[CourtRecord],
                 court_hint: str | None = None, year_hint: int | None = None) -> ParsedReport
    parse_text(text: str, courts, court_hint=None, year_hint=None, title_hint="") -> ParsedReport

Both raise ``IngestError`` for input that cannot become a report (empty, binary, archive, too
large, scanned PDF without text, undecodable). Anything doubtful is a warning on the report.

Traditional-character text is stored as written; detection and extraction read a simplified
copy (OpenCC converts character for character, so offsets carry over).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import replace

from reports.ingest import PARSER_VERSION
from reports.ingest.court import detect_court
from reports.ingest.decode import MAX_BYTES, decode_document
from reports.ingest.initiatives import extract_initiatives
from reports.ingest.kind import OTHER
from reports.ingest.limits import check_text_length
from reports.ingest.markdown import read_markdown
from reports.ingest.metadata import extract_metadata
from reports.ingest.metrics import extract_metrics
from reports.ingest.normalize import normalize_document
from reports.ingest.script import simplified
from reports.ingest.sections import split_sections
from reports.ingest.types import CourtRecord, DecodedDocument, IngestError, ParsedReport

ABOUT_COURTS = re.compile(r"法院|法官|审判|法庭|审结|执结")
TITLE_SUFFIX = {
    "work_report": "工作报告",
    "thematic": "专项工作报告",
    "profile": "概况",
    "news_review": "工作综述",
}


def content_hash(text: str) -> str:
    """The identity of a report: the SHA-256 of its normalised text, so re-ingesting the same
    text in another file or encoding is a duplicate. ``content_hash("")`` → ``"e3b0c4…b855"``."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_report(
    data: bytes,
    filename: str,
    courts: Sequence[CourtRecord],
    court_hint: str | None = None,
    year_hint: int | None = None,
    max_bytes: int = MAX_BYTES,
) -> ParsedReport:
    """``parse_report(Path("fixtures/demo/hohhot_zy_2023_review.txt").read_bytes(), …)`` →
    ParsedReport(court_name="呼和浩特市中级人民法院", year=2023, sections=(…6…), …)."""
    document = decode_document(data, filename, max_bytes=max_bytes)
    return parse_document(document, courts, court_hint, year_hint)


def parse_text(
    text: str,
    courts: Sequence[CourtRecord],
    court_hint: str | None = None,
    year_hint: int | None = None,
    title_hint: str = "",
    max_bytes: int = MAX_BYTES,
) -> ParsedReport:
    """Pasted text: ``parse_text("2025年,全市两级法院…", courts).year == 2025``."""
    if not text.strip():
        raise IngestError("文本为空", "empty text")
    if len(text) * 3 > max_bytes and len(text.encode("utf-8")) > max_bytes:
        raise IngestError(
            "文本过长", f"{len(text)} characters exceed the limit of {max_bytes} bytes"
        )
    document = DecodedDocument(text=text, encoding="utf-8", format="txt", title_hint=title_hint)
    return parse_document(document, courts, court_hint, year_hint)


def parse_document(
    document: DecodedDocument,
    courts: Sequence[CourtRecord],
    court_hint: str | None = None,
    year_hint: int | None = None,
) -> ParsedReport:
    """Decoded text → ParsedReport, the steps every entry shares: normalise, read a simplified
    copy of traditional text, detect court and metadata (hints win over what the text says),
    split sections, extract metrics and initiatives, and map their names and evidence back to
    the characters as written. What is doubtful becomes a warning (``未识别出报告所属年份``),
    never an exception; only text that normalises to nothing raises ``IngestError``."""
    check_text_length(document.text)
    document = read_markdown(document)
    normalized = normalize_document(document.text)
    text = normalized.text
    if not text.strip():
        raise IngestError("文件没有文字内容", "nothing left after normalisation")
    readable = simplified(text)
    warnings = list(document.warnings)

    meta = extract_metadata(readable, document.title_hint)
    court = detect_court(readable, courts, hint=court_hint)
    if court_hint and court.name is None:
        warnings.append(f"指定的法院“{court_hint}”不在法院名录中")
    if court.former_names:  # an older report: say which name it used
        former = "、".join(court.former_names)
        warnings.append(f"报告用的是法院旧称“{former}”，今为{court.name}")
    if court.name is None:
        if court.candidates:
            choices = "、".join(court.candidates[:5])
            warnings.append(f"法院不能确定，可能是：{choices}")
        else:
            warnings.append("未识别出法院，请从名录中选择")
    year = year_hint or meta.year
    if year is None:
        warnings.append("未识别出报告所属年份")
    if meta.period:
        warnings.append(f"报告只覆盖部分年份：{meta.period}")
    kind = meta.kind
    if not ABOUT_COURTS.search(readable):
        kind = OTHER
        warnings.append("文档似乎与法院工作无关，已标为“其他”")
    title = meta.title
    if not title:
        title = _fallback_title(court.name, year, kind, text)
        warnings.append("原文没有标题，已自动生成")

    skip = {*meta.title_lines, *meta.caption_lines, *meta.byline_lines}
    sections = split_sections(text, document.headings, asides=normalized.asides, skip_lines=skip)
    if not sections:
        warnings.append("没有找到正文")
    elif not any(s.heading for s in sections):
        warnings.append("未识别出章节标题，全文作为一节")

    metrics = extract_metrics(readable, sections)
    initiatives = extract_initiatives(readable, sections)
    if readable is not text:
        metrics, initiatives = _as_written(text, readable, metrics, initiatives)

    return ParsedReport(
        text=text,
        content_hash=content_hash(text),
        title=title,
        court_name=court.name,
        year=year,
        kind=kind,
        period=meta.period,
        source=meta.source,
        byline=meta.byline,
        published_on=meta.published_on,
        sections=sections,
        metrics=metrics,
        initiatives=initiatives,
        warnings=tuple(warnings),
        parser_version=PARSER_VERSION,
        court_candidates=tuple(court.candidates),
        format=document.format,
        encoding=document.encoding,
    )


def _fallback_title(court: str | None, year: int | None, kind: str, text: str) -> str:
    if court and kind in TITLE_SUFFIX:
        return f"{court}{f'{year}年' if year else ''}{TITLE_SUFFIX[kind]}"
    first = text.split("\n", 1)[0]
    return first[:30] + ("…" if len(first) > 30 else "")


def _as_written(text: str, readable: str, metrics, initiatives):
    """Evidence and names back in the characters the report uses."""

    def original(snippet: str, near: int) -> str:
        at = readable.find(snippet, max(0, near - len(snippet) - 200))
        return text[at : at + len(snippet)] if at >= 0 else snippet

    metrics = tuple(
        replace(m, raw=text[m.start : m.end], evidence=original(m.evidence, m.start))
        for m in metrics
    )
    initiatives = tuple(
        replace(i, name=original(i.name, i.start), evidence=original(i.evidence, i.start))
        for i in initiatives
    )
    return metrics, initiatives
