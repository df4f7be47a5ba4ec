"""Chinese analysis for the Whoosh index: jieba words for precision, CJK grams for recall.

Two analyzers, both over ``normalize.fold``-ed text (so 知識產權 meets 知识产权 and
１２３６８ meets 12368):

``ChineseAnalyzer`` (fields ``text``, ``heading``, ``context``) segments with jieba and gives
each word its own position, so quoted phrases match. At index time it also emits every
dictionary word inside a longer word at that word's position: jieba's search mode never emits
a 4-character word inside a longer one, so 呼和浩特市 alone would not answer 呼和浩特.

``CJKGramAnalyzer`` (field ``cjk``) emits, for each CJK character, the bigram that starts
there and the character itself, one position per character. A query turns into a phrase of
bigrams, which matches exactly where the text contains the query as a substring — 浩特, 彦淖,
a single 院 — whatever jieba made of the text. Quotation and title marks inside a sentence do
not break the chain (“六个一”特色工作法 is found as 六个一特色工作法).

    >>> [t.text for t in ChineseAnalyzer()("呼和浩特市法院", mode="index")][:3]
    ['呼和浩特市', '呼和浩特', '浩特']
    >>> [t.text for t in CJKGramAnalyzer()("彦淖尔", mode="query")]
    ['彦淖', '淖尔']

No stemming, no stop words: Whoosh would analyse every text twice for a filter that means
nothing for Chinese. The user dictionary (court names, places, legal terms) is loaded once per
process; an index built with another dictionary answers badly, so its fingerprint is stored
beside the index (``backend``) and ``manage.py build_index`` rebuilds.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import threading
from pathlib import Path

import jieba
from whoosh.analysis import Token, Tokenizer

from reports.search.normalize import CJK_CHARS, fold

logger = logging.getLogger(__name__)

# Bump when tokens change for the same dictionary: the fingerprint then asks for a rebuild.
ANALYZER_VERSION = "2"

RUN_RE = re.compile(rf"(?P<cjk>[{CJK_CHARS}]+)|(?P<num>[0-9]+(?:\.[0-9]+)?%?)|(?P<word>[a-z]+)")
CJK_RE = re.compile(rf"[{CJK_CHARS}]")
# Marks around a name inside a sentence (not punctuation that ends a phrase).
INLINE_MARKS_RE = re.compile(r"[“”‘’「」『』《》〈〉\"']{1,2}")

# Emit dictionary words found inside longer words (switched off only to measure what it brings,
# see ``manage.py evaluate_search --without subwords``).
EMIT_SUBWORDS = True

# Drop a query's redundant last gram (switched off only to measure the old query shape).
DROP_FINAL_GRAM = True

# Frequency given to user-dictionary words jieba does not know: enough that a court name or
# a legal term stays one word, not so much that it steals characters from its neighbours.
USER_WORD_FREQ = 2000

PROVINCE_SUFFIXES = ("壮族自治区", "回族自治区", "维吾尔自治区", "特别行政区", "自治区", "省", "市")
CITY_SUFFIXES = ("自治州", "地区", "市", "盟")


def _settings_path(name: str, default: str) -> Path:
    from django.conf import settings

    base = Path(__file__).resolve().parents[2]
    if settings.configured:
        return Path(getattr(settings, name, base / default))
    return base / default


def _strip_suffix(name: str, suffixes) -> str:
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def court_words(path: Path) -> set[str]:
    """Names, short names, aliases, cities and provinces of the court directory; a missing or
    unreadable file gives none (jieba's own dictionary and the bigram field still work)."""
    try:
        courts = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        logger.warning("court directory %s not read for the search dictionary: %s", path, exc)
        return set()
    if isinstance(courts, dict):
        courts = courts.get("courts", [])
    words = set()
    for court in courts:
        if not isinstance(court, dict):
            continue
        name = court.get("name") or ""
        province = court.get("province") or ""
        city = court.get("city") or ""
        words.update([name, court.get("short_name") or "", *(court.get("aliases") or ())])
        words.update([province, _strip_suffix(province, PROVINCE_SUFFIXES)])
        words.update([city, _strip_suffix(city, CITY_SUFFIXES)])
        # The district or county of a basic court: 呼和浩特市新城区人民法院 → 新城区.
        local = name.removeprefix(province).removeprefix(city).removesuffix("人民法院")
        if 2 <= len(local) <= 8 and local != name:
            words.add(local)
    return {w for w in words if len(w) >= 2}


def legal_terms(path: Path) -> set[str]:
    """One term a line; ``#`` starts a comment; a second column (jieba's frequency) is ignored."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        logger.warning("legal terms %s not read for the search dictionary: %s", path, exc)
        return set()
    terms = set()
    for line in lines:
        term = line.split("#", 1)[0].strip().split(" ")[0]
        if len(term) >= 2:
            terms.add(term)
    return terms


def user_words() -> list[str]:
    words = court_words(_settings_path("PORTAL_COURTS_FILE", "fixtures/courts.json"))
    words |= legal_terms(_settings_path("PORTAL_LEGAL_TERMS_FILE", "fixtures/legal_terms.txt"))
    return sorted({fold(w) for w in words})


class Dictionary:
    """jieba with the user words, built once per process on first use (thread-safe)."""

    def __init__(self, words: list[str]):
        self.words = words
        self.fingerprint = hashlib.sha256(
            "\n".join([ANALYZER_VERSION, jieba.__version__, *words]).encode()
        ).hexdigest()[:16]
        jieba.setLogLevel(logging.WARNING)
        self.jieba = jieba.Tokenizer()
        self.jieba.initialize()
        for word in words:
            self.jieba.add_word(word, freq=max(self.jieba.FREQ.get(word, 0), USER_WORD_FREQ))
        self.freq = self.jieba.FREQ

    def cut(self, text: str) -> list[str]:
        # No HMM: unknown words stay single characters on both sides, so a query is cut the
        # way the text was; the bigram field finds new words.
        return self.jieba.lcut(text, HMM=False)

    def split(self, word: str) -> list[str]:
        """``word`` covered by shorter dictionary words, longest first from the left, or []
        when no such cover exists: 失信被执行人 → ['失信', '被执行人']."""
        parts, i = [], 0
        while i < len(word):
            for j in range(len(word) - (i == 0), i + 1, -1):
                if self.freq.get(word[i:j]):
                    parts.append(word[i:j])
                    i = j
                    break
            else:
                return []
        return parts if len(parts) > 1 else []

    def subwords(self, word: str) -> list[tuple[int, str]]:
        """Dictionary words strictly inside ``word``, with their offsets."""
        found = []
        size = len(word)
        for i in range(size):
            for j in range(i + 2, size + 1):
                if j - i < size and self.freq.get(word[i:j]):
                    found.append((i, word[i:j]))
        return found


_dictionary: Dictionary | None = None
_dictionary_lock = threading.Lock()


def get_dictionary() -> Dictionary:
    global _dictionary
    if _dictionary is None:
        with _dictionary_lock:
            if _dictionary is None:
                _dictionary = Dictionary(user_words())
    return _dictionary


def reset_dictionary() -> None:
    """Forget the loaded dictionary (tests, or after editing the word lists)."""
    global _dictionary
    with _dictionary_lock:
        _dictionary = None


def dictionary_fingerprint() -> str:
    return get_dictionary().fingerprint


def runs(text: str):
    """(kind, start, text) for each CJK run, number (27.74%) and Latin word of folded text."""
    for match in RUN_RE.finditer(text):
        yield match.lastgroup, match.start(), match.group()


class _BaseTokenizer(Tokenizer):
    """Whoosh calls analyzers with ``tokenize=False`` for wildcards, prefixes and ranges: the
    whole value must then come back as one token (jieba's ChineseAnalyzer drops it, and every
    match-all query found nothing)."""

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs,
    ):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        text = fold(value)
        if not tokenize:
            token.original = token.text = text
            token.boost = 1.0
            token.pos = start_pos
            token.startchar, token.endchar = start_char, start_char + len(value)
            yield token
            return
        pos = start_pos
        for term, offset, size, posinc in self._terms(text, mode == "query"):
            pos += posinc
            token.text = term
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = value[offset : offset + size]
            token.pos = pos
            token.startchar = start_char + offset
            token.endchar = start_char + offset + size
            yield token

    def _terms(self, text, query):
        """(term, offset, length, position increment) tuples; the first increment is 0."""
        raise NotImplementedError


class ChineseTokenizer(_BaseTokenizer):
    def _terms(self, text, query):
        dictionary = get_dictionary()
        posinc = 0
        for kind, start, run in runs(text):
            if kind != "cjk":
                yield run, start, len(run), posinc
                if run.endswith("%") and not query:
                    yield run[:-1], start, len(run) - 1, 0
                posinc = 1
                continue
            offset = start
            for word in dictionary.cut(run):
                yield word, offset, len(word), posinc
                posinc = 1
                if not query and len(word) > 2 and EMIT_SUBWORDS:
                    for inner, sub in dictionary.subwords(word):
                        yield sub, offset + inner, len(sub), 0
                offset += len(word)


class CJKGramTokenizer(_BaseTokenizer):
    def _terms(self, text, query):
        posinc = 0
        previous_end = None  # where the previous CJK run ended
        found = list(runs(text))
        for number, (kind, start, run) in enumerate(found):
            if (
                not query
                and kind == "cjk"
                and previous_end is not None
                and INLINE_MARKS_RE.fullmatch(text[previous_end:start])
            ):
                # Quotation and title marks do not end a word: readers type 六个一特色工作法
                # for “六个一”特色工作法 and 阅核制度 for “阅核”制度. The bigram across the
                # mark sits where its first character does, so a query phrase runs on.
                yield (
                    text[previous_end - 1] + run[0],
                    previous_end - 1,
                    start + 2 - previous_end,  # from the last character to the first
                    0,
                )
            previous_end = start + len(run) if kind == "cjk" else None
            if kind != "cjk":
                yield run, start, len(run), posinc
                if run.endswith("%") and not query:
                    yield run[:-1], start, len(run) - 1, 0
                posinc = 1
                continue
            last = len(run) - 1
            for i, char in enumerate(run):
                if i < last:
                    yield run[i : i + 2], start + i, 2, posinc
                    posinc = 0
                # A query needs one term per position (Whoosh phrases check that each term
                # follows the previous one); the text carries both, at the same position.
                # The query's very last character is redundant after the bigram ending with
                # it (执行 is the term 执行, not the phrase 执行 行, which cost a span walk
                # over every hit); before anything else it keeps the positions consecutive.
                final = (
                    DROP_FINAL_GRAM and query and i == last and last and number == len(found) - 1
                )
                if (not query or i == last) and not final:
                    yield char, start + i, 1, posinc
                posinc = 1


def ChineseAnalyzer():  # noqa: N802 (named like Whoosh's analyzer factories)
    return ChineseTokenizer()


def CJKGramAnalyzer():  # noqa: N802
    return CJKGramTokenizer()


def query_words(text: str) -> list[str]:
    """The jieba words of a query, as the ``text`` field sees them.

    >>> query_words("知識產權保護")
    ['知识产权', '保护']
    """
    return [t.text for t in ChineseTokenizer()(text, mode="query")]


def has_cjk(text: str) -> bool:
    return bool(CJK_RE.search(text))
