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

Anything else maps to "" (no indicator): the label alone still describes the figure.
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


def indicator_for(label: str, unit: str) -> str:
    """The indicator a label names, or "".

    >>> indicator_for("审结一审知识产权案件", "件"), indicator_for("执行到位金额", "元")
    ('cases_closed', 'enforcement_amount')
    >>> indicator_for("审结一审知识产权案件", "%")
    ''
    """
    for pattern, units, value in _COMPILED:
        if unit in units and pattern.search(label):
            return value
    return ""
