"""Requests carrying NUL characters.

A NUL (``%00``) reaches no view: PostgreSQL refuses it in any text value ("text fields cannot
contain NUL (0x00) bytes"), so a filter box that passed it on became a server error there while
SQLite answered. In query parameters it is dropped (``?q=%00`` reads as an empty search, as it does
on every other page); in the path nothing can match it, so the answer is a plain 400.
"""

from django.http import HttpResponseBadRequest

NUL = "\x00"


class DropNulCharacters:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if NUL in request.path:
            return HttpResponseBadRequest(
                "请求地址中含有无效字符 (the path contains a NUL character)",
                content_type="text/plain; charset=utf-8",
            )
        if any(NUL in key or NUL in value for key, value in _pairs(request.GET)):
            cleaned = request.GET.copy()
            for key in list(cleaned):
                values = [value.replace(NUL, "") for value in cleaned.getlist(key)]
                del cleaned[key]
                cleaned.setlist(key.replace(NUL, ""), values)
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)


def _pairs(query):
    for key, values in query.lists():
        for value in values:
            yield key, value
