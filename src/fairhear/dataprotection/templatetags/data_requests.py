from django import template

from fairhear.dataprotection.rights import OpenRequest, requests_to_answer

register = template.Library()


@register.simple_tag
def data_requests_to_answer() -> list[OpenRequest]:
    """Requests about personal data not yet answered, soonest due first (for the dashboard)."""
    return requests_to_answer()
