"""The fixed query list, as a reader would type it, and its equivalent for the baseline.

``params`` go to ``SearchForm`` and to ``/search/`` and ``/api/search`` unchanged. The stock
haystack build has no query language of its own: its reader types the words into
``auto_query`` and narrows by clicking a facet (``narrow``); it browses with ``all()``.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Query:
    name: str  # what it exercises
    params: dict
    stock_q: str | None = None  # None: browse everything (SearchQuerySet.all())
    stock_narrow: dict = field(default_factory=dict)  # field → value, as a facet click
    page: int = 1


BAYANNUR = "巴彦淖尔市中级人民法院"

QUERIES = (
    Query("common word 执行", {"q": "执行"}, "执行"),
    Query("common word 法院", {"q": "法院"}, "法院"),
    Query("rarest content word 国际法", {"q": "国际法"}, "国际法"),
    Query("place 呼和浩特", {"q": "呼和浩特"}, "呼和浩特"),
    Query("court short name 巴彦淖尔中院", {"q": "巴彦淖尔中院"}, "巴彦淖尔中院"),
    Query("two words unspaced 巴彦淖尔执行", {"q": "巴彦淖尔执行"}, "巴彦淖尔执行"),
    Query('phrase "司法 保护"', {"q": '"司法 保护"'}, '"司法 保护"'),
    Query("exclusion 知识产权 -刑事", {"q": "知识产权 -刑事"}, "知识产权 -刑事"),
    Query("OR 破产 OR 金融", {"q": "破产 OR 金融"}, "破产 OR 金融"),
    Query(
        "filter 执行 court:巴彦淖尔中院",
        {"q": "执行 court:巴彦淖尔中院"},
        "执行",
        {"court": BAYANNUR},
    ),
    Query("filter 执行 year:2023", {"q": "执行 year:2023"}, "执行", {"year": "2023"}),
    Query("traditional 知識產權", {"q": "知識產權"}, "知識產權"),
    Query("no hits 量子纠缠 (fallbacks, suggestion)", {"q": "量子纠缠"}, "量子纠缠"),
    Query("browse: match-all + 6 facets", {"q": ""}, None),
    Query("page 5 of 法院", {"q": "法院", "page": "5"}, "法院", page=5),
)
