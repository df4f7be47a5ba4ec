"""Report-page filters: searched words marked in the text, citations."""

from django import template

from reports.pages.reading import citation, mark_sentence, mark_terms

register = template.Library()


@register.filter
def marked(text, terms):
    return mark_terms(text, terms)


@register.simple_tag
def paragraph_html(text, terms, figure=None):
    """A paragraph with the followed figure's sentence marked and anchored
    (``#figure-<id>``) if it holds it, else with the searched words marked."""
    if figure is not None:
        marked_sentence = mark_sentence(text, figure.evidence, f"figure-{figure.pk}")
        if marked_sentence:
            return marked_sentence
    return mark_terms(text, terms)


@register.simple_tag(takes_context=True)
def cite(context, report, section=None):
    """The citation of ``report`` (or of one of its sections) with this page's absolute URL."""
    url = context["request"].build_absolute_uri(report.get_absolute_url())
    if section is not None:
        url += f"#{section.anchor}"
    return citation(report, url, section)
