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
from reports.search.query import RUN, WORD, loose_name
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
    """``query.loose_name``'s parts: a word as words of any field, a run as a gram phrase,
    a pair as either bigram (one gram term each, no phrase); "" when the name has none."""
    if not switches.grams:
        return ""
    rendered = []
    for kind, texts in loose_name(text, words):
        if kind == WORD:
            rendered.append(_token(texts[0]))
        elif kind == RUN:
            rendered.append(f"{GRAMS}:{quoted(texts[0])}")
        else:
            rendered.append("(" + " OR ".join(f"{GRAMS}:{quoted(p)}" for p in texts) + ")")
    return "(" + " AND ".join(rendered) + ")" if rendered else ""


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
