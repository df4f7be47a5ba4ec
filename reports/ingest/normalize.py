"""Normalising decoded text: what is stored, indexed and shown is the output of this module.

Each step is a pure ``str -> str`` function with an example; ``normalize_document`` chains them
and keeps, for every output character, its position in the input (``offsets``), so nothing is
lost: an editor can always see how a normalised span was written. The pipeline is idempotent:
``normalize_text(normalize_text(x)) == normalize_text(x)``.

Output shape: one paragraph (or heading, caption, byline) per line; no blank lines or indents.
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from dataclasses import dataclass

from .numbers import chinese_numeral

# A hard-wrapped line ending in one of these ends its paragraph (also before a closing quote).
TERMINAL = "。！？!?；;…"
CLOSERS = "”’」』）)》】"
# After one of these a line certainly continues on the next one.
OPENERS = "，,、：:“‘「『（(《【—-+＋/"
SENTENCE_PUNCT = "，。、；：？！"
CJK_CHARS = "\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65“”‘’…—·●"
_CJKISH = re.compile(f"[{CJK_CHARS}{CJK_PUNCT}]")
_CJK = re.compile(f"[{CJK_CHARS}]")

# The start of a list item or heading: never glued onto the line before it.
MARKER = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、是]|[（(][一二三四五六七八九十\d]{1,3}[）)]"
    r"|第[一二三四五六七八九十]{1,3}(?:部分|章|节)|镜头[一二三四五六七八九十\d]{1,3}[：:]"
    r"|\d{1,2}[、.．](?!\d)|[①-⑳]|附[:：])"
)
# The mark that opens a point on a newspaper page ("◉助力常态化疫情防控", "★ 6个集体…"): the
# point starts a line of its own even where the page's lines look hard-wrapped. (○ and · also
# start points, but a wrapped line can begin with them too: "二" / "○二三年", "“9" / "·15”".)
POINT_MARKS = "◉●■□▲△◆◇•※★☆▶►"
BULLET = re.compile(f"^[{POINT_MARKS}]")
BYLINE = re.compile(
    r"^[(（]?(?:本报记者|本报讯|本报通讯员|记者|通讯员|责任编辑|编辑[:：]|来源[:：]|本版|文/|图/)"
)


@dataclass(frozen=True)
class NormalizedText:
    """Normalised text and where it came from: ``offsets[i]`` is the position in the raw
    input of ``text[i]``; ``asides`` are (start, end) spans of rebuilt sidebar columns."""

    text: str
    offsets: tuple[int, ...]
    asides: tuple[tuple[int, int], ...] = ()

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw-input span behind ``text[start:end]`` (``end > start``)."""
        return self.offsets[start], self.offsets[end - 1] + 1


class _Tracked:
    """A string whose characters remember their position in the original input."""

    def __init__(self, text: str, src: list[int] | None = None):
        self.text = text
        self.src = list(range(len(text))) if src is None else src

    def sub(self, pattern: re.Pattern, repl) -> _Tracked:
        """``pattern.sub`` keeping positions: a same-length replacement maps one to one,
        otherwise every new character maps to the start of the match."""
        out, src, pos = [], [], 0
        for m in pattern.finditer(self.text):
            new = repl(m) if callable(repl) else repl
            if new == m.group(0):
                continue
            out.append(self.text[pos : m.start()])
            src.extend(self.src[pos : m.start()])
            out.append(new)
            if len(new) == m.end() - m.start():
                src.extend(self.src[m.start() : m.end()])
            else:
                src.extend([self.src[m.start()]] * len(new))
            pos = m.end()
        if not out:
            return self
        out.append(self.text[pos:])
        src.extend(self.src[pos:])
        return _Tracked("".join(out), src)

    def split_lines(self) -> list[_Tracked]:
        parts, start = [], 0
        for i, ch in enumerate(self.text):
            if ch == "\n":
                parts.append(_Tracked(self.text[start:i], self.src[start:i]))
                start = i + 1
        parts.append(_Tracked(self.text[start:], self.src[start:]))
        return parts


# Characters half a CJK cell wide: ASCII, Latin, Greek, Cyrillic… and half-width forms.
_HALF_WIDTH = re.compile(r"[\x00-\xa0\u0100-\u10ff\uff61-\uffdc\uffe8-\uffee]")


def display_width(text: str) -> float:
    """Width in CJK character cells: ``display_width("2023年") == 3.0``."""
    return len(text) - 0.5 * len(_HALF_WIDTH.findall(text))


def ends_sentence(line: str) -> bool:
    """``ends_sentence("…司法实践。”") is True``; ``ends_sentence("执") is False``."""
    stripped = line.rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in TERMINAL


# -- invisible characters, entities, indents ---------------------------------------------------

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x0b\x85]")
_PAGE_BREAK = re.compile(r"\x0c")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\x00-\x08\x0e-\x1f\x7f]")
_ENTITY = re.compile(r"&(?:amp;)*(#\d{2,7}|#[xX][0-9a-fA-F]{2,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")
_INDENT = re.compile(r"^[ \t\u3000\xa0\u2002-\u200a]+|[ \t\u3000\xa0\u2002-\u200a]+$", re.M)
_INNER_BLANK = re.compile(r"[ \t\u3000\xa0\u2002-\u200a]{2,}|[\t\u3000\xa0\u2002-\u200a]")


def _unescape(t: _Tracked) -> _Tracked:
    def repl(m: re.Match) -> str:
        entity = f"&{m.group(1)};"
        plain = html.unescape(entity)
        return m.group(0) if plain == entity else plain

    return t.sub(_ENTITY, repl)


def unescape_entities(text: str) -> str:
    """Entities left in scraped text, double-escaped ones too:
    ``"&amp;ldquo;三类罪犯&rdquo;"`` → ``"“三类罪犯”"``."""
    return _unescape(_Tracked(text)).text


def _clean_controls(t: _Tracked) -> _Tracked:
    return t.sub(_NEWLINES, "\n").sub(_PAGE_BREAK, "\n\n").sub(_INVISIBLE, "")


# Pages that gloss characters with their reading, "敘州區(qū)人民法院", "執(zhí)行": the gloss
# (pinyin with a tone mark, in brackets right after a character) is no part of the text.
_PINYIN_GLOSS = re.compile(
    r"(?<=[\u4e00-\u9fff])[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]"
)


def _drop_pinyin_glosses(t: _Tracked) -> _Tracked:
    return t.sub(_PINYIN_GLOSS, "")


def _strip_indents(t: _Tracked) -> _Tracked:
    # Several blanks in a row inside a line are a layout gap ("最后    由审监庭"); keep one
    # space for collapse_spaces to judge.
    return t.sub(_INDENT, "").sub(_INNER_BLANK, " ")


def strip_indents(text: str) -> str:
    """Tab and full-width-space indents go, line endings become ``\\n``:
    ``"\\t\\u3000定西法院介绍\\r\\n"`` → ``"定西法院介绍\\n"``."""
    return _strip_indents(_clean_controls(_Tracked(text))).text


# -- full-width forms -------------------------------------------------------------------------

_FW_ALNUM = re.compile(r"[０-９Ａ-Ｚａ-ｚ]+")
_FW_NUMBER_PUNCT = re.compile(r"(?<=\d)％|(?<=\d)[．：／～－](?=\d)|(?<=\d)，(?=\d{3}(?!\d))")


def _to_halfwidth(t: _Tracked) -> _Tracked:
    t = t.sub(_FW_ALNUM, lambda m: unicodedata.normalize("NFKC", m.group(0)))
    return t.sub(_FW_NUMBER_PUNCT, lambda m: unicodedata.normalize("NFKC", m.group(0)))


def to_halfwidth(text: str) -> str:
    """Full-width digits and letters, and punctuation inside numbers, become half-width;
    Chinese punctuation elsewhere stays: ``"１２３６８热线，接通率９９．８％"`` →
    ``"12368热线，接通率99.8%"``."""
    return _to_halfwidth(_Tracked(text)).text


# -- spaces -----------------------------------------------------------------------------------

_SPACED_DIGITS = re.compile(r"(?<![\d.])\d(?: \d)+(?![\d.])")
_DIGIT_PERCENT = re.compile(r"(?<=\d) +(?=[%‰])")
_SPACE_RUN = re.compile(r"(?<=[^\s])( +)(?=[^\s])")


def _space_is_noise(a: str, b: str, left: str, right: str, wide_line: bool) -> bool:
    """Whether the spaces between ``a`` and ``b`` (ending token ``left``, starting token
    ``right``) are layout rather than a word break."""
    a_cjk, b_cjk = bool(_CJKISH.match(a)), bool(_CJKISH.match(b))
    if (a_cjk and b.isdigit()) or (a.isdigit() and b_cjk):
        return True  # "案件 325 件", "2023 年"
    if not (a_cjk and b_cjk):
        return False
    if a in SENTENCE_PUNCT or b in SENTENCE_PUNCT:
        return True  # "彩 ，没", "煌 。"
    if len(left) == 1 or len(right) == 1:
        return True  # letter-spaced: "呼 和 浩 特"
    # Inside a paragraph a space next to a bracket or between two long phrases is layout
    # ("本报讯 （记者…"); in a short line it separates the halves of a heading
    # ("实质化解行政争议 助推法治政府建设"), which stays.
    if not wide_line:
        return False
    return min(len(left), len(right)) >= 5 or not (_CJK.match(a) and _CJK.match(b))


def _noisy_spaces(text: str) -> set[int]:
    """Start offsets of the space runs to remove, judged line by line in one pass."""
    noisy, line_start = set(), 0
    for line in text.split("\n"):
        runs = list(_SPACE_RUN.finditer(line))
        if runs:
            wide = display_width(line) >= 40
            bounds = [0, *(x for m in runs for x in (m.start(), m.end())), len(line)]
            for i, m in enumerate(runs):
                left = line[bounds[2 * i] : m.start()]
                right = line[m.end() : bounds[2 * i + 3]]
                if _space_is_noise(line[m.start() - 1], line[m.end()], left, right, wide):
                    noisy.add(line_start + m.start())
        line_start += len(line) + 1
    return noisy


def _collapse_spaces(t: _Tracked) -> _Tracked:
    t = t.sub(_SPACED_DIGITS, lambda m: m.group(0).replace(" ", ""))
    t = t.sub(_DIGIT_PERCENT, "")
    # Removing a space lengthens tokens, which can change the next decision: iterate to the
    # fixed point so the whole pipeline stays idempotent.
    for _ in range(5):
        text = t.text
        noisy = _noisy_spaces(text)
        if not noisy:
            break
        t = t.sub(_SPACE_RUN, lambda m, noisy=noisy: "" if m.start() in noisy else " ")
        if t.text == text:
            break
    return t


def collapse_spaces(text: str) -> str:
    """Spaces between CJK characters and inside numbers go; one space between the two
    phrases of a short heading stays: ``"2 0 2 3 年，呼 和 浩 特 审结 1.39 万件"`` →
    ``"2023年，呼和浩特审结1.39万件"``."""
    return _collapse_spaces(_Tracked(text)).text


# -- line joining -----------------------------------------------------------------------------


def _wrap_width(widths: list[float]) -> float | None:
    """The column width of hard-wrapped text (newspaper PDF extraction), or None when lines
    are paragraphs. Wrapped text has most lines within a few cells of one width."""
    if len(widths) < 8:
        return None
    ordered = sorted(widths)
    width = ordered[int(0.75 * (len(ordered) - 1))]
    if not 6 <= width <= 60:
        return None
    near = sum(1 for w in widths if 0.8 * width <= w <= 1.1 * width)
    return width if near >= 0.4 * len(widths) else None


def _sidebars(lines: list[str], width: float) -> list[range]:
    """Runs of very short lines inside wrapped text: a narrow side column ("只有干出来的精"
    / "彩，没有等出来的辉" …), read as its own paragraphs. Captions (short lines that end a
    sentence, "庭审现场。") at the start of a run are not part of it."""
    short = max(12.0, 0.7 * width)
    found, i = [], 0
    while i < len(lines):
        j = i
        while j < len(lines) and display_width(lines[j]) <= short:
            j += 1
        start = i
        while start < j and ends_sentence(lines[start]):
            start += 1
        run = lines[start:j]
        if len(run) >= 6 and sum(not ends_sentence(s) for s in run) >= 0.5 * len(run):
            found.append(range(start, j))
        i = max(j, i + 1)
    return found


# A line ending where a figure must follow (a change verb, a count with the next count to
# come) and a next line opening with a number: one sentence cut by a PDF's line end.
_FIGURE_CUT = re.compile(
    r"(?:上升|增长|增加|提高|下降|减少|降低|为|达到?|共计?|累计|约|超过?"
    r"|\d ?(?:件|人|名|元|次|个|项|户|家|起|条|场|份|万|亿))$"
)
_FIGURE_RESUMES = re.compile(
    r"\d[\d.,]* ?(?:[万亿])? ?(?:个百分点|%|件|人|名|元|次|个|项|户|家|起|条|场|份|天|倍)"
)


def _continues(line: str, nxt: str, width: float | None) -> bool:
    """Whether ``nxt`` continues the paragraph that ``line`` is part of."""
    if ends_sentence(line) or MARKER.match(nxt) or BYLINE.match(nxt) or BULLET.match(nxt):
        return False
    if line.startswith("——"):
        return False  # a subtitle line: "——呼和浩特市中级人民法院2023年工作回眸"
    if line[-1] in OPENERS:
        return True
    if _FIGURE_CUT.search(line) and _FIGURE_RESUMES.match(nxt):
        return True  # a figure cut by the line end: "同比提高" / "1.5 个百分点", "12 件" / "106 人"
    # A line that fills the column continues ("执" / "行到位"); a shorter one is a heading
    # or the unpunctuated end of a block.
    return width is not None and display_width(line) >= 0.8 * width


def _join(t: _Tracked, raw: str) -> tuple[_Tracked, list[tuple[int, int]]]:
    lines = [line for line in t.split_lines() if line.text]
    texts = [line.text for line in lines]
    width = _wrap_width([display_width(s) for s in texts])
    blocks = _sidebars(texts, width) if width else []
    sidebar_of = {k: n for n, block in enumerate(blocks) for k in block}
    # Wrapped text whose paragraphs open with an indent ("　　二〇二五年…") says where they
    # start; that settles a line that happens to end with "。" at the column edge.
    indented = [
        0 < line.src[0] <= len(raw) and raw[line.src[0] - 1] in " \t\u3000\xa0" for line in lines
    ]
    by_indent = width is not None and 3 <= sum(indented) <= 0.6 * len(lines)

    out, src = [], []
    for k, line in enumerate(lines):
        out.append(line.text)
        src.extend(line.src)
        if k + 1 == len(lines):
            break
        if k in sidebar_of and k + 1 in sidebar_of:
            joined = sidebar_of[k] == sidebar_of[k + 1] and not ends_sentence(line.text)
        elif k in sidebar_of or k + 1 in sidebar_of:
            joined = False
        else:
            joined = _continues(line.text, texts[k + 1], width)
            if by_indent and indented[k + 1]:
                joined = False
            elif by_indent and ends_sentence(line.text) and not MARKER.match(texts[k + 1]):
                nxt_full = display_width(texts[k + 1]) >= 0.8 * width or ends_sentence(texts[k + 1])
                joined = display_width(line.text) >= 0.8 * width and nxt_full
        if not joined:
            out.append("\n")
            src.append(line.src[-1] + 1)
    bounds = [(lines[b.start].src[0], lines[b.stop - 1].src[-1]) for b in blocks]
    return _Tracked("".join(out), src), bounds


def join_lines(text: str) -> str:
    """Hard-wrapped lines become paragraphs, one per line. A line continues when it does not
    end a sentence and fills the column, or ends in ``，、：“``; blank lines inside a paragraph
    do not break it: ``"…执行到位涉黑恶财产11.03亿元，执\\n\\n行到位…"`` becomes one line."""
    return _join(_Tracked(text), text)[0].text


# -- Chinese numerals ---------------------------------------------------------------------------

_DIGIT = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0"}
_YEAR = re.compile(r"[〇零○一二三四五六七八九]{4}(?=年)")
_MONTH = re.compile(r"(?<=\d年)[一二三四五六七八九十]{1,3}(?=月)")
_DAY = re.compile(r"(?<=\d月)[一二三四五六七八九十]{1,3}(?=日)")
_MONTH_RANGE = re.compile(r"([一二三四五六七八九十]{1,3})至([一二三四五六七八九十]{1,3})(?=月)")
_PERCENT = re.compile(r"百分之([零〇一二两三四五六七八九十百点]+)")
_UNITS = "件|人|名|元|万元|亿元|起|项|个|次|家|户|份|条|场|余|多|批|期|所|类|例|宗|笔|位|处"
_QUANTITY = re.compile(
    r"(?<![第数几零〇一二两三四五六七八九十百千万亿])([一二两三四五六七八九十][零〇一二两三四五六七八九十百千]*)([万亿]?)"
    r"([零〇一二两三四五六七八九十百千]*)(?=" + _UNITS + ")"
)


def _cn_number(numeral: str) -> str:
    return str(chinese_numeral(numeral))


def _quantity(m: re.Match) -> str:
    head, big, tail = m.groups()
    numeral = m.group(0)
    if not re.search("[十百千万亿]", numeral) or (tail and not big):
        return numeral  # "五个方面" stays as written: digits only from 10 up
    try:
        if big and not tail:
            return _cn_number(head) + big  # "两万余人" → "2万余人", as the genre writes it
        return _cn_number(numeral)
    except ValueError:
        return numeral


def _convert_numerals(t: _Tracked) -> _Tracked:
    t = t.sub(_YEAR, lambda m: "".join(_DIGIT[c] for c in m.group(0)))
    t = t.sub(_MONTH, lambda m: _safe_number(m.group(0)))
    t = t.sub(_DAY, lambda m: _safe_number(m.group(0)))
    t = t.sub(_MONTH_RANGE, lambda m: f"{_safe_number(m.group(1))}至{_safe_number(m.group(2))}")
    t = t.sub(_PERCENT, lambda m: _safe_number(m.group(1), suffix="%", fallback=m.group(0)))
    # Names keep their numerals as written: 《…二十条措施》, “三个规定”.
    names = [m.span() for m in _NAME.finditer(t.text)]
    return t.sub(_QUANTITY, lambda m: m.group(0) if _within(names, m.start()) else _quantity(m))


# Titles and quoted names, whose numerals are part of the name.
_NAME = re.compile(r"《[^《》\n]{0,80}》|“[^“”\n]{0,40}”|「[^「」\n]{0,40}」")


def _within(spans: list[tuple[int, int]], pos: int) -> bool:
    index = bisect.bisect_right(spans, (pos, 1 << 62)) - 1
    return index >= 0 and spans[index][0] < pos < spans[index][1]


def _safe_number(numeral: str, suffix: str = "", fallback: str | None = None) -> str:
    if numeral == "百":
        return "100" + suffix  # 百分之百
    try:
        return _cn_number(numeral) + suffix
    except ValueError:
        return numeral if fallback is None else fallback


def convert_chinese_numerals(text: str) -> str:
    """Chinese numerals in year, date, percentage and quantity contexts become digits;
    ordinals and small counts stay: ``"二〇二五年，审结三千余件，占百分之九十，五个方面"`` →
    ``"2025年，审结3000余件，占90%，五个方面"``."""
    return _convert_numerals(_Tracked(text)).text


# -- the pipeline -------------------------------------------------------------------------------


def normalize_document(raw: str) -> NormalizedText:
    """The whole normalisation with its offset map: ``normalize_document("2 0 2 3 年").text
    == "2023年"``."""
    t = _clean_controls(_Tracked(raw))
    t = _unescape(t)
    t = _drop_pinyin_glosses(t)
    t = _strip_indents(t)
    t = _to_halfwidth(t)
    t = _collapse_spaces(t)
    t, aside_bounds = _join(t, raw)
    t = _collapse_spaces(t)
    t = _convert_numerals(t)
    return NormalizedText(t.text, tuple(t.src), _aside_spans(t, aside_bounds))


def _aside_spans(t: _Tracked, bounds: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    spans, start = [], 0
    for line in t.text.split("\n"):
        end = start + len(line)
        inside = any(low <= t.src[start] and t.src[end - 1] <= high for low, high in bounds)
        if line and inside:
            if spans and spans[-1][1] + 1 == start:
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
        start = end + 1
    return tuple(spans)


def normalize_text(raw: str) -> str:
    """``normalize_text("\\u3000\\u3000２０２３ 年\\r\\n") == "2023年"``."""
    return normalize_document(raw).text
