"""Links on search pages: pagination windows and the search layer's query strings."""

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
