"""The parser never raises on any text: a ParsedReport, or a clean IngestError (a message for
editors) — never an internal error. Property-based: hypothesis shuffles, cuts and mutates the
paragraphs of every real text in the repository and mixes in what breaks number readers (huge
numbers, lone 万/亿/千, unbalanced quotes and brackets, other scripts).

A failure prints the smallest text that breaks the parser; add it to the table-driven tests of
the module that failed, then fix the module.
"""

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reports.ingest.court import load_directory
from reports.ingest.decode import decode_document
from reports.ingest.parse import parse_report, parse_text
from reports.ingest.types import IngestError, ParsedReport

ROOT = Path(__file__).resolve().parents[2]
REAL_TEXTS = [
    *sorted((ROOT / "tests" / "data" / "corpus").glob("*.txt")),
    *sorted((ROOT / "fixtures" / "demo").glob("*.txt")),
    *sorted((ROOT / "tests" / "data" / "formats").glob("*.txt")),
]
# The suite's budget: about 20 s for all the properties below on a shared machine. A longer
# hunt: PARSER_FUZZ_EXAMPLES=2000 .venv/bin/pytest tests/ingest/test_never_raises.py
BUDGET = settings(
    max_examples=int(os.environ.get("PARSER_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,  # no example files left in the worktree; failures print their input
)


def _paragraphs() -> list[str]:
    found = []
    for path in REAL_TEXTS:
        text = decode_document(path.read_bytes(), path.name).text  # GB18030, UTF-16 … as ingest
        found.extend(line for line in text.splitlines() if line.strip())
    return found


PARAGRAPHS = _paragraphs()
COURTS = load_directory(ROOT / "fixtures" / "courts.json")

# What number readers and quote matchers trip over.
TRICKY = [
    "万",
    "亿",
    "千",
    "百",
    "十",
    "两",
    "零",
    "〇",
    "点",
    "万亿",
    "千万",
    "百分之",
    "百分之百",
    "近千起",
    "超万件",
    "逾百亿元",
    "%",
    "个百分点",
    "分别",
    "同比",
    "下降",
    "上升",
    "、",
    "和",
    "“",
    "”",
    "《",
    "》",
    "（",
    "）",
    "(",
    "「",
    "‘",
    "\n",
    "\n\n",
    "　",
    " ",
    "，",
    "。",
    "……",
    "9" * 40,
    "1" * 400,
    "0.",
    ".5",
    "1,2,3",
    "１２３",
    "９９．８％",
    "1e9",
    "-0",
    "−3",
    "2023年",
    "二〇二五年",
    "第十",
    "12368",
    "Ⅻ",
    "①",
    "٣",
    "๓",
    "Ωμ",
    "Привет",
    "😀",
    "\u200b",
    "\ufeff",
    "\x00",
    "&amp;",
    "&#12345;",
    "<b>",
    "同比分别下降6.5%、",
    "（件数，下同）",
    "在上年下降26.2%的基础上",
    "再次下降",
    "3.6个、",
    "万元",
    "亿元以上",
    "余",
    "多",
]
tricky = st.sampled_from(TRICKY)
paragraph = st.sampled_from(PARAGRAPHS)


@st.composite
def cut(draw, source=paragraph):
    text = draw(source)
    start = draw(st.integers(0, len(text)))
    return text[start : draw(st.integers(start, len(text)))]


@st.composite
def mutated(draw):
    text = list(draw(paragraph))
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        piece = draw(st.one_of(tricky, st.text(min_size=1, max_size=3)))
        if action == "insert" or not text:
            text.insert(at, piece)
        elif action == "delete":
            del text[min(at, len(text) - 1)]
        else:
            text[min(at, len(text) - 1)] = piece
    return "".join(text)


document = st.lists(
    st.one_of(paragraph, cut(), mutated(), tricky, st.text(max_size=40)), min_size=1, max_size=12
).map("\n".join)


def assert_parses_or_refuses(parse, *args):
    try:
        parsed = parse(*args)
    except IngestError as error:
        assert error.message  # a message editors can read
        return
    assert isinstance(parsed, ParsedReport)
    for metric in parsed.metrics:  # offsets point into the text the report stores
        assert 0 <= metric.start <= metric.end <= len(parsed.text)


@BUDGET
@given(document)
def test_any_mix_of_real_paragraphs_parses_or_is_refused(text):
    assert_parses_or_refuses(parse_text, text, COURTS)


@BUDGET
@given(st.lists(paragraph, min_size=2, max_size=30, unique=True), st.randoms())
def test_shuffled_real_paragraphs_parse(paragraphs, rng):
    rng.shuffle(paragraphs)
    assert_parses_or_refuses(parse_text, "\n".join(paragraphs), COURTS)


@BUDGET
@given(st.lists(st.one_of(tricky, st.integers(-(10**30), 10**30).map(str)), max_size=40))
def test_numbers_units_and_quotes_alone_parse(pieces):
    assert_parses_or_refuses(parse_text, "".join(pieces), COURTS)


@BUDGET
@given(
    st.one_of(
        document.map(lambda t: t.encode("utf-8")),
        document.map(lambda t: t.encode("gb18030", errors="replace")),
        document.map(lambda t: t.encode("utf-16")),
        st.binary(max_size=200),
    ),
    st.sampled_from(["报告.txt", "报告.html", "报告.docx", "报告.pdf", "报告"]),
)
def test_any_bytes_under_any_file_name_parse_or_are_refused(data, filename):
    assert_parses_or_refuses(parse_report, data, filename, COURTS)


@pytest.mark.parametrize(
    "text",
    [
        "依法查处近千起案件。",  # the national report that did not ingest
        "千",
        "万",
        "亿元",
        "百分之",
        "同比分别下降6.5%、",
        "“执行110",
        "《关于二十条措施",
        "1" * 400 + "万件",
        "近" + "千" * 50 + "起",
    ],
)
def test_texts_that_broke_number_readers(text):
    assert_parses_or_refuses(parse_text, text, COURTS)
