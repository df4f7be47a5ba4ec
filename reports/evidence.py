"""Evidence for editors: where a figure or a name was found, marked in the text.

Report text is escaped piece by piece with ``format_html``; nothing from a report is ever
marked safe as it stands.
"""

from django.utils.html import format_html, format_html_join


def highlight_figure(evidence: str, raw: str, around: int | None = None):
    """The evidence sentence with the figure in <mark>, all text escaped:
    ("审结案件325件。", "325件") → "审结案件<mark>325件</mark>。". With ``around``, only that
    many characters either side are kept (long sentences list a dozen figures)."""
    at = evidence.find(raw) if raw else -1
    if at < 0:
        return format_html("{}", evidence if around is None else evidence[: 2 * around] + "…")
    before, after = evidence[:at], evidence[at + len(raw) :]
    if around is not None:
        before = ("…" + before[-around:]) if len(before) > around else before
        after = (after[:around] + "…") if len(after) > around else after
    return format_html("{}<mark>{}</mark>{}", before, raw, after)


def highlighted_source(text: str, parsed) -> str:
    """The normalised text with every metric and initiative marked where the parser found it
    and a § marker where each section starts; escaped piece by piece."""
    spans = []
    for number, m in enumerate(parsed.metrics, 1):
        spans.append((_locate(text, m.raw, m.start), len(m.raw), "fig", f"m-{number}", m.label))
    for number, i in enumerate(parsed.initiatives, 1):
        spans.append((_locate(text, i.name, i.start), len(i.name), "ini", f"i-{number}", ""))
    spans = sorted(s for s in spans if s[0] >= 0)
    starts = sorted((s.start, s.order) for s in parsed.sections)
    pieces, pos = [], 0

    def emit_until(limit):
        nonlocal pos
        while starts and starts[0][0] <= limit:
            at, order = starts.pop(0)
            if at > pos:
                pieces.append(format_html("{}", text[pos:at]))
                pos = at
            pieces.append(format_html('<span class="sec-mark" id="src-s-{0}">§{0}</span>', order))
        if limit > pos:
            pieces.append(format_html("{}", text[pos:limit]))
            pos = limit

    for start, length, css, anchor, title in spans:
        if start < pos:  # overlaps the previous mark: the first one wins
            continue
        emit_until(start)
        pieces.append(
            format_html(
                '<mark class="{}" id="{}" title="{}">{}</mark>',
                css,
                anchor,
                title,
                text[start : start + length],
            )
        )
        pos = start + length
    emit_until(len(text))
    return format_html_join("", "{}", ((p,) for p in pieces))


def _locate(text, needle, start):
    """Trust the parser's offset when it points at the figure, else the nearest occurrence."""
    if not needle:
        return -1
    if text[start : start + len(needle)] == needle:
        return start
    found = text.find(needle, max(start - 200, 0))
    return found if found >= 0 else text.find(needle)
