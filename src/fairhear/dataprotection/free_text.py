"""Which fields of a record hold what someone wrote: the fields retention blanks and subject
access searches. The rule is "every text field without fixed choices", so a text field added
later is covered without a list to keep up to date."""

from collections.abc import Collection

from django.db import models


def free_text_fields(model: type[models.Model], *, except_: Collection[str] = ()) -> list[str]:
    """The names of `model`'s text fields without choices, other than `except_` (codes and
    keys stored as text)."""
    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and not field.choices
        and field.name not in except_
    ]
