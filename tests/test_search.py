"""Search as a reader meets it: recall in Chinese, the query language, facets, snippets, and
no draft ever leaking. Each test indexes into its own temporary Whoosh directory."""

from urllib.parse import parse_qsl

import pytest

from reports.choices import ReportStatus
from reports.models import Section
from reports.search.analysis import query_words
from reports.search.indexing import get_backend
from reports.search.normalize import fold
from reports.search.whoosh_fast import MAX_FACTOR
from tests.factories import CourtFactory, ReportFactory, SectionFactory
from tests.search_data import all_hits, make_seed_reports, search


@pytest.fixture
def indexed(db, django_capture_on_commit_callbacks):
    """Writes inside ``with indexed():`` reach the index as they would after a commit."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def seeds(indexed):
    with indexed():
        return make_seed_reports()


def containing(text):
    return {s.pk for s in Section.objects.published() if fold(text) in fold(s.heading + s.text)}


# -- recall ----------------------------------------------------------------------------------


def test_hohhot_finds_hohhot_city(seeds):
    hits = all_hits(q="呼和浩特")
    assert containing("呼和浩特市") <= {h.section_id for h in hits}
    assert containing("呼和浩特市") - containing("呼和浩特 ")  # the city form is what the text has


def test_bayannur_finds_the_2025_report(seeds):
    page = search(q="巴彦淖尔")
    assert page.groups[0].report_id == seeds.r2025.pk
    assert {h.year for h in all_hits(q="巴彦淖尔")} == {2025}


RECALL = [
    ("知識產權", "知识产权"),  # traditional finds simplified
    ("執行", "执行"),
    ("１２３６８", "12368"),  # full-width finds half-width
    ("1.39万", "1.39万件"),  # a number with its unit
    ("浩特", "浩特"),  # any substring, whatever jieba made of the text
    ("彦淖", "彦淖"),
    ("员额法官", "员额法官"),  # legal terms of the user dictionary
    ("府院联动", "府院联动"),
    ("院", "院"),  # a single character
]


def test_every_section_containing_the_query_is_found(seeds):
    misses = {}
    for query, written in RECALL:
        expected = containing(written)
        assert expected, f"the seeds must contain {written}"
        missed = expected - {h.section_id for h in all_hits(q=query)}
        if missed:
            misses[query] = sorted(missed)
    assert misses == {}


def test_names_typed_without_their_quotation_marks_are_found(indexed):
    with indexed():
        named = SectionFactory(text="总结推广“六个一”特色工作法，落实院庭长“阅核”制度。")
        SectionFactory(text="六个方面。一、特色鲜明。")  # the same characters, not the name
    for typed in ("六个一特色工作法", "阅核制度", "“六个一”特色工作法"):
        assert [h.section_id for h in search(q=typed).results] == [named.pk], typed


# -- ranking (the rules of ranking.WEIGHTS) ---------------------------------------------------


def test_whole_word_ranks_above_a_substring_match(indexed):
    assert "和尚" not in query_words("结婚的和尚未结婚的")  # 和尚 straddles two words here
    with indexed():
        straddling = SectionFactory(text="结婚的和尚未结婚的")
        word = SectionFactory(text="一个和尚挑水吃")
    assert [h.section_id for h in search(q="和尚").results] == [word.pk, straddling.pk]


def test_heading_match_ranks_above_body_match(indexed):
    with indexed():
        body = SectionFactory(heading="综述", text="加强诉源治理工作，推动矛盾化解。")
        heading = SectionFactory(heading="诉源治理", text="推动矛盾纠纷化解在基层。")
    assert [h.section_id for h in search(q="诉源治理").results] == [heading.pk, body.pk]


@pytest.mark.parametrize("typed", ["诉源治理 OR 多元解纷", "诉源治理 多元解纷 量子纠缠"])
def test_a_section_with_every_word_ranks_above_one_with_some(indexed, typed):
    with indexed():
        # The one-word section repeats its word and is shorter: only coverage can win.
        some = SectionFactory(heading="", text="诉源治理。诉源治理。诉源治理见成效。")
        every = SectionFactory(
            heading="", text="坚持把非诉讼纠纷解决机制挺在前面，推进诉源治理，完善多元解纷机制。"
        )
    assert [h.section_id for h in search(q=typed).results] == [every.pk, some.pk]


def test_equal_matches_go_to_the_newer_report(indexed):
    text = "全面加强诉源治理，推动矛盾纠纷实质化解。"
    with indexed():
        middle = SectionFactory(report__year=2021, heading="", text=text)
        newest = SectionFactory(report__year=2024, heading="", text=text)
        oldest = SectionFactory(report__year=2019, heading="", text=text)
    ranked = [h.section_id for h in search(q="诉源治理").results]
    assert ranked == [newest.pk, middle.pk, oldest.pk]
    # A tie, broken by year inside the score: the scores differ only by the year factor.
    scores = [h.score for h in search(q="诉源治理").results]
    assert max(scores) / min(scores) <= MAX_FACTOR


def test_ranking_rules_hold_together(indexed):
    """Heading over body, whole word over substring: a newer report only breaks ties."""
    with indexed():
        straddling = SectionFactory(report__year=2025, heading="", text="结婚的和尚未结婚的")
        word = SectionFactory(report__year=2024, heading="", text="一个和尚挑水吃")
        heading = SectionFactory(report__year=2015, heading="和尚", text="挑水吃")
    ranked = [h.section_id for h in search(q="和尚").results]
    assert ranked == [heading.pk, word.pk, straddling.pk]


# -- the query language ----------------------------------------------------------------------


def test_phrase_matches_only_the_words_together(indexed):
    with indexed():
        together = SectionFactory(text="深化知识产权司法保护。")
        apart = SectionFactory(text="司法公开，保护当事人权益。")
    assert {h.section_id for h in search(q="司法 保护").results} == {together.pk, apart.pk}
    for quoted in ('"司法保护"', '"司法 保护"', "“司法保护”"):
        assert [h.section_id for h in search(q=quoted).results] == [together.pk]


def test_exclusion_and_or(indexed):
    with indexed():
        enforcement = SectionFactory(text="执行到位金额241.97亿元。")
        criminal = SectionFactory(text="刑事案件执行完毕。")
        finance = SectionFactory(text="金融审判。")
    assert [h.section_id for h in search(q="执行 -刑事").results] == [enforcement.pk]
    assert {h.section_id for h in search(q="刑事 OR 金融").results} == {criminal.pk, finance.pk}


def test_empty_query_browses_everything_with_a_direct_match_all(seeds):
    page = search(q="")
    assert page.count == Section.objects.published().count()
    backend = get_backend()
    # Every() walks document numbers; Every("text") expanded every term (1.8 s a page).
    parsed = backend.parse(backend.compile_query(type("Q", (), {"must": (), "must_not": ()})))
    assert parsed.__class__.__name__ == "Every" and parsed.fieldname is None


def test_and_falls_back_to_or_with_a_notice(seeds):
    page = search(q="知识产权 不存在的词语甲乙")
    assert page.count > 0
    assert any("部分词语" in n for n in page.notices)


def test_court_name_in_any_form_finds_that_court_and_offers_the_filter(seeds):
    for form in ("巴彦淖尔中院", "巴彦淖尔市中级人民法院"):
        page = search(q=form)
        assert {g.report_id for g in page.groups} == {seeds.r2025.pk}
        assert [o.label for o in page.offers] == ["只看 巴彦淖尔市中级人民法院"]
        assert "court=" in page.offers[0].url
    assert {g.report_id for g in search(q="呼市中院").groups} == {seeds.r2023.pk}


def test_year_range_in_text_is_offered_and_the_offer_narrows(seeds):
    page = search(q="2020-2024年 执行")
    assert page.count == search(q="执行").count  # the range is no word to search
    (offer,) = [o for o in page.offers if o.field == "year"]
    assert offer.label == "只看 2020–2024 年"
    narrowed = search(**{k: v for k, v in parse_qsl(offer.url.lstrip("?"))})
    assert {h.year for h in narrowed.results} == {2023}
    assert not [o for o in search(q="2030-2040年 执行").offers if o.field == "year"]


def test_year_in_text_is_offered_and_year_filter_narrows(seeds):
    page = search(q="2023年 执行")
    assert ("year", "2023") in [(o.field, o.value) for o in page.offers]
    assert {h.year for h in all_hits(q="执行", year="2025")} == {2025}
    assert {h.year for h in all_hits(q="执行 year:2023")} == {2023}


@pytest.mark.parametrize(
    "typed, refused",
    [
        ('"未闭合的引号 知识产权', False),  # the phrase runs to the end, with a notice
        ("status:draft", False),  # no such filter: the words are searched
        ("court:", True),  # a filter with no value and nothing else
        ("year:abc", False),  # an unknown year is dropped with a notice: browse
        ("知识产权* ~2 ^3 [a TO b] {x} (y) title:z", False),
        ("!@#$%^&*()" * 100, True),  # nothing searchable
        ("执行" * 200, False),  # cut to 200 characters
        ("AND OR NOT TO", True),  # operators only
        ("-", True),
        ("\x00\n\t", False),  # blank: browse
        ("<script>alert(1)</script>", False),
    ],
)
def test_any_input_gives_a_page_never_an_exception_nor_a_draft(seeds, indexed, typed, refused):
    with indexed():
        ReportFactory(status=ReportStatus.DRAFT, title="status draft 草稿")
        SectionFactory(report__status=ReportStatus.DRAFT, text="status:draft 未发布草稿 知识产权")
    page = search(q=typed)
    assert bool(page.error) == refused, page.error
    if refused:  # Chinese for readers, English for developers, and nothing else on the page
        assert "查询" in page.error and "(The query" in page.error
        assert (page.count, page.results, page.groups) == (0, [], [])
        return
    hits = all_hits(q=typed)  # the count is what paging through the results shows
    assert page.count == len(hits) == len({h.section_id for h in hits})
    assert all(h.section_id in {s.pk for s in Section.objects.published()} for h in hits)
    assert all("未发布草稿" not in h.snippet for h in hits)


def test_long_query_is_cut_with_a_notice(seeds):
    page = search(q="知识产权 " * 100)
    assert any("前 200 个字符" in n for n in page.notices)


def test_suggestion_when_nothing_is_found(seeds):
    page = search(q="呼和浩持")
    assert page.count == 0
    assert page.suggestion == "呼和浩特"
    assert search(q=page.suggestion).count > 0


# -- drafts ----------------------------------------------------------------------------------


def test_draft_never_in_results_facets_or_snippets(seeds, indexed):
    with indexed():
        secret = CourtFactory(name="草稿专用人民法院", province="草稿省", slug="draft-court")
        draft = ReportFactory(court=secret, year=1999, status=ReportStatus.DRAFT)
        SectionFactory(report=draft, text="绝密的草稿内容：知识产权 呼和浩特 执行。")
    for q in ("绝密", "知识产权", "呼和浩特", "", "草稿专用人民法院", "court:草稿专用人民法院"):
        page = search(q=q)
        assert all(h.report_id != draft.pk for h in page.results)
        assert all("绝密" not in h.snippet for h in page.results)
        counted = {v.value for values in page.facets.values() for v in values if v.count}
        assert not counted & {"草稿专用人民法院", "草稿省", "1999"}
    assert get_backend().doc_count() == Section.objects.published().count()


def test_unpublish_and_delete_remove_from_the_index(seeds, indexed):
    assert search(q="巴彦淖尔").count
    with indexed():
        seeds.r2025.status = ReportStatus.DRAFT
        seeds.r2025.save()
    assert search(q="彦淖").count == 0
    with indexed():
        seeds.r2025.status = ReportStatus.PUBLISHED
        seeds.r2025.save()
    assert search(q="彦淖").count
    with indexed():
        seeds.r2025.delete()
    assert search(q="彦淖").count == 0


def test_stale_index_entry_is_hidden_and_handed_to_the_background_writer(seeds, monkeypatch):
    from reports.search.signals import writer

    asked = []
    monkeypatch.setattr(writer, "submit", asked.append)
    # A change that bypassed signals (QuerySet.update): the page still never shows it.
    type(seeds.r2025).objects.filter(pk=seeds.r2025.pk).update(status=ReportStatus.DRAFT)
    assert all(h.report_id != seeds.r2025.pk for h in search(q="巴彦淖尔").results)
    # The repair is the background writer's (tests/test_search_sync.py), not this request's.
    assert asked == [seeds.r2025.pk]
    assert get_backend().doc_count() > Section.objects.published().count()


# -- facets, sorting, paging -----------------------------------------------------------------


def test_facet_values_keep_spaces_and_punctuation(indexed):
    name = "测试 法院（第一）, 分院-A"
    with indexed():
        SectionFactory(report__court=CourtFactory(name=name, province="内蒙古 自治区", slug="odd"))
        SectionFactory()
    page = search(q="")
    assert name in [v.value for v in page.facets["court"]]
    assert "内蒙古 自治区" in [v.value for v in page.facets["province"]]
    assert search(court=name).count == 1


def test_facet_counts_follow_filters_and_multi_select(seeds):
    both = search(q="")
    counts = {v.value: v.count for v in both.facets["court"]}
    narrowed = search(q="", court="巴彦淖尔市中级人民法院")
    assert narrowed.count == counts["巴彦淖尔市中级人民法院"]
    assert {v.value: v.count for v in narrowed.facets["year"]} == {"2025": narrowed.count}
    # Inside the selected facet, the other court keeps its count: choosing it adds that many.
    assert {v.value: v.count for v in narrowed.facets["court"]} == counts
    two = search(q="", court=["巴彦淖尔市中级人民法院", "呼和浩特市中级人民法院"])
    assert two.count == both.count
    assert [f.label for f in two.filters] == [
        "法院：巴彦淖尔市中级人民法院",
        "法院：呼和浩特市中级人民法院",
    ]
    assert "%E5%B7%B4" not in two.filters[0].remove_url  # removing one keeps the other


def test_labels_from_choices(seeds):
    page = search(q="")
    assert {v.label for v in page.facets["level"]} == {"中级人民法院"}
    assert {v.label for v in page.facets["year"]} == {"2023年", "2025年"}
    assert search(q="", level="中级").count == page.count


def test_sort_by_year_and_pagination(seeds):
    by_year = all_hits(q="", sort="year")
    assert [h.year for h in by_year] == sorted((h.year for h in by_year), reverse=True)
    first, second = search(q=""), search(q="", page="2")
    assert len(first.results) == 10 and first.pages == 2
    assert not {h.section_id for h in first.results} & {h.section_id for h in second.results}
    assert search(q="", page="99").page == 2
    assert search(q="", page="abc").page == 1


def test_sort_by_court_groups_each_courts_reports_newest_first(seeds, indexed):
    with indexed():
        ReportFactory(court=seeds.hohhot, year=2024, title="2024年报告")
        SectionFactory(report=seeds.hohhot.reports.get(year=2024), text="执行工作再上台阶。")
    hits = all_hits(q="执行", sort="court")
    keys = [(h.court, -h.year) for h in hits]
    assert keys == sorted(keys)
    assert {h.court for h in hits} == {seeds.hohhot.name, seeds.bayannur.name}
    hohhot_years = [h.year for h in hits if h.court == seeds.hohhot.name]
    assert hohhot_years[0] == 2024 and 2023 in hohhot_years
    assert search(q="执行", sort="court").sort == "court"
    assert search(q="执行", sort="nonsense").sort == "relevance"


def test_counts_say_how_many_reports_the_sections_come_from(seeds):
    page = search(q="巴彦淖尔")  # only the 2025 report names the place
    assert page.count > 1 and page.report_count == 1
    both = search(q="")
    assert both.report_count == 2 and both.count == Section.objects.published().count()
    assert search(q="量子纠缠").report_count == 0


def test_too_many_values_for_one_filter_is_refused_with_a_message(seeds):
    page = search(q="执行", court=[f"法院{i}" for i in range(21)])
    assert page.error.startswith("每个筛选条件最多 20 个值，“法院”有 21 个")
    assert "(At most 20 values per filter; court has 21.)" in page.error
    assert page.results == [] and page.count == 0
    assert not search(q="执行", court=[f"法院{i}" for i in range(20)]).error


def test_backend_slices_at_any_offset(seeds):
    backend = get_backend()
    everything = [r.pk for r in backend.search("*")["results"]]
    assert [r.pk for r in backend.search("*", start_offset=5, end_offset=15)["results"]] == (
        everything[5:15]
    )


# -- snippets --------------------------------------------------------------------------------


def test_snippet_marks_chinese_terms_in_the_best_passage(indexed):
    filler = "这是与主题无关的一段文字。" * 30
    with indexed():
        SectionFactory(text=filler + "呼和浩特市法院深化知识产权司法保护。" + filler)
    snippet = search(q="知識產權 呼和浩特").results[0].snippet
    assert "<mark>知识产权</mark>" in snippet and "<mark>呼和浩特</mark>市" in snippet
    assert snippet.startswith("…")  # the best passage, not the first 160 characters


def test_snippet_is_html_escaped(indexed):
    with indexed():
        SectionFactory(text='<script>alert("x")</script> 知识产权 & 执行')
    snippet = search(q="知识产权").results[0].snippet
    assert "<script>" not in snippet and "&lt;script&gt;" in snippet
    assert "<mark>知识产权</mark> &amp;" in snippet


def test_results_grouped_by_report_and_timed(seeds):
    page = search(q="法院")
    assert len({g.report_id for g in page.groups}) == len(page.groups)
    assert sum(len(g.hits) for g in page.groups) == len(page.results)
    assert page.took_ms > 0


def test_synonyms_and_split_compounds_find_what_is_written_differently(indexed):
    with indexed():
        wages = SectionFactory(text="为农牧民工追回劳动报酬3119万元。")
        judges = SectionFactory(text="落实员额制，一线法官人均结案数位居全区第一。")
    assert [h.section_id for h in search(q="农民工工资").results] == [wages.pk]
    page = search(q="员额法官")  # never written together here: 员额 … 法官
    assert [h.section_id for h in page.results] == [judges.pk]
    assert any("分别包含" in n for n in page.notices)


def test_search_inside_one_report_one_court_and_a_year_range(seeds):
    inside = all_hits(q="法院", report=str(seeds.r2023.pk))
    assert inside and {h.report_id for h in inside} == {seeds.r2023.pk}
    by_slug = search(q="", court="bayannur-zy")
    assert {g.report_id for g in by_slug.groups} == {seeds.r2025.pk}
    assert {h.year for h in all_hits(q="", year="2020..2024")} == {2023}
    assert {h.year for h in all_hits(q="year:2024-2030")} == {2025}
    assert {h.year for h in all_hits(q="", year="2024..")} == {2025}
    assert {h.year for h in all_hits(q="", year="..2024")} == {2023}
    assert [f.label for f in search(q="", year="2020..2024").filters] == ["年份：2020–2024年"]


def test_renaming_a_court_reaches_its_sections(seeds, indexed):
    with indexed():
        seeds.bayannur.province = "内蒙古 自治区（新）"
        seeds.bayannur.save()
    page = search(q="", province="内蒙古 自治区（新）")
    assert page.count and {g.report_id for g in page.groups} == {seeds.r2025.pk}


def test_searcher_is_reused_until_the_index_changes(indexed):
    with indexed():
        SectionFactory(text="第一次写入的章节")
    backend = get_backend()
    first = backend.searcher()
    assert backend.searcher() is first  # no reader reopened per query
    with indexed():
        SectionFactory(text="第二次写入的章节")
    assert backend.searcher() is not first
    assert search(q="第二次写入").count == 1


def test_year_range_from_the_sidebar_control_keeps_counts_meaningful(seeds):
    everything = {v.value: v.count for v in search(q="").facets["year"]}
    page = search(q="", year_from="2020", year_to="2024")
    assert {h.year for h in all_hits(q="", year_from="2020", year_to="2024")} == {2023}
    years = {v.value: (v.count, v.selected) for v in page.facets["year"]}
    # The range counts what it spans; each year still says what choosing it would add.
    assert years.pop("2020..2024") == (everything["2023"], True)
    assert years == {y: (n, False) for y, n in everything.items()}
    assert [f.label for f in page.filters] == ["年份：2020–2024年"]
    assert "year_from" not in page.filters[0].remove_url  # one chip removes both ends
    assert "year_from=2020" in page.facets["court"][0].url  # other links keep the range
    assert {h.year for h in all_hits(q="", year_from="2024")} == {2025}  # open ends
    assert {h.year for h in all_hits(q="", year_to="2024")} == {2023}
    assert {h.year for h in all_hits(q="", year_from="2026", year_to="2024")} == {2025}
    assert any("年份“abc..”" in n for n in search(q="", year_from="abc").notices)


def test_two_values_of_one_facet_add_up_and_other_facets_follow(seeds):
    alone = {v.value: v.count for v in search(q="执行").facets["year"]}
    both = search(q="执行", year=["2023", "2025"])
    assert both.count == alone["2023"] + alone["2025"]
    assert {v.value: v.count for v in both.facets["year"]} == alone
    assert sum(v.count for v in both.facets["court"]) == both.count


def test_a_name_typed_without_its_quotes_and_middle_word_is_found_below_the_name_as_written(
    indexed,
):
    with indexed():
        loose = SectionFactory(text="推行“六个一”特色工作法，化解行政争议。")
        exact = SectionFactory(text="总结六个一工作法的经验。")
        SectionFactory(text="六个方面的工作，一项一项抓落实。")  # the words, not the name
    assert [h.section_id for h in search(q="六个一工作法").results] == [exact.pk, loose.pk]
    assert [h.section_id for h in search(q="彦淖").results] == []  # lone characters: as written


def test_lone_characters_typed_together_stay_together_in_a_loosely_typed_name(indexed):
    with indexed():
        named = SectionFactory(text="推出“两窗一委”便民服务机制，方便群众办事。")
        SectionFactory(text="一个窗口两次办理，委托机制。")  # the characters apart: not the name
    assert [h.section_id for h in search(q="两窗一委机制").results] == [named.pk]
