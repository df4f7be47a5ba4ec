"""How the explorer and court pages write a figure in the unit of their table
(1.39 万件, 241.97 亿元), keeping the report's approximation (超, 近, 余, 以上, 约)."""

from django import template

from reports.templatetags.report_format import grouped_number, with_approx, yoy_words

register = template.Library()


@register.simple_tag
def scaled_value(metric, scale):
    """``Metric(13900, 件, 超)`` in 万件 → ``"超1.39"``; a change-only statement reads as
    its change in words (``"同比下降8.2%"``), never as a value."""
    if metric.value is None:
        return yoy_words(metric) or "—"
    return with_approx(grouped_number(scale.apply(metric.value)), metric.approx)
