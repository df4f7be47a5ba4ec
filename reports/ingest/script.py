"""Traditional or simplified characters: detection and extraction read simplified text.

The patterns of ``metadata``, ``court``, ``sections`` and the extractors are written in
simplified characters; a report written in traditional characters is stored as written and read
through a simplified copy of the same length, so that offsets found in the copy point at the
same characters of the original.
"""

from __future__ import annotations

from functools import cache

# Common characters that exist only in traditional writing: a few of them mark a traditional
# text (a simplified text never contains them, so one stray quote cannot flip a document).
TRADITIONAL_ONLY = frozenset(
    "們個會來國過說時實現發經與為這後對學開點關業長當問應義動員種從區體進機電門議頭審執報"
)
# Variant forms OpenCC's table leaves as they are, seen in real reports: 陜西 (U+965C, for 陝/陕)
# in a traditional-character newspaper text.
VARIANTS = str.maketrans({"陜": "陕"})
SAMPLE = 5000
THRESHOLD = 3


def simplified(text: str) -> str:
    """A simplified-character copy of traditional text, else ``text`` itself (the same object):

    >>> simplified("審結執行案件，實現清零"), simplified("执行")
    ('审结执行案件，实现清零', '执行')

    The copy is returned only when it has the same length (OpenCC's character table maps one
    character to one), so offsets into it are offsets into ``text``."""
    if sum(1 for c in text[:SAMPLE] if c in TRADITIONAL_ONLY) < THRESHOLD:
        return _folded(text)
    converted = _folded(_converter().convert(text))
    return converted if len(converted) == len(text) else text


def simplified_line(line: str) -> str:
    """``simplified`` for one short line, whatever its share of traditional characters:
    ``simplified_line("編輯:柳夢歌")`` → ``"编辑:柳梦歌"`` (a line has too few characters to
    tell the script by counting)."""
    converted = _folded(_converter().convert(line))
    return converted if len(converted) == len(line) else line


def _folded(text: str) -> str:
    folded = text.translate(VARIANTS)
    return text if folded == text else folded


@cache
def _converter():
    import opencc

    return opencc.OpenCC("t2s")
