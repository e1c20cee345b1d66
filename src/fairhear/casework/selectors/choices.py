"""The council's categories."""

from django.db.models import Count, QuerySet

from fairhear.casework.models import Category


def categories_with_use() -> QuerySet[Category]:
    """Every category, offered ones first, with how many contacts are in each."""
    return Category.objects.annotate(uses=Count("contact_links")).order_by("-active", "name")
