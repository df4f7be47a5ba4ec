"""Snippets: the best passage of a section with every matched term in ``<mark>``.

Chinese has no spaces to split a query on and jieba cuts a text differently from a query, so
matches are found as substrings of the folded text (``normalize.fold`` keeps offsets, so a
match in the folded text is a match in the text as written): 知識產權 in a query marks
知识产权, and 呼和浩特 is marked inside 呼和浩特市.

    >>> snippet("一、概况。呼和浩特市法院审结知识产权案件325件。", ["知識產權", "呼和浩特"], width=20)
    '…<mark>呼和浩特</mark>市法院审结<mark>知识产权</mark>案件325件。'
"""

from __future__ import annotations

import re
from html import escape

from reports.search.normalize import fold

SNIPPET_CHARS = 160
# A passage starts at a sentence boundary when one is this close before the first match.
SENTENCE_LOOKBACK = 40
SENTENCE_END = re.compile(r"[。！？；!?;\n]")


def find_spans(folded: str, terms) -> list[tuple[int, int, int]]:
    """(start, end, term number) of non-overlapping matches, longer terms first."""
    ordered = sorted({fold(t).strip() for t in terms if t and t.strip()}, key=len, reverse=True)
    taken = bytearray(len(folded))
    spans = []
    for number, term in enumerate(ordered):
        for match in re.finditer(re.escape(term), folded):
            start, end = match.span()
            if any(taken[start:end]):
                continue
            taken[start:end] = b"\x01" * (end - start)
            spans.append((start, end, number))
    spans.sort()
    return spans


def best_window(text: str, spans, width: int) -> tuple[int, int]:
    """The ``width`` characters showing the most distinct terms, then the most matches."""
    if not spans:
        return 0, min(len(text), width)
    best, best_key = spans[0][0], None
    for i, (start, _, _) in enumerate(spans):
        inside = [s for s in spans[i:] if s[1] <= start + width]
        key = (len({s[2] for s in inside}), len(inside), -start)
        if best_key is None or key > best_key:
            best, best_key = start, key
    # Open on the sentence the first match belongs to, when it starts close enough.
    lookback = text[max(best - SENTENCE_LOOKBACK, 0) : best]
    boundaries = list(SENTENCE_END.finditer(lookback))
    if boundaries:
        begin = best - len(lookback) + boundaries[-1].end()
    elif best <= SENTENCE_LOOKBACK:
        begin = 0
    else:
        begin = best - 10
    return begin, min(len(text), begin + width)


def snippet(text: str, terms, width: int = SNIPPET_CHARS) -> str:
    """HTML: the passage escaped, matches wrapped in ``<mark>``, "…" where text was cut."""
    text = text or ""
    spans = find_spans(fold(text), terms)
    begin, end = best_window(text, spans, width)
    while begin < end and text[begin].isspace():
        begin += 1
    parts = ["…"] if begin > 0 else []
    cursor = begin
    for start, stop, _ in spans:
        if start < begin or stop > end:
            continue
        parts += [escape(text[cursor:start]), "<mark>", escape(text[start:stop]), "</mark>"]
        cursor = stop
    parts.append(escape(text[cursor:end].rstrip()))
    if end < len(text.rstrip()):
        parts.append("…")
    return " ".join("".join(parts).split("\n")).replace("  ", " ")


def join_grams(words) -> str:
    """The text a phrase of CJK grams spells: ['司法', '法保', '保护', '护'] → 司法保护."""
    text = ""
    previous = ""
    for word in words:
        if len(previous) == 2 and word[:1] == previous[1:] and _is_cjk(previous):
            text += word[1:]
        else:
            text += word
        previous = word
    return text


def _is_cjk(text: str) -> bool:
    return all("\u3007" <= c <= "\U0003134f" and not c.isascii() for c in text)


def query_terms(query, grams_field: str = "cjk") -> list[str]:
    """The positive terms of a Whoosh query, as text to mark (negated parts are skipped)."""
    from whoosh import query as wq

    found = []

    def walk(node):
        if isinstance(node, wq.Not):
            return
        if isinstance(node, wq.Phrase):
            words = [str(w) for w in node.words]
            found.append(join_grams(words) if node.fieldname == grams_field else "".join(words))
            return
        if isinstance(node, wq.Term) and isinstance(node.text, str):
            found.append(node.text)
            return
        if isinstance(node, wq.AndNot):
            walk(node.a)
            return
        for child in node.children():
            walk(child)

    walk(query)
    return [t for t in dict.fromkeys(found) if t]
