"""Whoosh syntax for the query tree of ``reports.search.query``, weighted as ``ranking`` says.

User text only ever appears inside double quotes (single quotes for range ends), which Whoosh
hands to the field's analyzer as it is: no user input can become syntax.

    >>> compile_filter("year", ["2020..2023"])
    "(year:['2020' TO '2023'])"
"""

from __future__ import annotations

from types import SimpleNamespace

from reports.search.analysis import query_words
from reports.search.normalize import fold
from reports.search.ranking import CONTENT, CONTEXT, GRAMS, HEADING, WEIGHTS

# Parts that evaluate_search can switch off to measure what they bring.
switches = SimpleNamespace(grams=True)


def quoted(text: str) -> str:
    """User text as a Whoosh phrase: nothing inside double quotes is syntax but the quote."""
    return '"' + " ".join(text.replace('"', " ").split()) + '"'


def compile_query(parsed) -> str:
    """Whoosh syntax for a ``query.ParsedQuery`` (``*`` when nothing is required)."""
    parts = ["(" + " OR ".join(_word(w) for w in clause.words) + ")" for clause in parsed.must] or [
        "*"
    ]
    parts += [f"NOT {_word(w)}" for w in parsed.must_not]
    return " AND ".join(parts)


def _word(word) -> str:
    text = fold(word.text)
    grams = f"{GRAMS}:{quoted(text)}"
    if word.phrase:
        boost = f"{HEADING}:{quoted(text)}^{WEIGHTS[HEADING]} OR {CONTENT}:{quoted(text)}"
        return f"({grams} ANDMAYBE ({boost}^{WEIGHTS[CONTENT]}))"
    words = query_words(text)
    if not switches.grams and words:
        return "(" + " AND ".join(_token(w) for w in words) + ")"
    # A single character is no word (1.39万, 彦淖): only the grams field can say where it
    # stands, so the whole must appear as written.
    if not words or any(len(w) < 2 for w in words):
        # An initiative's name typed without its quotes or middle word (六个一工作法 for
        # “六个一”特色工作法) cuts into words and lone characters: when words carry most of it,
        # they may also stand apart, below the name as written.
        loose = _loose_name(text, words)
        return f"({grams}^{WEIGHTS[CONTENT]} OR {loose})" if loose else grams
    if len(words) == 1:
        return _token(words[0])
    # Readers rarely put spaces between words: 巴彦淖尔执行 needs 巴彦淖尔 (the court's
    # context) and 执行 (the body), each anywhere; written together scores more.
    each = " AND ".join(_token(w) for w in words)
    return f"(({each}) ANDMAYBE {grams}^{WEIGHTS[CONTENT]})"


def _loose_name(text: str, words: list[str]) -> str:
    """``六个一工作法`` as words anywhere (六个, 工作), each lone character beside one of its
    typed neighbours (个一 or 一工, 作法): a two-character gram is one term, no phrase. Lone
    characters that follow one another are one run that must appear as typed (两窗一委机制:
    两窗一委 anywhere, 机制 anywhere, for “两窗一委”便民服务机制). Only when words and runs carry
    most of the name; "" otherwise."""
    if not switches.grams or len(words) > 8:
        return ""
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
        return ""
    parts = []
    at = 0
    for segment, is_run in zip(segments, lone, strict=True):
        at = text.find(segment, at)
        if not is_run:
            parts.append(_token(segment))
        elif len(segment) >= 2:
            parts.append(f"{GRAMS}:{quoted(segment)}")
        elif at >= 0:
            pairs = [text[i : i + 2] for i in (at - 1, at) if 0 <= i and i + 2 <= len(text)]
            parts.append("(" + " OR ".join(f"{GRAMS}:{quoted(p)}" for p in pairs) + ")")
        at = max(at, 0) + len(segment)
    return "(" + " AND ".join(parts) + ")"


def _token(word: str) -> str:
    fields = [f"{field}:{quoted(word)}^{WEIGHTS[field]}" for field in (HEADING, CONTENT, CONTEXT)]
    if switches.grams:
        fields.append(f"{GRAMS}:{quoted(word)}^{WEIGHTS[GRAMS]}")
    return "(" + " OR ".join(fields) + ")"


def compile_filter(field: str, values) -> str:
    """Any of ``values`` in a keyword field; ``a..b`` is an inclusive range."""
    parts = []
    for value in values:
        low, dots, high = str(value).partition("..")
        if dots:
            # Whoosh quotes range ends with single quotes, not double.
            low, high = (f"'{v.replace(chr(39), '')}'" if v else "" for v in (low, high))
            parts.append(f"{field}:[{' '.join(filter(None, (low, 'TO', high)))}]")
        else:
            parts.append(f"{field}:{quoted(str(value))}")
    return "(" + " OR ".join(parts) + ")" if parts else ""
