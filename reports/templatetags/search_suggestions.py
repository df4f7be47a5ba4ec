"""The names a search box offers as the reader types (``reports.search.autocomplete``)."""

from django import template

from reports.search.autocomplete import completer

register = template.Library()


@register.inclusion_tag("includes/search_suggestions.html")
def search_suggestions(list_id):
    """``<datalist id=list_id>`` of court names and initiatives: the browser filters it as
    the reader types, with no script; the page script refines it from ``/api/suggest``."""
    return {"list_id": list_id, "entries": completer().datalist()}
