from django import template

from fairhear.casework.models import Contact
from fairhear.letters.selectors import suggested_letter as _suggested_letter

register = template.Library()


@register.simple_tag
def suggested_letter(contact: Contact) -> str:
    """The letter the case's last step calls for, in words."""
    return _suggested_letter(contact).label
