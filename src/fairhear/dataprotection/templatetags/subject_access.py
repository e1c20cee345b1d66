from django import template
from django.db.models import QuerySet

from fairhear.dataprotection.models import SubjectAccessRequest
from fairhear.dataprotection.subject_access import open_requests

register = template.Library()


@register.simple_tag
def subject_access_to_answer() -> QuerySet[SubjectAccessRequest]:
    """Subject access requests not yet answered, soonest due first (for the dashboard)."""
    return open_requests()
