"""Who a client is, and how often it may search (``PORTAL_SEARCH_RATE``).

Every request to ``/search/`` or ``/api/`` counts against its client's window in the shared
cache (django-ratelimit's fixed windows: ``120/m``, ``10/s``); past the rate the answer is
HTTP 429 with ``Retry-After`` and a message in Chinese and English — JSON for the API, a page
for readers. Empty or ``0``: no limit.

Behind a reverse proxy every request comes from the proxy's address: ``PORTAL_PROXY_COUNT``
(the number of proxies in front, usually 1) makes the client the address that many hops from
the right of ``X-Forwarded-For``, which the proxy appends and a client cannot forge. The
admin login's lockout (django-axes) uses the same address.

With the default file cache, increments are not atomic: under a burst a client may get a
few requests past the rate before the 429s start. Redis or Memcached count exactly.
"""

from __future__ import annotations

import logging
import math

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django_ratelimit.core import get_usage

logger = logging.getLogger(__name__)

LIMITED_PATHS = ("/search/", "/api/")
MESSAGE = "请求过于频繁，请 {seconds} 秒后再试"
DETAIL = "too many requests: at most {rate} per client; retry in {seconds} s"


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.PORTAL_PROXY_COUNT
    if not proxies:
        return remote
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [a for a in forwarded if a]
    # The last ``proxies`` entries were added by our proxies; the one before is the client.
    return forwarded[-proxies] if len(forwarded) >= proxies else remote


class SearchRateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        rate = settings.PORTAL_SEARCH_RATE
        if rate and request.path.startswith(LIMITED_PATHS):
            try:
                usage = get_usage(request, group="search", key=ip_key, rate=rate, increment=True)
            except Exception:
                # A cache server that is down lets readers through rather than failing them.
                logger.warning("rate limit not applied: shared cache unavailable", exc_info=True)
                usage = None
            if usage and usage["should_limit"]:
                return too_many_requests(request, rate, usage["time_left"])
        return self.get_response(request)


def ip_key(group, request) -> str:
    return client_ip(request)


def too_many_requests(request, rate: str, time_left: int):
    seconds = max(1, math.ceil(time_left))
    message = MESSAGE.format(seconds=seconds)
    detail = DETAIL.format(rate=rate, seconds=seconds)
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {"error": f"{message} ({detail})"},
            status=429,
            json_dumps_params={"ensure_ascii": False},
        )
    else:
        context = {"message": message, "detail": detail, "seconds": seconds}
        response = render(request, "429.html", context, status=429)
    response["Retry-After"] = str(seconds)
    return response
