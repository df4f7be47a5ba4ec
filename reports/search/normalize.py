"""Text folding shared by indexing and querying, so that both sides meet on one form.

Traditional → simplified (OpenCC's character table), full-width → half-width, lowercase —
one ``str.translate`` that never changes the length of the text, so a character offset in
the folded text is the same offset in the text as written (highlighting relies on it).

    >>> fold("知識產權 １２３６８ ＡＢＣ ２７．７４％")
    '知识产权 12368 abc 27.74%'

Pure Python, no Django or Whoosh: the Elasticsearch path folds queries the same way.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

# Ideographs (with 〇) of the basic block, extension A, compatibility and the supplementary
# planes: what counts as Chinese text for analysis and query reading alike.
CJK_CHARS = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"


def _opencc_table() -> dict[int, str]:
    """Traditional → simplified, character by character, from OpenCC's own dictionary.

    OpenCC's phrase tables (乾隆 keeps 乾) would change lengths and cost 50× the time; for
    search, folding both sides the same way matters, not the perfect written form."""
    import opencc

    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        source, _, targets = line.partition("\t")
        target = targets.split(" ")[0] if targets else ""
        if len(source) == 1 and len(target) == 1 and source != target:
            table[ord(source)] = target
    return table


@lru_cache(maxsize=1)
def fold_table() -> dict[int, str]:
    table = _opencc_table()
    # Full-width ASCII block (！ … ～) → ASCII; the ideographic space → space.
    for code in range(0xFF01, 0xFF5F):
        table[code] = chr(code - 0xFEE0)
    table[0x3000] = " "
    # Lowercase last, so full-width capitals end as lowercase too.
    for code, char in list(table.items()):
        if "A" <= char <= "Z":
            table[code] = char.lower()
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = chr(code).lower()
    return table


def fold(text: str) -> str:
    """The search form of ``text``: same length, same offsets."""
    return text.translate(fold_table())
