"""Which figures name their indicator's whole: only those are charted and compared."""

import pytest

from reports.ingest.indicators import indicator_for, is_total


@pytest.mark.parametrize(
    "label, unit",
    [
        ("受理各类案件", "件"),
        ("全市法院受理案件", "件"),
        ("2017年受理各类案件", "件"),
        ("五年共审执结各类案件", "件"),
        ("最高人民法院审结", "件"),
        ("市中院新收各类案件", "件"),
        ("海口中院结案率", "%"),
        ("执结执行案件", "件"),
        ("实际执行到位金额", "元"),
        ("全市员额法官人均结案", "件"),
        ("被判处刑罚", "人"),
        ("为农牧民工追回劳动报酬", "元"),
        ("平均审理用时", "天"),
    ],
)
def test_totals(label, unit):
    assert indicator_for(label, unit) and is_total(label, unit)


@pytest.mark.parametrize(
    "label, unit",
    [
        ("审结一审商事案件", "件"),  # 呼和浩特 2023: 2.9万件, larger than its civil total
        ("审结了故意杀人、故意伤害、抢劫等暴力犯罪案件", "件"),
        ("受理破产案件", "件"),
        ("收案执行案件", "件"),  # enforcement cases among all received
        ("执行到位涉黑恶财产", "元"),
        ("审限内结案率", "%"),
        ("判处三年以上有期徒刑", "人"),
        ("专题授课", "次"),  # no indicator at all
    ],
)
def test_kinds_of_cases_are_not_totals(label, unit):
    assert not is_total(label, unit)


@pytest.mark.parametrize("label", ["未结案件", "12个月以上未结案件", "民商事未结案件"])
def test_pending_cases_are_not_closed_cases(label):
    assert indicator_for(label, "件") == ""
