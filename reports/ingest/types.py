"""What the parser returns: frozen dataclasses, no Django.

Offsets (``start``/``end``) are character positions in ``ParsedReport.text``, the normalised
full text, so an editor's preview can highlight evidence in the source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


class IngestError(Exception):
    """A file that cannot become a report. ``message`` is for editors (Chinese), ``detail``
    for developers (English)."""

    def __init__(self, message: str, detail: str = ""):
        super().__init__(f"{message} ({detail})" if detail else message)
        self.message = message
        self.detail = detail


@dataclass(frozen=True)
class DecodedDocument:
    """A file's text before normalisation, with what decoding learnt about it."""

    text: str
    encoding: str
    format: str  # txt / html / docx / pdf
    title_hint: str = ""
    headings: tuple[str, ...] = ()  # heading lines known from the format (docx styles, html h*)
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class CourtRecord:
    """One court of the directory (fixtures/courts.json)."""

    name: str
    short_name: str
    level: str
    province: str = ""
    city: str = ""
    aliases: tuple[str, ...] = ()
    adcode: str = ""
    slug: str = ""
    parent: str = ""
    # Names of the courts of former divisions this court succeeds (莱芜市中级人民法院 for
    # 济南市中级人民法院): older reports use them.
    former_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class ParsedSection:
    order: int  # 1-based
    heading: str
    text: str
    topic: str  # a reports.choices.SectionTopic value
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class ParsedMetric:
    label: str
    # In base units: 1.39万件 -> Decimal("13900"); None for a statement that gives only a
    # change (上诉率同比下降17.99%: yoy_change -17.99, yoy_unit "%"; 同比减少700件: -700, "件").
    value: Decimal | None
    unit: str  # 件 / 元 / % / 人 / 天 / 次 ...
    raw: str  # as written: "1.39万件"
    evidence: str  # the sentence
    start: int  # offset of ``raw`` in ParsedReport.text
    end: int
    indicator: str = ""  # a reports.choices.Indicator value, or ""
    approx: str = ""  # "", 超, 近, 余, 以上, 约
    yoy_change: Decimal | None = None  # signed: 同比下降6.2% -> Decimal("-6.2")
    yoy_unit: str = ""  # "", "%", "个百分点", or a unit for a change counted in it (-700 件)
    scope: str = ""  # "court" (本院), "region" (全市两级法院 …), ""
    section_order: int | None = None
    confidence: float = 1.0


@dataclass(frozen=True)
class ParsedInitiative:
    name: str  # as written, without the outer quotes of 《》 kept: "《…》" stays with 《》
    canonical_name: str  # the key that links the same initiative across reports
    evidence: str
    start: int
    end: int
    category: str = ""  # mechanism / campaign / method / platform / document / other
    section_order: int | None = None


@dataclass(frozen=True)
class ParsedReport:
    text: str  # normalised full text
    content_hash: str  # sha256 of the normalised text
    title: str
    court_name: str | None  # a CourtRecord.name from the directory, or None
    year: int | None
    kind: str  # a reports.choices.ReportKind value
    period: str = ""  # "1至7月" for a partial year
    source: str = ""
    byline: str = ""
    published_on: str = ""  # ISO date if known
    sections: tuple[ParsedSection, ...] = ()
    metrics: tuple[ParsedMetric, ...] = ()
    initiatives: tuple[ParsedInitiative, ...] = ()
    warnings: tuple[str, ...] = ()
    parser_version: str = ""
    court_candidates: tuple[str, ...] = field(default=())
    format: str = "txt"
    encoding: str = "utf-8"
