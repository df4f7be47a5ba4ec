"""Links on search pages: pagination windows and the search layer's query strings."""

import re
from urllib.parse import urlencode

from django import template

register = template.Library()


@register.filter
def page_window(current, pages, radius=2):
    """Page numbers to link, ``None`` for a gap: ``page_window(6, 20)`` →
    ``[1, None, 4, 5, 6, 7, 8, None, 20]``."""
    current, pages = int(current), int(pages)
    shown = {1, pages, *range(current - radius, current + radius + 1)}
    window = []
    for number in sorted(n for n in shown if 1 <= n <= pages):
        if window and number - window[-1] > 1:
            window.append(None)
        window.append(number)
    return window


@register.filter
def as_href(query_string):
    """The search layer gives bare query strings (``q=…&court=…``); links need ``?…``.
    An empty one means "no parameters left": the plain search page."""
    query_string = query_string or ""
    if query_string.startswith(("?", "/", "http://", "https://")):
        return query_string
    return f"?{query_string}"


@register.filter
def with_terms(url, query):
    """A result's link that tells the report page what to mark:
    ``with_terms("/reports/3/#section-2", "执行 兑现")`` → ``/reports/3/?q=执行+兑现#section-2``."""
    if not query:
        return url
    path, hash_mark, fragment = url.partition("#")
    joiner = "&" if "?" in path else "?"
    return f"{path}{joiner}{urlencode({'q': query})}{hash_mark}{fragment}"


# Messages are written "中文 (English detail)" for the API and the logs; pages show the Chinese.
ENGLISH_DETAIL = re.compile(r"\s*\([^()\u3400-\u9fff]*\)\s*$")


@register.filter
def in_chinese(message):
    """``in_chinese("查询中没有可以搜索的字词 (The query contains no searchable words.)")`` →
    ``查询中没有可以搜索的字词``; a message without an English detail is unchanged."""
    return ENGLISH_DETAIL.sub("", message or "") or message
