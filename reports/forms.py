"""The search form: it declares and cleans a search's query-string parameters; running the
search is ``reports.search.page.search``'s job.

    form = SearchForm(request.GET)
    page = search(form.search_request())

Parameters: ``q`` (the query language of ``reports.search.query``), filters ``court``,
``province``, ``level``, ``year``, ``topic``, ``kind`` (each may repeat: values of one filter
are ORed, filters are ANDed; at most ``MAX_FILTER_VALUES`` each), ``report`` (search inside
one report), ``year_from``/``year_to`` (a range), ``sort`` (``relevance``, ``year`` or
``court``) and ``page``. Nothing here refuses a request: what cannot be understood becomes
the page's notice or error.
"""

from __future__ import annotations

from django import forms

from reports.search.labels import FILTER_FIELDS, YEAR_RANGE_KEYS
from reports.search.page import MAX_PAGE, SearchRequest, build_request

SORT_CHOICES = [("relevance", "按相关度"), ("year", "按年份"), ("court", "按法院")]


class SearchForm(forms.Form):
    q = forms.CharField(required=False, strip=True)
    sort = forms.ChoiceField(choices=SORT_CHOICES, required=False)
    page = forms.IntegerField(required=False, min_value=1)
    year_from = forms.CharField(required=False)
    year_to = forms.CharField(required=False)

    def __init__(self, data=None, **kwargs):
        super().__init__(data or {}, **kwargs)

    def values(self, key: str) -> list[str]:
        """Every value of a repeated parameter, stripped, empty ones dropped."""
        if hasattr(self.data, "getlist"):
            raw = self.data.getlist(key)
        else:
            raw = self.data.get(key, [])
            raw = list(raw) if isinstance(raw, list | tuple) else [raw]
        return [str(v).strip() for v in raw if v is not None and str(v).strip()]

    def clean_sort(self):
        return self.cleaned_data.get("sort") or "relevance"

    def clean_page(self):
        return min(self.cleaned_data.get("page") or 1, MAX_PAGE)

    def clean(self):
        cleaned = super().clean()
        filters = [(f, v) for f in FILTER_FIELDS for v in self.values(f)]
        low, high = (cleaned.get(k) or "" for k in YEAR_RANGE_KEYS)
        if low or high:
            filters.append(("year", f"{low.strip()}..{high.strip()}"))
        cleaned["filters"] = filters
        return cleaned

    def search_request(self, **switches) -> SearchRequest:
        """The request these parameters ask for. Invalid ``sort``/``page`` values fall back
        to their defaults (a link typed by hand still gives a page)."""
        self.is_valid()
        cleaned = self.cleaned_data
        params = [(key, value) for key in self.data for value in self.values(key)]
        return build_request(
            cleaned.get("q") or "",
            filters=cleaned["filters"],
            sort=cleaned.get("sort") or "relevance",
            page=cleaned.get("page") or 1,
            params=params,
            **switches,
        )
