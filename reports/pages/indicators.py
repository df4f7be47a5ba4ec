"""The indicator dictionary readers see beside the metrics explorer: what each canonical
indicator (``reports.choices.Indicator``) counts, in which unit, and what makes two courts'
figures for it hard to compare.

The labels that map onto each indicator are in ``reports.ingest.indicators``; these notes
say, in the readers' words, what those labels have in common and where they differ.
"""

from dataclasses import dataclass

from reports.choices import Indicator


@dataclass(frozen=True)
class IndicatorNote:
    value: str
    label: str
    unit: str
    wording: str  # how reports write it
    note: str  # what it means and its caveats

    @property
    def is_rate(self) -> bool:
        return self.unit == "%"


_NOTES = {
    Indicator.CASES_RECEIVED: (
        "件",
        "受理、新收、收案",
        "一年内收到的案件数。“受理”常含上年旧存，“新收”不含；标签中写明的案件类别"
        "（一审、刑事、知识产权……）也归在这一指标下，比较时请看标签。",
    ),
    Indicator.CASES_CLOSED: (
        "件",
        "审结、结案、办结",
        "一年内审理完毕的案件数。全院总数与某类案件（审结一审刑事案件）同属此指标，"
        "比较时请看标签；“审执结”另见审执结案件。",
    ),
    Indicator.CASES_CLOSED_ALL: (
        "件",
        "审执结、审（执）结",
        "审结与执结合计，通常是一年工作量的总数，比单看审结大。",
    ),
    Indicator.ENFORCEMENT_CLOSED: ("件", "执结", "执行完毕的案件数，含终结本次执行程序的案件。"),
    Indicator.ENFORCEMENT_AMOUNT: (
        "元",
        "执行到位金额",
        "执行程序中实际交付申请人的金额；各院是否计入和解履行、是否含辖区法院，口径不一。",
    ),
    Indicator.ENFORCEMENT_RECEIVED: ("件", "新收执行、受理执行", "一年内新收或受理的执行案件数。"),
    Indicator.MEDIATION: (
        "件",
        "调解成功、成功调解、调解结案",
        "以调解方式结束的案件数；诉讼中调解与诉前调解常分开写。",
    ),
    Indicator.PRE_LITIGATION_MEDIATION: (
        "件",
        "诉前调解",
        "立案前由法院或调解组织调解的纠纷数；有的报告写调解成功数，有的写委派调解数。",
    ),
    Indicator.DEFENDANTS: ("人", "判处罪犯、判刑", "刑事判决中判处的罪犯人数。"),
    Indicator.JUDICIAL_SUGGESTIONS: (
        "件",
        "司法建议",
        "向党政机关、企业等发出的司法建议数，单位有件、份、条之分。",
    ),
    Indicator.CLOSURE_RATE: (
        "%",
        "结案率",
        "审结数占受理数的比例；分母是否含旧存各院不同。比率不能相加，也不能与“同比上升”混读。",
    ),
    Indicator.APPEAL_RATE: (
        "%",
        "上诉率",
        "一审判决后被上诉的比例，越低通常表示服判息诉越好。只写同比变化的不是上诉率本身。",
    ),
    Indicator.OFFICIALS_IN_COURT_RATE: (
        "%",
        "行政机关负责人出庭应诉率",
        "行政诉讼中行政机关负责人出庭的比例；有的报告只统计开庭审理的案件。",
    ),
    Indicator.AVERAGE_DURATION: (
        "天",
        "平均审理用时、平均结案周期",
        "一件案件从立案到结案的平均天数；各院按自然日或工作日计算不一。",
    ),
    Indicator.CASES_PER_JUDGE: ("件", "法官人均结案", "员额法官人均审结案件数。"),
    Indicator.WAGES_RECOVERED: (
        "元",
        "追回劳动报酬、欠薪",
        "为劳动者追回的工资报酬金额，常是专项行动的阶段数字。",
    ),
    Indicator.DISHONEST_DEBTORS: (
        "人",
        "失信被执行人",
        "纳入失信被执行人名单的人数；也有报告写的是屏蔽、删除失信信息的人数。",
    ),
}

NOTES = {
    indicator.value: IndicatorNote(indicator.value, indicator.label, *_NOTES[indicator])
    for indicator in Indicator
}


def note_for(value: str) -> IndicatorNote | None:
    return NOTES.get(value)
