""" "Did you mean": the known word one edit away from what a reader typed.

An edit is one character changed, added, dropped, or two neighbours swapped — the usual
slip on a Chinese keyboard is a homophone of one character (呼和浩持 for 呼和浩特). Known
words are the words of the index and the names of the courts, each with a weight (how many
sections use it).

Looking up every known word would cost time in proportion to the vocabulary (Whoosh's
``terms_within`` walks all terms: ~40 ms on a 20-section index). Instead, as in SymSpell,
every known word is filed under itself and each of its one-character deletions; two words
one edit apart always share such a form, so a lookup is a handful of dictionary reads
whatever the size of the vocabulary.

    >>> Speller([("呼和浩特", 9), ("巴彦淖尔", 5)]).correct("呼和浩持")
    ['呼和浩特']
    >>> Speller([("知识产权", 3)]).correct("知识产")
    ['知识产权']

Pure Python (no Django, no Whoosh): any backend can supply the words.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

MIN_CHARS = 2
# Past this length a typed string is a phrase, not a word: no correction is tried.
MAX_CHARS = 16


def deletions(word: str) -> set[str]:
    """The word with one character dropped, each way: 法院 → {法, 院}."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def one_edit_apart(a: str, b: str) -> bool:
    """One substitution, insertion, deletion or swap of neighbours turns ``a`` into ``b``."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        i = diff[0]
        return len(diff) == 2 and diff[1] == i + 1 and a[i] == b[i + 1] and a[i + 1] == b[i]
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


class Speller:
    def __init__(self, words: Iterable[tuple[str, int]]):
        """``words``: (word, weight) pairs; a word given twice keeps its largest weight."""
        self.weight: dict[str, int] = {}
        for word, weight in words:
            if MIN_CHARS <= len(word) <= MAX_CHARS:
                self.weight[word] = max(weight, self.weight.get(word, 0))
        self.by_form: dict[str, list[str]] = defaultdict(list)
        for word in self.weight:
            self.by_form[word].append(word)
            for form in deletions(word):
                if len(form) >= MIN_CHARS - 1:
                    self.by_form[form].append(word)

    def __len__(self) -> int:
        return len(self.weight)

    def __contains__(self, word: str) -> bool:
        return word in self.weight

    def correct(self, word: str, limit: int = 3) -> list[str]:
        """Known words one edit from ``word``: a changed character before an added or
        dropped one (the usual slip is a homophone), then the heaviest; [] for a known word."""
        if word in self.weight or not MIN_CHARS <= len(word) <= MAX_CHARS:
            return []
        candidates = set(self.by_form.get(word, ()))
        for form in deletions(word):
            candidates.update(self.by_form.get(form, ()))
        close = [c for c in candidates if len(c) >= MIN_CHARS and one_edit_apart(word, c)]
        close.sort(key=lambda c: (len(c) != len(word), -self.weight[c], c))
        return close[:limit]
