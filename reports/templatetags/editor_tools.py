"""What waits for editors, for the admin index."""

from django import template

from reports.models import Metric, Report

register = template.Library()


@register.simple_tag
def editor_queue():
    """{"unverified": 37, "drafts": 2} — counts shown next to the admin's editing tools."""
    return {
        "unverified": Metric.objects.unverified().count(),
        "drafts": Report.objects.drafts().count(),
    }
