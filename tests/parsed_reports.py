"""Hand-built parser output for tests of the loader and the admin (no parser needed)."""

import hashlib
from decimal import Decimal

from reports.ingest.types import ParsedInitiative, ParsedMetric, ParsedReport, ParsedSection

HOHHOT = "呼和浩特市中级人民法院"
TEXT = (
    "践行司法为民 保障公平正义\n服务高质量发展大局\n"
    "审结一审知识产权案件325件，建立“呼包鄂乌”知识产权司法保护协作机制。\n"
    "保障首府安全稳定\n审结一审商事案件2.9万件，同比上升27.74%。"
)


def metric(raw, value, label, unit="件", **kw):
    start = kw.pop("start", TEXT.find(raw))
    sentence = next(s + "。" for s in TEXT.replace("\n", "。").split("。") if raw in s)
    return ParsedMetric(
        label=label,
        value=Decimal(value),
        unit=unit,
        raw=raw,
        evidence=kw.pop("evidence", sentence),
        start=start,
        end=start + len(raw),
        **kw,
    )


SECTIONS = (
    ParsedSection(1, "服务高质量发展大局", TEXT[14:70], "development", start=14),
    ParsedSection(2, "保障首府安全稳定", TEXT[70:], "trial", start=70),
)
METRICS = (
    metric("325件", "325", "审结一审知识产权案件", section_order=1),
    metric("2.9万件", "29000", "审结一审商事案件", section_order=2),
    metric("27.74%", "27.74", "审结一审商事案件同比", unit="%", confidence=0.4, section_order=2),
)
INITIATIVES = (
    ParsedInitiative(
        name="“呼包鄂乌”知识产权司法保护协作机制",
        canonical_name="呼包鄂乌知识产权司法保护协作机制",
        evidence="建立“呼包鄂乌”知识产权司法保护协作机制。",
        start=TEXT.find("“呼包鄂乌”"),
        end=TEXT.find("机制。") + 2,
        category="mechanism",
        section_order=1,
    ),
)


def parsed_report(text=TEXT, **kw):
    fields = {
        "text": text,
        "content_hash": hashlib.sha256(text.encode()).hexdigest(),
        "title": "践行司法为民 保障公平正义",
        "court_name": HOHHOT,
        "year": 2023,
        "kind": "news_review",
        "sections": SECTIONS,
        "metrics": METRICS,
        "initiatives": INITIATIVES,
        "parser_version": "1.0",
        **kw,
    }
    return ParsedReport(**fields)
