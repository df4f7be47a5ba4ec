"""One rule decides whether a text is read through a simplified copy (parse and topic scoring
once had two copies with different thresholds)."""

import doctest

import pytest

from reports.ingest import script
from reports.ingest.script import simplified
from reports.ingest.sections import classify_topic


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("全市法院審結執行案件，實現清零", "全市法院审结执行案件，实现清零"),
        ("二〇二五年，全區兩級法院審結個案", "二〇二五年，全区两级法院审结个案"),
        ("全市法院审结执行案件", "全市法院审结执行案件"),  # simplified text stays as it is
        ("執行", "執行"),  # two characters are too few to call a text traditional
    ],
)
def test_simplified_copy(written, read):
    assert simplified(written) == read
    assert len(simplified(written)) == len(written)


def test_a_traditional_heading_scores_its_topic():
    assert classify_topic("智慧法院建設", "網絡安全攻防演練，數字法院建設") == "smart_court"


def test_doctests():
    assert doctest.testmod(script).failed == 0
