"""The query language: what a reader types → the query tree (pure, no index needed)."""

import random

import pytest

from reports.search.query import MAX_QUERY_CHARS, parse_query, parse_year


def shape(parsed):
    must = [[w.text + ('"' if w.phrase else "") for w in c.words] for c in parsed.must]
    return must, [w.text for w in parsed.must_not], dict(parsed.filters)


@pytest.mark.parametrize(
    "typed, must, must_not, filters",
    [
        ("知识产权 执行", [["知识产权"], ["执行"]], [], {}),
        ('"司法保护"', [['司法保护"']], [], {}),
        ("“司法 保护”", [['司法保护"']], [], {}),  # Chinese quotes; spaces inside CJK dropped
        ("执行 -刑事", [["执行"]], ["刑事"], {}),
        ("执行 NOT 刑事", [["执行"]], ["刑事"], {}),
        ("执行 OR 执结 金融", [["执行", "执结"], ["金融"]], [], {}),
        ("court:呼市中院 year:2023", [], [], {"court": ("呼市中院",), "year": ("2023",)}),
        ('court:"呼和浩特市 中级人民法院"', [], [], {"court": ("呼和浩特市 中级人民法院",)}),
        ("法院：呼市中院 知识产权", [["知识产权"]], [], {"court": ("呼市中院",)}),
        ("year:2020..2023", [], [], {"year": ("2020..2023",)}),
        ("１２３６８", [["12368"]], [], {}),
        ("司法,保护", [["司法"], ["保护"]], [], {}),
        ("知识产权* ~2 ^3", [["知识产权"], ["2"], ["3"]], [], {}),
        ("[2020 TO 2023]", [["2020"], ["2023"]], [], {}),
    ],
)
def test_parse(typed, must, must_not, filters):
    assert shape(parse_query(typed)) == (must, must_not, filters)


@pytest.mark.parametrize(
    "typed, notice",
    [
        ('"未闭合的引号', "引号未配对"),
        ("status:draft", "不支持按“status”筛选"),
        ("court: 知识产权", "后缺少筛选值"),
        ("知" * (MAX_QUERY_CHARS + 50), f"前 {MAX_QUERY_CHARS} 个字符"),
    ],
)
def test_odd_input_is_read_with_a_notice(typed, notice):
    parsed = parse_query(typed)
    assert any(notice in n for n in parsed.notices)
    assert not parsed.error


def test_unknown_field_is_searched_as_words_never_as_a_filter():
    parsed = parse_query("status:draft")
    assert shape(parsed) == ([["status"], ["draft"]], [], {})


@pytest.mark.parametrize("typed", ["!!!", "*", "-", "::::", "~^[]{}()", "！＠＃" * 400])
def test_nothing_searchable_is_an_error_message(typed):
    parsed = parse_query(typed)
    assert parsed.error.startswith("查询中没有可以搜索的字词")
    assert "contains no searchable words" in parsed.error


def test_year_and_court_in_free_text_are_offered_as_filters():
    def courts(text):
        i = text.find("呼市中院")
        return (
            [(i, i + 4, "呼和浩特市中级人民法院", ("呼和浩特市中级人民法院", "呼市中院"))]
            if i >= 0
            else []
        )

    parsed = parse_query("2023年 呼市中院执行", courts=courts)
    assert [(o.field, o.value) for o in parsed.offers] == [
        ("year", "2023"),
        ("court", "呼和浩特市中级人民法院"),
    ]
    # The court name inside a longer word becomes its own clause matching every name form.
    assert shape(parsed)[0] == [["2023年"], ["呼市中院", "呼和浩特市中级人民法院"], ["执行"]]


@pytest.mark.parametrize("typed", ["2020-2023年 执行", "2020年至2023年 执行", "执行 2020~2023"])
def test_year_range_in_free_text_is_offered_not_searched(typed):
    parsed = parse_query(typed)
    assert shape(parsed) == ([["执行"]], [], {})
    assert [(o.field, o.value, o.label) for o in parsed.offers] == [
        ("year", "2020..2023", "只看 2020–2023 年")
    ]
    assert any("按年份范围理解" in n for n in parsed.notices)
    alone = parse_query("2020-2023年")
    assert not alone.error and alone.browse and alone.offers


@pytest.mark.parametrize(
    "typed, year",
    [("2023", "2023"), ("2023年", "2023"), ("2020-2023", "2020..2023"), ("2023至2020年", "2020..2023"),
     ("2020..", "2020.."), ("abc", None), ("20231", None)],
)  # fmt: skip
def test_parse_year(typed, year):
    assert parse_year(typed) == year


def test_random_garbage_never_raises():
    alphabet = '"“”-:：*~^[]{}()!?\\/<>&|+ 　ABCORTOAND法院知识产权２０２３%.,;' + "\x00\n\t"
    generator = random.Random(2024)
    for _ in range(500):
        typed = "".join(generator.choice(alphabet) for _ in range(generator.randint(0, 300)))
        parsed = parse_query(typed)
        assert len(parsed.text) <= MAX_QUERY_CHARS
        for clause in parsed.must:
            assert clause.words and all(w.text for w in clause.words)
