"""Chinese analysis: folding, jieba words with positions, sub-words, grams, the dictionary."""

import pytest

from reports.search import analysis
from reports.search.analysis import ChineseAnalyzer, CJKGramAnalyzer, court_words, legal_terms
from reports.search.normalize import fold


@pytest.mark.parametrize(
    "written, folded",
    [
        ("知識產權", "知识产权"),
        ("執行到位", "执行到位"),
        ("１２３６８", "12368"),
        ("２７．７４％", "27.74%"),
        ("ＡＢＣ Court", "abc court"),
        ("呼和浩特\u3000市", "呼和浩特 市"),
    ],
)
def test_fold_meets_simplified_half_width_lowercase(written, folded):
    assert fold(written) == folded
    assert len(fold(written)) == len(written)  # offsets stay valid for highlighting


def tokens(analyzer, text, mode):
    return [(t.text, t.pos) for t in analyzer(text, positions=True, mode=mode)]


def test_index_mode_emits_dictionary_subwords_at_the_word_position():
    found = tokens(ChineseAnalyzer(), "呼和浩特市法院", "index")
    assert ("呼和浩特市", 0) in found
    # jieba's search mode never emits this 4-character word inside the 5-character one.
    assert ("呼和浩特", 0) in found
    assert found[-1][1] == 1  # the next word still comes next: phrases keep working


def test_query_mode_gives_whole_words_in_sequence():
    found = tokens(ChineseAnalyzer(), "知識產權保护案件", "query")
    assert found == [("知识产权", 0), ("保护", 1), ("案件", 2)]


def test_numbers_stay_whole_and_percent_also_matches_bare():
    found = [t for t, _ in tokens(ChineseAnalyzer(), "上升27.74%，审结1.39万件", "index")]
    assert {"27.74%", "27.74", "1.39"} <= set(found)


def test_tokenize_false_returns_the_whole_value():
    # Whoosh analyses wildcards and ranges this way; jieba's ChineseAnalyzer returned nothing.
    assert [t.text for t in ChineseAnalyzer()("呼和*", tokenize=False)] == ["呼和*"]
    assert [t.text for t in CJKGramAnalyzer()("*", tokenize=False)] == ["*"]


def test_grams_index_every_substring_and_query_as_a_chain():
    index = tokens(CJKGramAnalyzer(), "巴彦淖尔市", "index")
    assert ("彦淖", 1) in index and ("院", 0) not in index and ("市", 4) in index
    # The query's last character adds nothing after the bigram ending with it (a two-character
    # word is one term, not a phrase); before a number it keeps the positions consecutive.
    assert tokens(CJKGramAnalyzer(), "彦淖尔", "query") == [("彦淖", 0), ("淖尔", 1)]
    assert tokens(CJKGramAnalyzer(), "执行", "query") == [("执行", 0)]
    assert tokens(CJKGramAnalyzer(), "执行2023", "query") == [("执行", 0), ("行", 1), ("2023", 2)]
    assert tokens(CJKGramAnalyzer(), "院", "query") == [("院", 0)]


@pytest.mark.parametrize(
    "written, bridge, kept",
    [
        ("“六个一”特色", "一特", True),  # quotation marks inside a name
        ("《工作办法》印发", "法印", True),  # title marks
        ("院庭长“阅核”制度", "长阅", True),
        ("审结。执行", "结执", False),  # a full stop ends the phrase
        ("审结，执行", "结执", False),
        ("审结” “执行", "结执", False),  # a space is more than a mark
    ],
)
def test_grams_run_on_across_quotation_marks_only(written, bridge, kept):
    index = tokens(CJKGramAnalyzer(), written, "index")
    assert (bridge in [t for t, _ in index]) is kept
    positions = [p for t, p in index if t == bridge]
    before = [p for t, p in index if t == bridge[0]]
    assert positions == before[-1:] if kept else not positions


def test_no_stemming_or_stop_words():
    assert [t for t, _ in tokens(ChineseAnalyzer(), "the courts 的", "query")] == [
        "the",
        "courts",
        "的",
    ]


def test_legal_terms_file_is_read_and_kept_whole(tmp_path):
    terms = tmp_path / "terms.txt"
    terms.write_text("# 注释\n府院联动\n员额法官 100\n\n要素式  # 审判方式\n", encoding="utf-8")
    assert legal_terms(terms) == {"府院联动", "员额法官", "要素式"}


def test_shipped_legal_terms_are_words():
    words = [t for t, _ in tokens(ChineseAnalyzer(), "强化府院联动，员额法官推进诉源治理", "query")]
    assert {"府院联动", "员额法官", "诉源治理"} <= set(words)


def test_court_directory_gives_names_places_and_short_forms(tmp_path):
    directory = tmp_path / "courts.json"
    directory.write_text(
        '[{"name": "巴彦淖尔市中级人民法院", "short_name": "巴彦淖尔中院", "aliases": ["巴市中院"],'
        ' "province": "内蒙古自治区", "city": "巴彦淖尔市"}]',
        encoding="utf-8",
    )
    words = court_words(directory)
    assert {"巴彦淖尔市中级人民法院", "巴彦淖尔中院", "巴市中院", "巴彦淖尔", "内蒙古"} <= words


def test_missing_court_directory_is_not_fatal(tmp_path, caplog):
    assert court_words(tmp_path / "absent.json") == set()
    assert "not read" in caplog.text


def test_fingerprint_follows_the_words(settings, tmp_path):
    before = analysis.dictionary_fingerprint()
    terms = tmp_path / "terms.txt"
    terms.write_text("一个新词语\n", encoding="utf-8")
    settings.PORTAL_LEGAL_TERMS_FILE = terms
    analysis.reset_dictionary()
    try:
        assert analysis.dictionary_fingerprint() != before
        assert "一个新词语" in analysis.get_dictionary().words
    finally:
        analysis.reset_dictionary()


@pytest.mark.parametrize(
    "module",
    [
        "reports.search.normalize",
        "reports.search.analysis",
        "reports.search.highlighting",
        "reports.search.query",
        "reports.search.synonyms",
        "reports.search.whoosh_syntax",
        "reports.evaluation.search",
        "reports.search.spelling",
        "reports.search.autocomplete",
        "reports.search.es_query",
    ],
)
def test_docstring_examples_hold(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted and not result.failed
