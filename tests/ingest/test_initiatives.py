"""Named initiatives are found, named as written, and linked across wordings."""

import doctest

import pytest

from reports.ingest import initiatives
from reports.ingest.initiatives import canonical_name, category_of, extract_initiatives
from reports.ingest.types import ParsedSection


def names(text):
    return [i.name for i in extract_initiatives(text, ())]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("创新推出“六个一”特色工作法,精准解决问题。", ["“六个一”特色工作法"]),
        (
            "建立“呼包鄂乌”知识产权司法保护协作机制，助力首府建设。",
            ["“呼包鄂乌”知识产权司法保护协作机制"],
        ),
        ("探索“法院+N”执行联动机制，合力破解执行难题。", ["“法院+N”执行联动机制"]),
        ("构建起“代表委员+法院”多元解纷机制。", ["“代表委员+法院”多元解纷机制"]),
        ("打造了新城区法院“赵婧工作室”等亮点品牌。", ["新城区法院“赵婧工作室”"]),
        ("严格落实院庭长“阅核”制度。", ["院庭长“阅核”制度"]),
        (
            "联合发布《关于协同推进行政争议预防和实质性化解的工作办法》。",
            ["《关于协同推进行政争议预防和实质性化解的工作办法》"],
        ),
        ("研究出台《呼和浩特市毒品案件证据标准》。", ["《呼和浩特市毒品案件证据标准》"]),
        ("同时持续开展根治欠薪专项行动，为农牧民工追回劳动报酬。", ["根治欠薪专项行动"]),
        ("在全省率先探索建立以质效指标合理区间为基础的审判工作评价机制。", ["审判工作评价机制"]),
        ("全市两级法院完善府院联动常态化、实质化运行机制。", ["府院联动常态化、实质化运行机制"]),
        ("集中开展了声势浩大的“百日执行风暴”专项活动。", ["“百日执行风暴”专项活动"]),
        # names listed before a shared head noun are initiatives of their own
        (
            "开展“百日执行会战”“三秦飓风”“雷霆行动”等执行专项行动。",
            ["“百日执行会战”", "“三秦飓风”", "“雷霆行动”等执行专项行动"],
        ),
        # a quoted name inside a title belongs to the title
        ("组织编辑《全国法院“百篇优秀裁判文书”汇编》。", ["《全国法院“百篇优秀裁判文书”汇编》"]),
    ],
)
def test_initiatives(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # quoted names with no head noun that name a place, a body or a rule
        ("全市建成“共享法庭”128个，实现镇街全覆盖。", ["“共享法庭”"]),
        ("严格落实防止干预司法“三个规定”，做到逢问必录。", ["“三个规定”"]),
        ("深入推进“枫桥式人民法庭”创建。", ["“枫桥式人民法庭”"]),
        # a quoted name a court is said to have set up
        ("在全省率先推行“分调裁审”，简案快审。", ["“分调裁审”"]),
        ("集中开展“百日会战”，执结案件1.2万件。", ["“百日会战”"]),
        # 某 in a sentence is no anonymised defendant unless a surname carries it
        ("对某类案件建立“繁简分流”机制。", ["“繁简分流”机制"]),
        # brands and places of work
        (
            "成立“宜家·和”家事纠纷调解工作室，多元化解家事纠纷310件。",
            ["“宜家·和”家事纠纷调解工作室"],
        ),
        ("打造“红色驿站”讲堂，弘扬红色司法文化。", ["“红色驿站”讲堂"]),
        ("擦亮“河洛调解”品牌，推动纠纷就地化解。", ["“河洛调解”品牌"]),
        ("签订院校共建合作协议，建立行政执法教学基地。", ["行政执法教学基地"]),
        ("成立涉台审判法官工作室，深入走访台资企业。", ["涉台审判法官工作室"]),
        # campaigns with a season or code name
        ("开展“冬季攻坚”集中执行行动，执结案件3.2万件。", ["“冬季攻坚”集中执行行动"]),
        ("组织“雷霆2024”专项执行行动12次。", ["“雷霆2024”专项执行行动"]),
        # programmes and named works: 工程, 建设, 指标体系
        ("扎实推进党建“五个一”工程，打造过硬队伍。", ["“五个一”工程"]),
        ("持续推进“五化建设”，争创一流。", ["“五化建设”"]),
        ("人民法院审判质量管理指标体系的18项指标均在区间内。", ["人民法院审判质量管理指标体系"]),
    ],
)
def test_named_without_a_category_word_or_as_a_brand(text, expected):
    assert names(text) == expected


def test_one_initiative_under_two_carriers_is_kept_once():
    text = "成立“河洛调解”工作室。\n打造“河洛调解”品牌，化解纠纷2000余件。"
    (only,) = extract_initiatives(text, ())
    assert (only.name, only.canonical_name) == ("“河洛调解”工作室", "河洛调解")


@pytest.mark.parametrize(
    "text",
    [
        "将人民群众胜诉权益兑现为“真金白银”。",
        "精准解决“两难三高”问题。",
        "坚持“安全第一、预防为主”的原则。",
        "荣获“优秀集体”称号。",
        "严惩犯罪分子的“洗钱工具”和“帮凶”。",
        "被《人民日报》《内蒙古日报》转载。",
        "依托大数据平台对案件进行跟踪。",
        "制定餐厅管理制度，设立卫生监督岗。",
        "修订财务管理制度与公务接待规定。",
        "加快建设公正高效权威的社会主义司法制度。",
        "同步开通微博和微信平台。",
        "不断优化保障机制，创新服务模式。",
        # policy slogans and economic terms of government
        "增强“四个意识”、坚定“四个自信”、做到“两个维护”。",
        "坚持“两个毫不动摇”，依法平等保护民营企业。",
        "服务“专精特新”，助力“六稳”“六保”。",
        "推出“一站式”诉讼服务，当事人少跑腿。",
        "开辟“绿色通道”，守护老百姓的“钱袋子”。",
        "扎实开展“两个确立”主题教育，紧扣市委“一大引领”“三大战役”工作部署。",
        "涌现出“全国优秀法院”“全国法院先进个人”等一批先进典型。",
        "实现“三个效果”有机统一，妥善办理的“胡鑫宇事件网络谣言案”入选典型案例。",
        "选取典型案例定期开展“示范庭审”，邀请行政执法人员观摩庭审38次。",
        # a criminal case is no initiative
        "被告人张某某纠集他人成立所谓“讨债公司”并长期以暴力催收债务的模式。",
        "实现了代表委员工作室全覆盖。",
        "健全完善执行工作长效机制，坚定不移向着目标迈进。",
        "健全常态沟通交流机制。",
        # the words of a quoted slogan, a place on a platform, a kind of campaign with examples
        "把“一面旗帜、一个品牌、一个中心、一套机制、一个标准”融入法院各项工作。",
        "5386名法官的工作信息在平台上公开。",
        "积极参与打击治理毒品、缉枪治爆等专项行动，依法审结毒品案件131件。",
    ],
)
def test_not_initiatives(text):
    assert names(text) == []


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("“六个一”特色工作法", "六个一特色工作法"),
        ("行政审判“六个一”特色工作举措", "六个一特色工作法"),
        ("新城区法院“赵婧工作室”", "赵婧工作室"),
        ("“赵婧工作室”", "赵婧工作室"),
        ("行政争议协同实质性化解工作机制", "行政争议协同实质性化解机制"),
        ("“人民法官为人民”等主题教育实践活动", "人民法官为人民主题教育实践活动"),
        ("《呼和浩特市毒品案件证据标准》", "《呼和浩特市毒品案件证据标准》"),
        ("《全国法院“百篇优秀裁判文书”汇编》", "《全国法院百篇优秀裁判文书汇编》"),
        ("“河洛调解”工作室", "河洛调解"),
        ("“河洛调解”品牌", "河洛调解"),
        ("“河洛调解”", "河洛调解"),
        ("“赵婧工作室”", "赵婧工作室"),  # the studio's own name includes its carrier
    ],
)
def test_canonical_name_links_wordings(name, canonical):
    assert canonical_name(name) == canonical


def test_same_initiative_is_kept_once_with_its_first_evidence():
    text = "创新推出“六个一”特色工作法。\n行政审判“六个一”特色工作举措被媒体转载。"
    (only,) = extract_initiatives(text, ())
    assert only.name == "“六个一”特色工作法"
    assert only.evidence == "创新推出“六个一”特色工作法。"


def test_offsets_section_and_category():
    text = "服务大局\n建立“呼包鄂乌”知识产权司法保护协作机制。\n能动司法\n研究出台《呼和浩特市毒品案件证据标准》。"
    split = text.index("能动")
    sections = (
        ParsedSection(order=1, heading="服务大局", text="", topic="ip", start=0, end=split),
        ParsedSection(
            order=2, heading="能动司法", text="", topic="criminal", start=split, end=len(text)
        ),
    )
    mechanism, document = extract_initiatives(text, sections)
    for item in (mechanism, document):
        assert text[item.start : item.end] == item.name
        assert item.name in item.evidence
    assert (mechanism.section_order, document.section_order) == (1, 2)
    assert (mechanism.category, document.category) == ("mechanism", "document")


@pytest.mark.parametrize(
    ("name", "category"),
    [
        ("根治欠薪专项行动", "campaign"),
        ("“呼包鄂乌”跨区域知识产权司法保护协作框架协议", "document"),
        ("“定点维修+三方比价”模式", "method"),
        ("自治区高院车辆管理平台", "platform"),
        ("新城区法院“赵婧工作室”", "platform"),
        ("“六个一”特色工作法", "method"),
    ],
)
def test_category(name, category):
    assert category_of(name) == category


def test_docstring_examples_hold():
    assert doctest.testmod(initiatives).failed == 0
