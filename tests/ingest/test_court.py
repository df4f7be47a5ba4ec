"""Court detection and the court directory (fixtures/courts.json). No database."""

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from reports.ingest.court import (
    CourtMatch,
    detect_court,
    find_court_mentions,
    load_directory,
    lookup_court,
)
from reports.ingest.script import simplified

ROOT = Path(__file__).resolve().parents[2]
COURTS_FILE = ROOT / "fixtures" / "courts.json"
CORPUS = ROOT / "tests" / "data" / "corpus"
DEMO = ROOT / "fixtures" / "demo"


@pytest.fixture(scope="module")
def courts():
    return load_directory(COURTS_FILE)


@pytest.fixture(scope="module")
def by_name(courts):
    return {c.name: c for c in courts}


# --- detection on real texts ---------------------------------------------------------------

REAL_TEXTS = [
    (DEMO / "hohhot_zy_2023_review.txt", "呼和浩特市中级人民法院"),
    # Says 市中级人民法院 and 全市两级法院; the city only in 《巴彦淖尔市…》 titles.
    (DEMO / "bayannur_zy_2025_review.txt", "巴彦淖尔市中级人民法院"),
    (CORPUS / "zhengzhou_zy_jianxing_jianwai_2015.txt", "郑州市中级人民法院"),
    (CORPUS / "spc_2016_npc_session_xinhua_2017.txt", "最高人民法院"),
    (CORPUS / "zhejiang_gy_bankruptcy_2020_news.txt", "浙江省高级人民法院"),
    (CORPUS / "henan_gy_enforcement_2016_news.txt", "河南省高级人民法院"),
    (CORPUS / "dingxi_zy_profile_2012.txt", "定西市中级人民法院"),
    (CORPUS / "suqian_zy_profile_2014.txt", "宿迁市中级人民法院"),
    (CORPUS / "spc_leadership_change_2013.txt", "最高人民法院"),
    (CORPUS / "dongguan_zy_2022_work_report.txt", "东莞市中级人民法院"),
    (CORPUS / "wenzhou_zy_2025_work_report.txt", "温州市中级人民法院"),
    (CORPUS / "zhushan_qu_2015_review.txt", "景德镇市珠山区人民法院"),
    (CORPUS / "shaanxi_gy_2017_review_traditional.txt", "陕西省高级人民法院"),
    (CORPUS / "jinshui_qu_2019_enforcement.txt", "郑州市金水区人民法院"),
    (CORPUS / "haikou_zy_2022_review.txt", "海口市中级人民法院"),
]


@pytest.mark.parametrize(("path", "expected"), REAL_TEXTS, ids=lambda v: getattr(v, "stem", v))
def test_detects_the_court_of_real_texts(courts, path, expected):
    text = path.read_text(encoding="utf-8")
    assert not text.startswith("# source:"), "test copies carry no provenance line"
    match = detect_court(simplified(text), courts)  # as parse_report reads it
    assert match.name == expected, match
    assert match.confidence >= 0.5
    assert match.evidence


def test_every_corpus_file_is_covered():
    """A new file in tests/data/corpus must get an expected court above."""
    covered = {path.name for path, _ in REAL_TEXTS}
    assert {p.name for p in CORPUS.glob("*.txt")} <= covered


@pytest.mark.parametrize(
    ("name", "scope"),
    [
        ("henan_gy_enforcement_2016_news.txt", "region"),  # 全省法院 throughout
        ("zhejiang_gy_bankruptcy_2020_news.txt", "region"),  # 浙江法院, 全省法院
        ("spc_leadership_change_2013.txt", "court"),
    ],
)
def test_scope_says_whether_the_text_is_about_one_court_or_an_area(courts, name, scope):
    assert detect_court((CORPUS / name).read_text(encoding="utf-8"), courts).scope == scope


def test_bayannur_city_comes_from_elsewhere_in_the_text(courts):
    match = detect_court((DEMO / "bayannur_zy_2025_review.txt").read_text(), courts)
    assert "地点：巴彦淖尔市" in match.evidence
    assert any(e.startswith("市中级人民法院") for e in match.evidence)


# --- detection on short forms -----------------------------------------------------------------

SHORT_TEXTS = [
    ("郑州中院召开新闻发布会", "郑州市中级人民法院"),
    ("呼和浩特市中院审结一审案件", "呼和浩特市中级人民法院"),
    ("呼市中院发布白皮书", "呼和浩特市中级人民法院"),
    ("延边州中院开展执行攻坚", "延边朝鲜族自治州中级人民法院"),
    ("内蒙古高院召开全区法院院长会议", "内蒙古自治区高级人民法院"),
    ("浙江省高院发布报告", "浙江省高级人民法院"),
    ("北京一中院审结一起案件", "北京市第一中级人民法院"),
    ("最高法发布典型案例", "最高人民法院"),
    ("最高人民法院第一巡回法庭在深圳挂牌", "最高人民法院第一巡回法庭"),
    ("上海金融法院成立五周年", "上海金融法院"),
    ("杭州互联网法院审理首例案件", "杭州互联网法院"),
    ("托克托县法院开展巡回审判", "托克托县人民法院"),
    # OCR broke the name across lines.
    ("2023年，呼和浩特市\n\n中院敢于亮剑", "呼和浩特市中级人民法院"),
    # Contextual forms resolved with the place named elsewhere.
    ("包头市召开会议。市中院通报全市两级法院审判工作。", "包头市中级人民法院"),
    ("河南“执行风暴”。省法院召开全省法院执行工作会议。", "河南省高级人民法院"),
    ("浙江法院创新破产程序。省高院相关负责人说。", "浙江省高级人民法院"),
    ("郑州市两级法院减刑假释工作通报", "郑州市中级人民法院"),
    # A county-level city's report says 市人民法院; the city is named elsewhere (中共昆山市委).
    (
        "2020年,市人民法院在市委的正确领导下,各项工作取得新成效。\n认真落实中共昆山市委十三届"
        "十次全会部署要求。",
        "昆山市人民法院",
    ),
    # 市法院 of a county-level city whose name is its prefecture's too (恩施州, 恩施市).
    (
        "恩施法院召开2021年年度工作总结暨表彰大会。会上充分肯定了市法院2021年各项工作取得的成绩。"
        "恩施市法院全体干警职工实现了各项任务的圆满收官。市法院收案数远超全州人均收案数。",
        "恩施市人民法院",
    ),
    # 全市人民法院 is all the city's courts, not a county-level city's one.
    ("全市人民法院受理案件。苏州市昆山市召开会议。", "苏州市中级人民法院"),
    # 新城区法院 exists in 呼和浩特 and 西安: the city of the text decides.
    ("呼和浩特市新城区法院开展普法活动", "呼和浩特市新城区人民法院"),
    # The title weighs more than one body mention of another court.
    (
        "践行司法为民\n——郑州市中级人民法院工作回眸\n本报记者\n开封中院来访，与开封中院签署协议。",
        "郑州市中级人民法院",
    ),
]


@pytest.mark.parametrize(("text", "expected"), SHORT_TEXTS, ids=[t[0][:12] for t in SHORT_TEXTS])
def test_detects_short_and_contextual_forms(courts, text, expected):
    assert detect_court(text, courts).name == expected


AMBIGUOUS = [
    # No city anywhere: the intermediate court of which city?
    ("市中院召开党组会议", ()),
    # Two cities equally: both are candidates.
    (
        "包头市、鄂尔多斯市两地合作，市中院通报情况。",
        ("包头市中级人民法院", "鄂尔多斯市中级人民法院"),
    ),
    # A district court name shared by two cities, with no city in the text.
    ("新城区法院开展普法活动", ("呼和浩特市新城区人民法院", "西安市新城区人民法院")),
    ("今天天气晴朗。", ()),
    # 市中院 is no 州's court.
    ("延边州召开会议。市中院通报情况。", ()),
    # A district of two cities, no city named.
    ("朝阳区召开会议。区人民法院审结案件。", ("北京市朝阳区人民法院", "长春市朝阳区人民法院")),
    # The basic courts of an area, listed: none of them is the text's court.
    ("姑苏区召开会议。各县区人民法院院长参加。", ()),
    # Two-character districts (城区, 矿区) are words of running text, no places.
    ("区人民法院审结案件,城区居民满意。", ()),
]


@pytest.mark.parametrize(("text", "candidates"), AMBIGUOUS, ids=[t[0][:8] for t in AMBIGUOUS])
def test_ambiguous_texts_give_no_court_but_candidates(courts, text, candidates):
    match = detect_court(text, courts)
    assert match.name is None
    assert set(candidates) <= set(match.candidates)
    if not candidates:
        assert match.candidates == () and match.scope == ""


def test_unresolved_context_is_explained(courts):
    match = detect_court("市中院召开党组会议", courts)
    assert any("市中院" in e for e in match.evidence)


def test_hint_wins_when_it_names_a_court(courts):
    match = detect_court("全市两级法院", courts, hint="呼市中院")
    hohhot = "呼和浩特市中级人民法院"
    assert match == CourtMatch(hohhot, (hohhot,), "court", 1.0, ("指定：呼市中院",))
    fallback = detect_court("郑州中院召开会议", courts, hint="不存在的法院")
    assert fallback.name == "郑州市中级人民法院"
    assert "未找到指定法院：不存在的法院" in fallback.evidence


# --- mentions, for scope and for search ---------------------------------------------------------


def test_find_court_mentions_in_a_query(courts):
    mentions = find_court_mentions("巴彦淖尔中院 知识产权 呼市中院", courts)
    assert [(m.text, m.courts, m.kind) for m in mentions] == [
        ("巴彦淖尔中院", ("巴彦淖尔市中级人民法院",), "short"),
        ("呼市中院", ("呼和浩特市中级人民法院",), "alias"),
    ]
    assert mentions[0].start == 0 and mentions[0].end == len("巴彦淖尔中院")


def test_find_court_mentions_keeps_original_offsets_across_line_breaks(courts):
    text = "记者，呼和浩特市\n中院公开开庭；全市两级法院"
    first, second = find_court_mentions(text, courts)
    assert text[first.start : first.end] == "呼和浩特市\n中院"
    assert first.courts == ("呼和浩特市中级人民法院",)
    assert (second.kind, second.level, second.courts) == ("region", "intermediate", ())


# --- former divisions: older reports name courts that have since changed ----------------------


def test_a_report_of_the_former_laiwu_court_is_about_the_jinan_court(courts):
    text = "莱芜市中级人民法院工作报告\n——2017年1月在莱芜市第十七届人民代表大会上\n市中院审结案件。"
    match = detect_court(text, courts)
    assert match.name == "济南市中级人民法院"
    assert "旧称：莱芜市中级人民法院（今济南市中级人民法院）" in match.evidence
    assert detect_court("莱芜中院召开新闻发布会", courts).name == "济南市中级人民法院"


@pytest.mark.parametrize(
    ("former", "successor"),
    [
        ("库车县人民法院", "库车市人民法院"),  # county → county-level city (2019)
        ("库车县法院", "库车市人民法院"),
        ("莱芜市莱城区人民法院", "济南市莱芜区人民法院"),  # 莱芜 became part of 济南 (2019)
        ("那曲地区中级人民法院", "那曲市中级人民法院"),  # 地区 → 市 (2018)
        ("杭州市江干区人民法院", "杭州市上城区人民法院"),  # districts merged (2021)
        ("横县人民法院", "横州市人民法院"),  # a change newer than the dataset (2021)
    ],
)
def test_former_names_resolve_to_the_successor_court(courts, former, successor):
    assert lookup_court(former, courts) == (successor,)
    assert detect_court(f"{former}召开会议", courts).name == successor


def test_former_courts_are_gone_and_their_successors_carry_their_names(by_name):
    for gone in ("莱芜市中级人民法院", "库车县人民法院", "那曲地区中级人民法院", "横县人民法院"):
        assert gone not in by_name
    assert "莱芜市中级人民法院" in by_name["济南市中级人民法院"].former_names
    kuche = by_name["库车市人民法院"]
    assert (kuche.level, kuche.parent) == ("basic", "阿克苏地区中级人民法院")
    # Divisions created since the old dataset have their courts.
    for new in ("白杨市人民法院", "和康县人民法院", "杭州市钱塘区人民法院", "北屯市人民法院"):
        assert by_name[new].level == "basic"


def test_no_former_name_is_a_current_name_of_another_court(courts):
    current = {f for c in courts for f in (c.name, c.short_name, *c.aliases)}
    former = [f for c in courts for f in c.former_names]
    assert former and not set(former) & current
    assert len(former) == len(set(former))


def test_lookup_court(courts):
    assert lookup_court("呼和浩特市中级人民法院", courts) == ("呼和浩特市中级人民法院",)
    assert lookup_court("巴彦淖尔中院", courts) == ("巴彦淖尔市中级人民法院",)
    assert lookup_court("呼和浩特", courts) == ()  # a place, not a court
    assert len(lookup_court("新城区法院", courts)) == 2


def test_court_detection_imports_no_django():
    code = (
        "import sys, reports.ingest.court; print(any(m.startswith('django') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.stdout.strip() == "False", out.stderr


# --- the directory ---------------------------------------------------------------------------


def test_directory_names_and_slugs_are_unique(courts):
    for key in ("name", "slug"):
        values = Counter(getattr(c, key) for c in courts)
        assert [v for v, n in values.items() if n > 1] == [], key
    assert all(c.slug.isascii() and c.slug == c.slug.lower() for c in courts)


def test_directory_counts_by_level_are_sane(courts):
    levels = Counter(c.level for c in courts)
    assert set(levels) == {"supreme", "high", "intermediate", "basic", "specialised"}
    assert levels["supreme"] == 7  # the SPC and six circuit tribunals
    assert 31 <= levels["high"] <= 35
    assert 330 <= levels["intermediate"] <= 380
    assert 2700 <= levels["basic"] <= 3200
    assert 30 <= levels["specialised"] <= 60
    assert 3100 <= len(courts) <= 3700


def test_every_province_has_a_high_court_and_every_prefecture_an_intermediate(courts, by_name):
    provinces = {c.province for c in courts if c.province}
    assert len(provinces) == 31
    for province in provinces:
        assert f"{province}高级人民法院" in by_name, province
    for c in courts:
        if c.level == "basic" and c.parent:
            assert by_name[c.parent].level in ("intermediate", "high"), c.name
    cities = {c.city for c in courts if c.level == "basic"} - provinces
    without = [city for city in cities if f"{city}中级人民法院" not in by_name]
    # Directly administered county-level units, and Hainan's 儋州/三沙, have no 中院 of their own.
    assert all(
        by_name[f"{city}人民法院"].level == "basic" for city in without if city.endswith("市")
    )


# fmt: off
@pytest.mark.parametrize(
    ("name", "short", "level", "parent", "slug"),
    [
        ("内蒙古自治区高级人民法院", "内蒙古高院", "high", "最高人民法院", "neimenggu-gy"),
        ("呼和浩特市中级人民法院", "呼和浩特中院", "intermediate", "内蒙古自治区高级人民法院", "huhehaote-zy"),
        ("呼和浩特市新城区人民法院", "新城区法院", "basic", "呼和浩特市中级人民法院", "huhehaote-xinchengqu"),
        ("托克托县人民法院", "托克托县法院", "basic", "呼和浩特市中级人民法院", "huhehaote-tuoketuoxian"),
        ("延边朝鲜族自治州中级人民法院", "延边中院", "intermediate", "吉林省高级人民法院", "yanbian-zy"),
        ("北京市第四中级人民法院", "北京四中院", "intermediate", "北京市高级人民法院", "beijing-4zy"),
        ("北京市海淀区人民法院", "海淀区法院", "basic", "北京市第一中级人民法院", "beijing-haidianqu"),
        ("仙桃市人民法院", "仙桃市法院", "basic", "湖北省汉江中级人民法院", "hubei-xiantaoshi"),
        ("海南省第二中级人民法院", "海南二中院", "intermediate", "海南省高级人民法院", "hainan-2zy"),
        ("三沙市人民法院", "三沙市法院", "basic", "海南省第一中级人民法院", "sansha-fy"),
        ("喀什地区中级人民法院", "喀什中院", "intermediate", "新疆维吾尔自治区高级人民法院", "kashi-zy"),
        ("石河子市人民法院", "石河子市法院", "basic",
         "新疆维吾尔自治区高级人民法院生产建设兵团分院", "xinjiang-shihezishi"),
        ("最高人民法院第六巡回法庭", "第六巡回法庭", "supreme", "最高人民法院", "zuigaofa-xunhui-6"),
        ("成渝金融法院", "成渝金融法院", "specialised", "重庆市高级人民法院", "chengyu-jinrong"),
        ("海南自由贸易港知识产权法院", "海南自贸港知产法院", "specialised", "海南省高级人民法院",
         "hainan-zhichan"),
    ],
)
# fmt: on
def test_directory_entries_checked_by_hand(by_name, name, short, level, parent, slug):
    c = by_name[name]
    assert (c.short_name, c.level, c.parent, c.slug) == (short, level, parent, slug)


def test_municipalities_have_numbered_intermediate_courts(by_name):
    for city, count in {"北京市": 4, "天津市": 3, "上海市": 3, "重庆市": 5}.items():
        for n in "一二三四五"[:count]:
            assert by_name[f"{city}第{n}中级人民法院"].level == "intermediate"
        assert f"{city}第{'一二三四五六'[count]}中级人民法院" not in by_name


def test_hainan_has_no_danzhou_or_sansha_intermediate_court(by_name):
    assert "儋州市中级人民法院" not in by_name and "三沙市中级人民法院" not in by_name
    assert "海南藏族自治州中级人民法院" in by_name
    assert by_name["海南藏族自治州中级人民法院"].short_name == "海南州中院"


def test_hong_kong_macau_and_taiwan_are_not_listed(courts):
    assert not [c.name for c in courts if c.province in ("香港特别行政区", "澳门特别行政区", "台湾省")]


def test_directory_file_is_sorted_by_adcode_and_one_court_a_line():
    lines = COURTS_FILE.read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line.rstrip(",")) for line in lines[1:-1]]
    assert len(rows) == len(lines) - 2
    assert [r["adcode"] for r in rows] == sorted(r["adcode"] for r in rows)
    fields = "name short_name level province city aliases adcode slug parent former_names".split()
    assert list(rows[0]) == fields
