from datetime import date

from django import template

from fairhear.core.dates import long_date as _long_date

register = template.Library()


@register.filter
def long_date(value: date) -> str:
    """A date as councils write it in letters: 8 January 2024."""
    return _long_date(value)
