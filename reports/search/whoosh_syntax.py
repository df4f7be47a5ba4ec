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
        return grams
    if len(words) == 1:
        return _token(words[0])
    # Readers rarely put spaces between words: 巴彦淖尔执行 needs 巴彦淖尔 (the court's
    # context) and 执行 (the body), each anywhere; written together scores more.
    each = " AND ".join(_token(w) for w in words)
    return f"(({each}) ANDMAYBE {grams}^{WEIGHTS[CONTENT]})"


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
