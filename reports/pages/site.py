"""The web's conventions: robots.txt pointing at the sitemap, the favicon, the API page and
its OpenAPI description."""

import json
from functools import cache
from pathlib import Path

from django.http import HttpResponse
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_GET
from django.views.generic import RedirectView, TemplateView

OPENAPI = Path(__file__).with_name("openapi.json")


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        # Search result pages and the admin are no pages to index; the reports are.
        "Disallow: /admin/",
        "Disallow: /search/",
        "Disallow: /api/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


class FaviconView(RedirectView):
    """Browsers ask for /favicon.ico whatever the page links."""

    permanent = True

    def get_redirect_url(self, *args, **kwargs):
        return static("img/favicon.svg")


@cache
def openapi_description():
    return json.loads(OPENAPI.read_text(encoding="utf-8"))


@require_GET
def openapi_json(request):
    response = HttpResponse(
        json.dumps(openapi_description(), ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


class ApiPageView(TemplateView):
    template_name = "reports/api.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(paths=openapi_description()["paths"], **kwargs)
