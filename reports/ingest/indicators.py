"""Which canonical indicator a metric's label names: the synonym dictionary.

Values are ``reports.choices.Indicator`` values (kept as plain strings: parsing has no Django).
Rows are tried in order and the first whose pattern is found in the label, and whose unit fits,
wins; more specific wordings come first (审执结 before 执结 before 审结).

| label contains                        | unit  | indicator                 |
|---------------------------------------|-------|---------------------------|
| 审执结, 审（执）结                    | 件    | cases_closed_all          |
| 新收执行, 受理执行                    | 件    | enforcement_received      |
| 执结                                  | 件    | enforcement_closed        |
| 执行到位                              | 元    | enforcement_amount        |
| 诉前调解                              | 件    | pre_litigation_mediation  |
| 调解成功, 成功调解, 调解结案          | 件    | mediation                 |
| 结案率                                | %     | closure_rate              |
| 上诉率                                | %     | appeal_rate               |
| 负责人出庭(应诉)率                    | %     | officials_in_court_rate   |
| 平均审理用时, 平均结案周期, 审理周期  | 天    | average_duration          |
| 人均结案                              | 件    | cases_per_judge           |
| 劳动报酬, 欠薪, 工资                  | 元    | wages_recovered           |
| 失信                                  | 人 例 名 | dishonest_debtors       |
| 司法建议                              | 件 份 条 | judicial_suggestions    |
| 判处, 判刑, 审结 (persons)            | 人 名 | defendants                |
| 受理, 新收, 收案                      | 件    | cases_received            |
| 审结, 结案, 办结                      | 件    | cases_closed              |

Anything else maps to "" (no indicator): the label alone still describes the figure. Cases
not yet closed (未结案件) are no closed cases.

A label names the whole of its indicator (``is_total``) when nothing is left of it once the
court or area, a leading year, the indicator's own words and filler (各类, 案件, 金额 …) are
taken away: 全市法院受理各类案件 is the total, 受理破产案件 one kind of case.
"""

from __future__ import annotations

import re

_TABLE: tuple[tuple[str, frozenset[str], str], ...] = (
    (r"审执结|审[（(]执[）)]结", frozenset({"件"}), "cases_closed_all"),
    (r"新收执行|受理执行", frozenset({"件"}), "enforcement_received"),
    (r"执结", frozenset({"件"}), "enforcement_closed"),
    (r"执行到位", frozenset({"元"}), "enforcement_amount"),
    (r"诉前调解", frozenset({"件"}), "pre_litigation_mediation"),
    (r"调解成功|成功调解|调解结案", frozenset({"件"}), "mediation"),
    (r"结案率", frozenset({"%"}), "closure_rate"),
    (r"上诉率", frozenset({"%"}), "appeal_rate"),
    (r"负责人出庭(?:应诉)?率", frozenset({"%"}), "officials_in_court_rate"),
    (r"平均审理用时|平均结案周期|审理周期", frozenset({"天"}), "average_duration"),
    (r"人均结案", frozenset({"件"}), "cases_per_judge"),
    (r"劳动报酬|欠薪|工资", frozenset({"元"}), "wages_recovered"),
    (r"失信", frozenset({"人", "例", "名"}), "dishonest_debtors"),
    (r"司法建议", frozenset({"件", "份", "条"}), "judicial_suggestions"),
    # 审结…案件576件896人: the persons of closed criminal cases are defendants.
    (r"判处|判刑|审结", frozenset({"人", "名"}), "defendants"),
    (r"受理|新收|收案", frozenset({"件"}), "cases_received"),
    (r"审结|结案|办结", frozenset({"件"}), "cases_closed"),
)
_COMPILED = tuple((re.compile(pattern), units, value) for pattern, units, value in _TABLE)
# 未结 contains 结, and 未结案件 (pending cases) must not count as closed.
_NOT_AN_INDICATOR = re.compile(r"未结|尚未审结|未审结|未执结")

# What a label may hold besides its indicator's words and still name the whole: who (a
# court, an area's courts, the judges), when (a year, 五年), and filler.
_WHO = r"(?:[^，。、]{0,12}?(?:人民法院|法院|中院|高院|最高法)|各级|全市|全省|全区|全州|全县|本院|该院)"
_WHEN = r"(?:\d{4}年(?:度)?|[一二三四五六七八九十两]年(?:来|间|内)?|全年|今年|去年|上年|共计?|累计)"
_FILLER = (
    r"各类|各项|全部|所有|实际|依法|共计?|累计|总计|合计|了|被|的|案件|案|金额|数量|总数|数|"
    r"罪犯|被告人|员额|一线|法官|成功|名单|人员|总额|款"
)
_FILLER_RUN = re.compile(rf"^(?:{_WHO}|{_WHEN})*|(?:{_FILLER})")
# Words that belong to one indicator's whole: 执结执行案件 is every closed enforcement case.
_OWN_WORDS = {
    "enforcement_closed": re.compile(r"执行"),
    "defendants": re.compile(r"刑罚"),
    "officials_in_court_rate": re.compile(r"行政机关|应诉"),
    "wages_recovered": re.compile(r"追回|追讨|兑现|为?(?:农牧?民工|劳动者|工人)"),
}


def is_total(label: str, unit: str) -> bool:
    """Whether the label names its indicator's whole (the court's or area's total) rather than
    one kind of case: only totals compare across courts and years.

    >>> is_total("全市法院受理各类案件", "件"), is_total("2017年审执结", "件")
    (True, True)
    >>> is_total("审结一审商事案件", "件"), is_total("执行到位涉黑恶财产", "元")
    (False, False)
    """
    indicator = indicator_for(label, unit)
    for pattern, units, value in _COMPILED:
        if value == indicator and unit in units and pattern.search(label):
            rest = _FILLER_RUN.sub("", pattern.sub("", label, count=1))
            if value in _OWN_WORDS:
                rest = _OWN_WORDS[value].sub("", rest)
            return not rest.strip()
    return False


def indicator_for(label: str, unit: str) -> str:
    """The indicator a label names, or "".

    >>> indicator_for("审结一审知识产权案件", "件"), indicator_for("执行到位金额", "元")
    ('cases_closed', 'enforcement_amount')
    >>> indicator_for("审结一审知识产权案件", "%")
    ''
    """
    if _NOT_AN_INDICATOR.search(label):
        return ""
    for pattern, units, value in _COMPILED:
        if unit in units and pattern.search(label):
            return value
    return ""
