"""Reading what a reader typed into a small query tree, whatever they typed.

The language: words are ANDed; ``"…"`` (or “…”) is a phrase; ``-词`` excludes; ``OR`` joins
alternatives; ``court:`` ``year:`` ``province:`` ``topic:`` ``level:`` ``kind:`` filter
(``year:2020..2023`` is a range). A year (2023年), a year range (2020-2023年: not searched
as words) or a court name in the text is offered as a filter ("只看 …"); a court name, short
name or alias also matches the court's other names.

Everything else is text: unbalanced quotes close at the end, unknown fields (``status:``) and
Whoosh or Lucene syntax (``* ~ ^ [a TO b]``) are read as words, a query past
``MAX_QUERY_CHARS`` is cut with a notice. Parsing never raises.

    >>> q = parse_query('知识产权 "司法保护" -刑事 court:呼和浩特中院 2023年')
    >>> [[w.text for w in c.words] for c in q.must], [w.text for w in q.must_not]
    ([['知识产权'], ['司法保护'], ['2023年']], ['刑事'])
    >>> q.filters, [o.label for o in q.offers]
    ((('court', ('呼和浩特中院',)),), ['只看 2023 年'])

Pure Python (no Django, no Whoosh): each search backend compiles the tree in its own syntax.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from reports.search.normalize import CJK_CHARS

MAX_QUERY_CHARS = 200
MAX_CLAUSES = 24
FILTER_FIELDS = ("court", "year", "province", "topic", "level", "kind")
FIELD_ALIASES = {
    "法院": "court",
    "年份": "year",
    "年度": "year",
    "省份": "province",
    "省": "province",
}
FIELD_ALIASES |= {"主题": "topic", "层级": "level", "类型": "kind"}

# Quotes, colons and dashes as typed on a Chinese keyboard.
SYNTAX_FOLD = str.maketrans({"“": '"', "”": '"', "「": '"', "」": '"', "『": '"', "』": '"'})
SYNTAX_FOLD |= {c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}
SYNTAX_FOLD |= {0x3000: " ", ord("—"): "-"}
WORD_RE = re.compile(rf"[{CJK_CHARS}0-9A-Za-z]+(?:[.%][{CJK_CHARS}0-9A-Za-z%]*)*")
YEAR_RE = re.compile(r"^((?:19|20)\d\d)年?$")
YEAR_FILTER_RE = re.compile(
    r"^((?:19|20)\d\d)?(?:年)?(?:\s*(?:\.\.|-|~|至|到)\s*((?:19|20)\d\d)?年?)?$"
)
# A year range typed as text: 2020-2023年, 2020年至2023年, 2020~2023.
YEAR_RANGE_TEXT_RE = re.compile(r"^(?:19|20)\d\d年?(?:-|~|至|到)(?:19|20)\d\d年?$")
CJK_SPACE_RE = re.compile(rf"(?<=[{CJK_CHARS}])\s+(?=[{CJK_CHARS}])")


@dataclass(frozen=True)
class Word:
    text: str
    phrase: bool = False
    # Added from the synonyms of a typed word (not compared: the same word either way).
    synonym: bool = field(default=False, compare=False)


@dataclass(frozen=True)
class Clause:
    """A section must match at least one of ``words`` (a word, ``a OR b``, a court's names)."""

    words: tuple[Word, ...]


@dataclass(frozen=True)
class Offer:
    """A filter the query seems to mean: "只看 2023 年"."""

    field: str
    value: str
    label: str


@dataclass(frozen=True)
class ParsedQuery:
    text: str  # what was read (after cutting to length)
    must: tuple[Clause, ...] = ()
    must_not: tuple[Word, ...] = ()
    filters: tuple[tuple[str, tuple[str, ...]], ...] = ()
    offers: tuple[Offer, ...] = ()
    notices: tuple[str, ...] = ()
    error: str = ""

    @property
    def browse(self) -> bool:
        """Nothing is required: every section (minus exclusions) matches."""
        return not self.must

    def positive_words(self) -> list[Word]:
        return [w for clause in self.must for w in clause.words]

    def split_words(self, split: Callable[[str], list[str]]) -> ParsedQuery:
        """Each one-word clause cut into its parts (失信被执行人 → 失信 + 被执行人): the last
        resort when a compound term finds nothing written together."""
        clauses = []
        for clause in self.must:
            typed = [w for w in clause.words if not w.synonym]  # its synonyms found nothing either
            parts = split(typed[0].text) if len(typed) == 1 else []
            if parts and not typed[0].phrase:
                clauses += [Clause((Word(p),)) for p in parts]
            else:
                clauses.append(clause)
        return replace(self, must=tuple(clauses))

    def any_word(self) -> ParsedQuery:
        """The same query with its words ORed (the fallback when no section has them all)."""
        words = tuple(dict.fromkeys(self.positive_words()))
        return replace(self, must=(Clause(words),) if words else ())


# A court finder: text → the court names in it, longest first and not overlapping, each as
# (start, end, full name, every name form of that court). Supplied by the caller (the database
# knows the courts; this module does not).
CourtFinder = Callable[[str], "list[tuple[int, int, str, tuple[str, ...]]]"]
# Synonyms of a word (``synonyms.Synonyms.lookup``).
SynonymLookup = Callable[[str], "tuple[str, ...]"]


@dataclass
class _State:
    must: list[list[Word]] = field(default_factory=list)
    must_not: list[Word] = field(default_factory=list)
    filters: dict[str, list[str]] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    year_ranges: list[str] = field(default_factory=list)  # typed as text, offered
    join_next: bool = False  # the previous token was OR
    negate_next: bool = False  # the previous token was NOT

    def add(self, word: Word, negated: bool) -> None:
        if negated or self.negate_next:
            self.must_not.append(word)
        elif self.join_next and self.must:
            self.must[-1].append(word)
        else:
            self.must.append([word])
        self.join_next = self.negate_next = False


def lex(text: str):
    """("phrase", text) and ("token", text) in order; an unclosed quote runs to the end."""
    i = 0
    while i < len(text):
        char = text[i]
        if char.isspace():
            i += 1
        elif char == '"':
            end = text.find('"', i + 1)
            closed = end != -1
            end = end if closed else len(text)
            yield ("phrase" if closed else "open-phrase"), text[i + 1 : end]
            i = end + 1
        else:
            end = i
            while end < len(text) and not text[end].isspace() and text[end] != '"':
                end += 1
            yield "token", text[i:end]
            i = end


def words_of(text: str) -> list[str]:
    """The searchable pieces of a token: ``知识产权*`` → 知识产权, ``[2020 TO`` → 2020."""
    return [m.group().strip(".") for m in WORD_RE.finditer(text) if m.group().strip(".%")]


def parse_year(value: str) -> str | None:
    """``2023``, ``2023年`` → "2023"; ``2020-2023``, ``2020..``, ``2020至2023年`` → "2020..2023"."""
    match = YEAR_FILTER_RE.match(value.strip())
    if not match or not (match.group(1) or match.group(2)):
        return None
    low, high = match.group(1) or "", match.group(2) or ""
    ranged = any(s in value for s in ("..", "-", "~", "至", "到"))
    if not ranged:
        return low
    if low and high and low > high:
        low, high = high, low
    return f"{low}..{high}"


def parse_query(
    text: str, courts: CourtFinder | None = None, synonyms: SynonymLookup | None = None
) -> ParsedQuery:
    text = (text or "").replace("\x00", " ")
    notices = []
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS]
        notices.append(f"查询过长，已只按前 {MAX_QUERY_CHARS} 个字符搜索")
    state = _State(notices=notices)
    tokens = list(lex(text.translate(SYNTAX_FOLD)))
    i = 0
    while i < len(tokens):
        kind, value = tokens[i]
        i += 1
        if kind != "token":
            if kind == "open-phrase":
                state.notices.append("引号未配对，已按短语搜索到末尾")
            phrase = CJK_SPACE_RE.sub("", " ".join(value.split()))
            if words_of(phrase):
                state.add(Word(phrase, phrase=True), negated=False)
            continue
        if value in ("OR", "|", "||"):
            state.join_next = bool(state.must)
            continue
        if value in ("AND", "&&", "+", "TO", "-"):
            continue
        if value == "NOT":
            state.negate_next = True
            continue
        negated = value[0] in "-!" and len(value) > 1
        value = value.lstrip("-!+")
        name, colon, rest = value.partition(":")
        field_name = FIELD_ALIASES.get(name, name.lower())
        if colon and field_name in FILTER_FIELDS:
            if not rest and i < len(tokens) and tokens[i][0] != "token":
                rest = tokens[i][1]
                i += 1
            rest = rest.strip()
            if rest:
                state.filters.setdefault(field_name, []).append(rest)
            else:
                state.notices.append(f"“{name}:” 后缺少筛选值，已忽略")
            continue
        if not colon and not negated and YEAR_RANGE_TEXT_RE.match(value):
            # No section says "2020-2023年": searching it as words would find nothing.
            state.year_ranges.append(parse_year(value))
            state.notices.append(f"“{value}”按年份范围理解，未作为检索词")
            continue
        if colon and name and words_of(name) == [name]:
            state.notices.append(f"不支持按“{name}”筛选，已按普通词语搜索")
        pieces = words_of(value)
        if negated and len(pieces) > 1:  # -司法,保护 excludes the whole, as a phrase
            state.add(Word("".join(pieces), phrase=True), negated=True)
            continue
        for piece in pieces:
            state.add(Word(piece), negated)
    return _finish(text, state, courts, synonyms)


def _court_clauses(words: list[Word], courts: CourtFinder | None, offers: list[Offer]):
    """A court name matches all of that court's names; a name inside a longer word
    (巴彦淖尔中院执行) becomes a clause of its own."""
    if not courts or any(w.phrase for w in words):
        return [words]
    expanded = list(words)
    clauses = []
    for word in words:
        mentions = courts(word.text)
        for _start, _end, name, _forms in mentions:
            offers.append(Offer("court", name, f"只看 {name}"))
        if len(words) == 1 and mentions:
            cursor = 0
            for start, end, _name, forms in mentions:
                clauses += [[Word(p)] for p in words_of(word.text[cursor:start])]
                clauses.append([Word(word.text[start:end]), *(Word(f) for f in forms)])
                cursor = end
            clauses += [[Word(p)] for p in words_of(word.text[cursor:])]
            return clauses
        if mentions and (mentions[0][0], mentions[0][1]) == (0, len(word.text)):
            expanded += [Word(f) for f in mentions[0][3]]
    return [expanded]


def _finish(
    text: str, state: _State, courts: CourtFinder | None, synonyms: SynonymLookup | None
) -> ParsedQuery:
    offers: list[Offer] = []
    if "year" not in state.filters:
        for span in state.year_ranges:
            low, _, high = span.partition("..")
            offers.append(Offer("year", span, f"只看 {low}–{high} 年"))
    clauses = []
    for words in state.must:
        for word in words:
            year = YEAR_RE.match(word.text)
            if year and "year" not in state.filters and not word.phrase:
                offers.append(Offer("year", year.group(1), f"只看 {year.group(1)} 年"))
        for clause in _court_clauses(words, courts, offers):
            if synonyms:
                clause += [
                    Word(s, synonym=True) for w in clause if not w.phrase for s in synonyms(w.text)
                ]
            clauses.append(Clause(tuple(dict.fromkeys(clause))))
    chosen = set(state.filters.get("court", ()))
    offers = [o for o in offers if not (o.field == "court" and o.value in chosen)]
    if len(clauses) > MAX_CLAUSES:
        clauses = clauses[:MAX_CLAUSES]
        state.notices.append(f"词语过多，只按前 {MAX_CLAUSES} 个搜索")
    error = ""
    if text.strip() and not (clauses or state.must_not or state.filters or state.year_ranges):
        error = "查询中没有可以搜索的字词 (The query contains no searchable words.)"
    return ParsedQuery(
        text=text,
        must=tuple(clauses),
        must_not=tuple(dict.fromkeys(state.must_not)),
        filters=tuple((k, tuple(dict.fromkeys(v))) for k, v in state.filters.items()),
        offers=tuple(dict.fromkeys(offers)),
        notices=tuple(dict.fromkeys(state.notices)),
        error=error,
    )


# -- names typed loosely ----------------------------------------------------------------------

# The kinds of part of a loosely typed name (``loose_name``).
WORD, RUN, PAIR = "word", "run", "pair"


def loose_name(text: str, words: list[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """How a name typed without its quotes or middle word (六个一工作法 for “六个一”特色工作法)
    may stand apart in a text, given the words it cuts into (六个, 一, 工作, 法): each word of
    two or more characters anywhere (``WORD``), each run of lone characters that follow one
    another as typed (``RUN``: 两窗一委机制 → 两窗一委 anywhere, 机制 anywhere), and a lone
    character beside one of its typed neighbours (``PAIR``: 一 as 个一 or 一工). Only when the
    words and runs carry most of the name; () otherwise. Each engine compiles the parts in its
    own syntax, below the name as written.

    >>> loose_name("六个一工作法", ["六个", "一", "工作", "法"])
    (('word', ('六个',)), ('pair', ('个一', '一工')), ('word', ('工作',)), ('pair', ('作法',)))
    """
    if len(words) > 8:
        return ()
    segments: list[str] = []  # the words of two or more characters, and the runs of lone ones
    lone: list[bool] = []
    for w in words:
        if len(w) == 1 and lone and lone[-1]:
            segments[-1] += w
        else:
            segments.append(w)
            lone.append(len(w) == 1)
    carried = sum(len(s) for s in segments if len(s) >= 2)
    if len(segments) < 2 or sum(len(s) >= 2 for s in segments) < 2 or 3 * carried < 2 * len(text):
        return ()
    parts = []
    at = 0
    for segment, is_run in zip(segments, lone, strict=True):
        at = text.find(segment, at)
        if not is_run:
            parts.append((WORD, (segment,)))
        elif len(segment) >= 2:
            parts.append((RUN, (segment,)))
        elif at >= 0:
            pairs = [text[i : i + 2] for i in (at - 1, at) if 0 <= i and i + 2 <= len(text)]
            parts.append((PAIR, tuple(pairs)))
        at = max(at, 0) + len(segment)
    return tuple(parts)
