"""Texts copied from a newspaper's or a site's Markdown: the markup says what is structure.

Newspaper apps and site exports hand out articles as Markdown, and editors paste them as they
are. Read as plain text, the markup ends up in the report: the front matter's ``title: "…"``
becomes the title line, ``**一、…**`` part headings keep their asterisks, and a ``> 本报记者…``
byline is not recognised as one. ``read_markdown`` turns such a document into plain lines and
keeps what the markup said:

- front matter (``---`` … ``---`` at the top): its ``title`` is the title, the block is dropped;
  so are ``key: value`` lines that open an export before its ``# title``;
- ``# …`` headings and whole-line ``**…**`` (or ``__…__``) lines are headings, without the marks;
  a level-one heading at the very top is the title when the front matter gave none;
- ``> `` quote marks, list marks, images and link targets are dropped, inline ``**bold**`` is
  unwrapped (a run-in lead stays part of its paragraph);
- the provenance line the project's corpus files open with (``# source: … | court: … | year:
  …``) is no text of the report, Markdown or not.
"""

from __future__ import annotations

import re
from dataclasses import replace

from reports.ingest.normalize import ends_sentence
from reports.ingest.types import DecodedDocument

PROVENANCE = re.compile(r"^\ufeff?#\s*source:.*\|.*$", re.I)
FRONT_MATTER = re.compile(r"^\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)", re.S)
_FRONT_TITLE = re.compile(r"^title\s*:\s*(.+?)\s*$", re.M | re.I)
ATX_HEADING = re.compile(r"^[ \t]{0,3}(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$")
BOLD_LINE = re.compile(r"^[ \t]*(\*\*|__)(?P<text>[^*_\n][^\n]*?)\1[ \t]*$")
_QUOTE = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+")
_LIST = re.compile(r"^[ \t]{0,3}[-*+][ \t]+(?=\S)")
_RULE = re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$")
_IMAGE = re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)")
_LINK = re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)")
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
# A plain-text report has none of these; one of them at the start of a line marks Markdown.
_MARKS = re.compile(r"^(?:#{1,6}[ \t]|>|\*\*|__)", re.M)


def strip_provenance(text: str) -> str:
    """``"# source: github:… | court: 某某法院 | year: 2016\\n正文"`` → ``"正文"``."""
    first, newline, rest = text.partition("\n")
    return rest if newline and PROVENANCE.match(first) else text


def looks_like_markdown(text: str) -> bool:
    """Front matter at the top, or heading, quote or bold marks at the start of a line."""
    return bool(FRONT_MATTER.match(text) or _MARKS.search(text[:20000]))


def read_markdown(document: DecodedDocument) -> DecodedDocument:
    """Markdown markup → plain lines, its title and headings kept as hints:

    >>> doc = read_markdown(DecodedDocument('---\\ntitle: "司法为民"\\n---\\n**一、服务大局**\\n正文。',
    ...                                     "utf-8", "txt"))
    >>> doc.text, doc.title_hint, doc.headings
    ('一、服务大局\\n正文。', '司法为民', ('一、服务大局',))
    """
    text = strip_provenance(document.text)
    if not looks_like_markdown(text):
        return replace(document, text=text) if text is not document.text else document
    title = document.title_hint
    front = FRONT_MATTER.match(text)
    if front:
        named = _FRONT_TITLE.search(front.group(1))
        if named and not title:
            title = named.group(1).strip().strip("\"'“”")
        text = text[front.end() :]
    raw_lines = text.split("\n")
    header = _header_before_title(raw_lines)
    if header:
        raw_lines = raw_lines[header:]
    lines, headings = [], list(document.headings)
    for raw in raw_lines:
        line = raw.rstrip("\r")
        if _RULE.match(line):
            continue
        line = _LIST.sub("", _QUOTE.sub("", line))
        atx = ATX_HEADING.match(line)
        bold = BOLD_LINE.match(line)
        if atx:
            line = _inline(atx.group(2))
            if atx.group(1) == "#" and not title and not any(s.strip() for s in lines):
                title = line
            else:
                headings.append(line)
        elif bold and not ends_sentence(bold.group("text")):
            line = _inline(bold.group("text"))
            headings.append(line)
        else:
            line = _inline(line)
        lines.append(line)
    return replace(
        document, text="\n".join(lines), title_hint=title, headings=tuple(h for h in headings if h)
    )


def _header_before_title(lines: list[str]) -> int:
    """Exports without front matter open with ``key: value`` lines and then the ``# title``
    ("版次: 头版" / "日期: 2025-11-19" / "来源: https://…" / "# 指引法治中国建设…"): the number of
    such lines to drop, 0 when the text does not open that way."""
    for k, line in enumerate(lines[:12]):
        if ATX_HEADING.match(line):
            return k
        if line.strip() and not _HEADER_FIELD.match(line):
            return 0
    return 0


_HEADER_FIELD = re.compile(r"^[ \t]*[\u4e00-\u9fffA-Za-z_ ]{1,12}[ \t]*[:：][ \t]*\S")


def _inline(text: str) -> str:
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    return _BOLD.sub(r"\2", text).strip()
