"""Which court a report is about, from the way the genre names courts.

A report names its court in full (呼和浩特市中级人民法院), in short (郑州中院, 呼市中院), or only
in context: 市中级人民法院 / 省高院 / 全市两级法院, with the city or province said elsewhere
(《巴彦淖尔市…》, 内蒙古日报). Detection scans the text once against every surface form of the
directory (about 9,000 names, short names and aliases), the place names and the contextual
forms, then resolves the contextual mentions with the places the text talks about, weighing
the title more than the body.

A basic court's own report and the news about it name it by its level (市人民法院, 区人民法院,
县法院) and the place elsewhere (中共昆山市委): the counties, districts and county-level cities
of the basic courts are places too, for these forms only. A level form belongs to its kind of
place: 市中院 is no 州's court, and 市法院 is a county-level city's court (恩施市法院) when the
text speaks of that city as much as of its prefecture.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from pathlib import Path

from reports.ingest.types import CourtRecord

SUPREME = "最高人民法院"

# Forms that name a court by its level only: "市中院" is the court of the city the text is
# about. The bare 中院/高院 are weaker: they also occur in lists (各中院, 三级法院).
CONTEXT_FORMS = {
    "市中级人民法院": ("intermediate", 1.5),
    "市中级法院": ("intermediate", 1.5),
    "市中院": ("intermediate", 1.5),
    "州中级人民法院": ("intermediate", 1.5),
    "州中院": ("intermediate", 1.5),
    "盟中级人民法院": ("intermediate", 1.5),
    "盟中院": ("intermediate", 1.5),
    "中级人民法院": ("intermediate", 0.5),
    "中院": ("intermediate", 0.5),
    "市法院": ("intermediate", 1.0),
    "省高级人民法院": ("high", 1.5),
    "省高院": ("high", 1.5),
    "省法院": ("high", 1.0),
    "自治区高级人民法院": ("high", 1.5),
    "自治区高院": ("high", 1.5),
    "高级人民法院": ("high", 0.5),
    "高院": ("high", 0.5),
    # A county's, district's or county-level city's own report and the news about it call
    # its court by its level only: 市人民法院 (昆山), 区人民法院 (武昌), 县法院 (博白).
    "市人民法院": ("basic", 1.5),
    "区人民法院": ("basic", 1.5),
    "县人民法院": ("basic", 1.5),
    "旗人民法院": ("basic", 1.5),
    "区法院": ("basic", 1.0),
    "县法院": ("basic", 1.0),
    "旗法院": ("basic", 1.0),
}
# Forms that speak of all the courts of an area: the court the report is about is the one
# that leads them (全市两级法院 → the city's intermediate court).
REGION_FORMS = {
    "全市两级法院": "intermediate",
    "全市两级人民法院": "intermediate",
    "全市人民法院": "intermediate",
    "全市法院": "intermediate",
    "全州两级法院": "intermediate",
    "全州法院": "intermediate",
    "全盟两级法院": "intermediate",
    "全盟法院": "intermediate",
    "全省法院": "high",
    "全省三级法院": "high",
    "全省各级法院": "high",
    "全省各级人民法院": "high",
    "全区法院": "high",  # 全区 is the autonomous region in 内蒙古/广西/…; elsewhere ignored
    "全区人民法院": "high",
    "全区三级法院": "high",
    "全国法院": "supreme",
    "全国各级法院": "supreme",
    "全国各级人民法院": "supreme",
}
# After a place name: 郑州市两级法院, 呼和浩特法院, 巴彦淖尔市人民法院, 浙江法院.
PLACE_COURTS = re.compile(r"(?:市|省|州)?(?:两级|三级|各级)?(?:人民)?法院")
# Region mentions weigh 1. A former name (莱芜市中院, now 济南市中级人民法院) is an alias.
NAMED_WEIGHT = {"name": 3.0, "short": 2.0, "alias": 2.0, "former": 2.0}
TITLE_WEIGHT = 3.0  # mentions in the title zone count this many times
TITLE_LINES, TITLE_CHARS = 2, 150
SPACE = re.compile(r"\s+")
BASIC_SUFFIXES = ("市", "区", "县", "旗")
LISTED = re.compile(r"[县市区旗各](?:[(（、][^()（）]{0,6}[)）]?)?\s*$")


@dataclass(frozen=True)
class CourtMention:
    """A court named in a text. ``courts`` are the directory names the form can mean (several
    for 新城区法院; none for 市中院, whose ``level`` says what it stands for)."""

    start: int
    end: int
    text: str
    courts: tuple[str, ...]
    kind: str  # name / short / alias / context / region
    level: str = ""
    weight: float = 1.0


@dataclass(frozen=True)
class CourtMatch:
    """What detect_court found: ``name`` is a directory name or None (unknown or ambiguous,
    then ``candidates`` lists the likely ones, best first). ``scope`` is "region" when the
    text speaks mostly of the courts of an area (全市两级法院, 全省法院), else "court".
    ``former_names``: the court's former names the text uses (莱芜市中级人民法院 in a 2017
    report of what is now 济南市中级人民法院)."""

    name: str | None
    candidates: tuple[str, ...] = ()
    scope: str = ""
    confidence: float = 0.0
    evidence: tuple[str, ...] = ()
    former_names: tuple[str, ...] = ()


def load_directory(path: Path | str) -> tuple[CourtRecord, ...]:
    """fixtures/courts.json → records: load_directory("fixtures/courts.json")[0].name == "最高人民法院".
    Read again when the file changes."""
    stat = Path(path).stat()
    return _read_directory(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _read_directory(path: str, mtime_ns: int, size: int) -> tuple[CourtRecord, ...]:
    rows = json.loads(Path(path).read_text(encoding="utf-8"))
    return tuple(
        CourtRecord(
            name=row["name"],
            short_name=row.get("short_name", ""),
            level=row["level"],
            province=row.get("province", ""),
            city=row.get("city", ""),
            aliases=tuple(row.get("aliases", ())),
            adcode=row.get("adcode", ""),
            slug=row.get("slug", ""),
            parent=row.get("parent", ""),
            former_names=tuple(row.get("former_names", ())),
        )
        for row in rows
    )


def court_forms(court: CourtRecord) -> list[tuple[str, str]]:
    """(kind, form) for every name a court goes by, best kind first: name, short, alias,
    former. The database's CourtName rows hold the same forms."""
    return (
        [("name", court.name), ("short", court.short_name)]
        + [("alias", a) for a in court.aliases]
        + [("former", a) for a in court.former_names]
    )


def county_of(court: CourtRecord) -> str:
    """The county, district or county-level city a basic court serves, by its name:
    昆山市人民法院 → "昆山市", 宣城市宣州区人民法院 → "宣州区"; other courts → ""."""
    if court.level != "basic":
        return ""
    place = court.name.removesuffix("人民法院")
    if court.city and place.startswith(court.city) and len(place) > len(court.city):
        place = place[len(court.city) :]
    return place if place != court.name and place.endswith(BASIC_SUFFIXES) else ""


class _Directory:
    """Every surface form of the directory, keyed by its first two characters."""

    def __init__(self, courts: Sequence[CourtRecord]):
        self.courts = {c.name: c for c in courts}
        self.city_court: dict[str, str] = {}  # 呼和浩特市 → 呼和浩特市中级人民法院
        self.province_court: dict[str, str] = {}  # 内蒙古自治区 → …高级人民法院
        self.city_province: dict[str, str] = {}
        self.county_courts: dict[str, tuple[str, ...]] = {}  # 昆山市 → (昆山市人民法院,)
        self.court_county: dict[str, str] = {}  # 昆山市人民法院 → 昆山市
        forms: dict[str, tuple[str, set[str]]] = {}
        rank = {"name": 0, "short": 1, "alias": 2, "former": 3}
        for c in courts:
            for kind, surface in court_forms(c):
                if len(surface) < 2:
                    continue
                old_kind, names = forms.get(surface, (kind, set()))
                names.add(c.name)
                forms[surface] = (min(old_kind, kind, key=rank.get), names)
            if c.level == "high" and c.name == f"{c.province}高级人民法院":
                self.province_court[c.province] = c.name
            if c.level == "intermediate" and c.name == f"{c.city}中级人民法院":
                self.city_court[c.city] = c.name
                self.city_province[c.city] = c.province
            county = county_of(c)
            if county:
                self.court_county[c.name] = county
                self.county_courts[county] = (*self.county_courts.get(county, ()), c.name)
        places = self._places(courts)
        self.table: dict[str, list[tuple[str, str, object]]] = defaultdict(list)
        for surface, (kind, names) in forms.items():
            self.table[surface[:2]].append((surface, kind, tuple(sorted(names))))
        for surface, place in places.items():
            if surface not in forms:
                self.table[surface[:2]].append((surface, "place", place))
        for county in self.county_courts:
            # Two-character counties (赵县, 城区, 矿区) are words of running text too.
            if len(county) >= 3 and county not in forms and county not in places:
                self.table[county[:2]].append((county, "county", county))
        for surface, spec in CONTEXT_FORMS.items():
            self.table[surface[:2]].append((surface, "context", spec))
        for surface, level in REGION_FORMS.items():
            self.table[surface[:2]].append((surface, "area", level))
        for entries in self.table.values():
            entries.sort(key=lambda e: -len(e[0]))

    def _places(self, courts) -> dict[str, tuple[str, str]]:
        """Place names → ("city", 呼和浩特市) or ("province", 内蒙古自治区). Stems come from the
        courts' short forms (呼和浩特中院 → 呼和浩特, 呼市中院 → 呼市, 内蒙古高院 → 内蒙古)."""
        places: dict[str, tuple[str, str]] = {}
        for city, court in self.city_court.items():
            c = self.courts[court]
            for form in (c.short_name, *c.aliases, *c.former_names):
                if form.endswith("中院") and len(form) > 3:
                    places.setdefault(form[:-2], ("city", city))
            places[city] = ("city", city)
        for province, court in self.province_court.items():
            c = self.courts[court]
            stem = c.short_name.removesuffix("高院")
            for form in (province, stem):  # a province wins over a city stem (吉林)
                places[form] = ("province", province)
        return places


_directories: dict[int, tuple[Sequence[CourtRecord], _Directory]] = {}


def _directory(courts: Sequence[CourtRecord]) -> _Directory:
    # Keyed by identity: hashing 3,500 records on every call would cost more than detection.
    cached = _directories.get(id(courts))
    if cached is None or cached[0] is not courts:
        if len(_directories) > 8:
            _directories.clear()
        cached = _directories[id(courts)] = (courts, _Directory(courts))
    return cached[1]


def _scan(text: str, directory: _Directory):
    """Leftmost-longest matches over the text with whitespace removed (OCR breaks names across
    lines: 呼和浩特市\\n\\n中院), yielding (start, end, surface, kind, payload) in the original."""
    compact, offsets = [], []
    for i, ch in enumerate(text):
        if not ch.isspace():
            compact.append(ch)
            offsets.append(i)
    compact = "".join(compact)
    offsets.append(len(text))
    table, i, n = directory.table, 0, len(compact)
    while i < n - 1:
        for surface, kind, payload in table.get(compact[i : i + 2], ()):
            if compact.startswith(surface, i):
                end = i + len(surface)
                if kind == "place":
                    tail = PLACE_COURTS.match(compact, end)
                    if tail:
                        kind, end = "place_court", tail.end()
                yield offsets[i], offsets[end - 1] + 1, compact[i:end], kind, payload
                i = end
                break
        else:
            i += 1


def _title_end(text: str) -> int:
    lines = list(islice(re.finditer(r"[^\n]*\S[^\n]*", text), TITLE_LINES))
    return min(lines[-1].end() if lines else 0, TITLE_CHARS + (lines[0].start() if lines else 0))


def find_court_mentions(text: str, courts: Sequence[CourtRecord]) -> tuple[CourtMention, ...]:
    """Courts named in a text, in order: "呼市中院和新城区法院" → 呼和浩特市中级人民法院 (alias),
    then 新城区法院 (short; 呼和浩特 and 西安 both have one). Place names alone are not mentions;
    "郑州市两级法院" is a region mention of 郑州市中级人民法院."""
    directory = _directory(courts)
    mentions = []
    for start, end, surface, kind, payload in _scan(text, directory):
        if kind in NAMED_WEIGHT:
            mentions.append(
                CourtMention(start, end, surface, payload, kind, weight=NAMED_WEIGHT[kind])
            )
        elif kind == "context":
            level, weight = payload
            mentions.append(CourtMention(start, end, surface, (), "context", level, weight))
        elif kind == "area":
            mentions.append(CourtMention(start, end, surface, (), "region", payload))
        elif kind == "place_court":
            place_kind, place = payload
            court = (
                directory.city_court if place_kind == "city" else directory.province_court
            ).get(place)
            if court:
                level = directory.courts[court].level
                mentions.append(CourtMention(start, end, surface, (court,), "region", level))
    return tuple(mentions)


def lookup_court(form: str, courts: Sequence[CourtRecord]) -> tuple[str, ...]:
    """Directory names a typed form stands for: "呼市中院" → ("呼和浩特市中级人民法院",)."""
    form = SPACE.sub("", form)
    for surface, kind, payload in _directory(courts).table.get(form[:2], ()):
        if surface == form and kind in NAMED_WEIGHT:
            return payload
    return ()


def detect_court(text: str, courts: Sequence[CourtRecord], hint: str | None = None) -> CourtMatch:
    """The court a report is about: "——呼和浩特市中级人民法院2023年工作回眸" → 呼和浩特市中级人民法院;
    "市中院" alone → None. ``hint`` (an editor's --court) wins when it names a court."""
    if hint:
        named = lookup_court(hint, courts)
        if len(named) == 1:
            return CourtMatch(named[0], named, "court", 1.0, (f"指定：{hint}",))
    directory = _directory(courts)
    title_end = _title_end(text)
    cities, provinces, counties = Counter(), Counter(), Counter()
    items = []  # (weight factor, surface, kind, payload)
    for start, _end, surface, kind, payload in _scan(text, directory):
        factor = TITLE_WEIGHT if start < title_end else 1.0
        if kind == "county":  # 中共昆山市委, 平安昆山市: where a 市人民法院 is
            counties[payload] += factor
            continue
        if (
            kind == "context"
            and payload[0] == "basic"
            and LISTED.search(text[max(0, start - 12) : start])
        ):
            continue  # 各县区人民法院, 县市区法院: the basic courts of an area, not one of them
        if kind in ("place", "place_court"):
            place_kind, place = payload
            if place_kind == "city":
                cities[place] += factor
                provinces[directory.city_province[place]] += factor / 2
            else:
                provinces[place] += factor
        if kind != "place":
            items.append((factor, surface, kind, payload))
    # Explicit mentions of a single court also tell where the text is.
    for factor, _, kind, payload in items:
        if kind in NAMED_WEIGHT and len(payload) == 1:
            court = directory.courts[payload[0]]
            if court.city in directory.city_court:
                cities[court.city] += factor
            if court.province:
                provinces[court.province] += factor / 2
            if court.name in directory.court_county:
                counties[directory.court_county[court.name]] += factor
    home_cities = _top(cities)
    home_city = home_cities[0] if len(home_cities) == 1 else None
    home_provinces = _top(provinces) or tuple(
        dict.fromkeys(directory.city_province[c] for c in home_cities)
    )
    home = _Home(home_cities, home_provinces, _top(counties), cities, counties)

    scores, named, regional = Counter(), Counter(), Counter()
    evidence: dict[str, Counter] = defaultdict(Counter)
    unresolved = Counter()
    for factor, surface, kind, payload in items:
        weight, is_region = 1.0, kind in ("area", "place_court")
        if kind in NAMED_WEIGHT:
            targets, weight = payload, NAMED_WEIGHT[kind]
            if len(targets) > 1:  # 新城区法院: the one in the city the text is about
                targets = (
                    tuple(t for t in targets if directory.courts[t].city == home_city) or targets
                )
        elif kind == "context":
            level, weight = payload
            targets = _resolve(level, home, directory, surface)
        elif kind == "area":
            targets = _resolve(payload, home, directory)
            if surface.startswith("全区") and not all(p.endswith("自治区") for p in home_provinces):
                targets = ()
        else:  # place_court: 郑州市两级法院, 浙江法院
            place_kind, place = payload
            table = directory.city_court if place_kind == "city" else directory.province_court
            targets = (table[place],) if place in table else ()
        if not targets:
            unresolved[surface] += 1
            continue
        share = weight * factor / len(targets)
        for t in targets:
            scores[t] += share
            if is_region:
                regional[t] += share
            elif kind in NAMED_WEIGHT:
                named[t] += share
            evidence[t][surface] += 1

    lost = tuple(f"{s} ×{k}（未能确定所指法院）" for s, k in unresolved.most_common(2))
    if hint:  # named no court of the directory
        lost = (f"未找到指定法院：{hint}", *lost)
    if not scores:
        return CourtMatch(None, (), "", 0.0, lost)
    ranked = sorted(scores, key=lambda name: (-scores[name], name))
    best, total = ranked[0], sum(scores.values())
    notes = tuple(f"{s} ×{k}" for s, k in evidence[best].most_common(4))
    former = tuple(s for s in evidence[best] if s in directory.courts[best].former_names)
    notes += tuple(f"旧称：{s}（今{best}）" for s in former)
    if home_cities or home_provinces:
        notes += (f"地点：{'、'.join(home_cities or home_provinces)}",)
    confidence = scores[best] / total
    if len(ranked) > 1 and scores[ranked[1]] == scores[best] or scores[best] < 1.0:
        return CourtMatch(None, tuple(ranked[:5]), "", round(confidence, 2), notes + lost)
    if not named[best]:
        confidence *= 0.8  # only contextual evidence (市中级人民法院 + a city named elsewhere)
    scope = "region" if regional[best] > scores[best] - regional[best] else "court"
    return CourtMatch(
        best, tuple(ranked[:5]), scope, round(confidence, 2), notes + lost[:1], former
    )


def _top(counter: Counter) -> tuple[str, ...]:
    """The most mentioned places, several when tied."""
    if not counter:
        return ()
    most = max(counter.values())
    return tuple(sorted(k for k, v in counter.items() if v == most))


@dataclass(frozen=True)
class _Home:
    """Where a text is: its most mentioned cities, provinces and counties, and the counts."""

    cities: tuple[str, ...]
    provinces: tuple[str, ...]
    counties: tuple[str, ...]
    city_counts: Counter
    county_counts: Counter


def _resolve(level: str, home: _Home, directory: _Directory, surface: str = "") -> tuple[str, ...]:
    """The courts a level-only form means where the text is. The form's first character says
    what kind of place it belongs to: 市中院 is no 州's court, 区人民法院 no county's; 市法院 is
    the court of a county-level city (恩施市法院) when the text speaks of that city as much as
    of its prefecture."""
    kind = surface[:1] if surface[:1] in "市州盟区县旗" else ""
    cities = home.cities
    if kind in ("市", "州", "盟"):
        cities = tuple(c for c in cities if c.endswith(kind))
    counties = tuple(c for c in home.counties if c.endswith(kind))
    if surface == "市法院" and counties:
        top_city = max((home.city_counts[c] for c in cities), default=0)
        if home.county_counts[counties[0]] >= top_city:
            level = "basic"
    if level == "supreme":
        return (SUPREME,) if SUPREME in directory.courts else ()
    if level == "intermediate":
        return tuple(directory.city_court[c] for c in cities if c in directory.city_court)
    if level == "high":
        return tuple(
            directory.province_court[p] for p in home.provinces if p in directory.province_court
        )
    if level == "basic" and kind:
        return _in_city(
            tuple(t for c in counties for t in directory.county_courts[c]), home, directory
        )
    return ()


def _in_city(targets: tuple[str, ...], home: _Home, directory: _Directory) -> tuple[str, ...]:
    """朝阳区 is in 北京 and 长春: the one in the city the text is about."""
    if len(targets) < 2:
        return targets
    return tuple(t for t in targets if directory.courts[t].city in home.cities) or targets
