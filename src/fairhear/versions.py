"""Which version of a record an edit form started from, for records with no version number.

Casework's contacts carry a version number; the smaller records edited on their own pages
(costs, learning actions, compliments, Ombudsman cases, categories, appointable people)
carry none. Their edit forms hold instead a digest of every stored value of the record as
it was shown; the service, holding the row's lock, refuses the save when the record's
digest is no longer the same, so a second save cannot overwrite the first without a word.
"""

import hashlib

from django.db.models import Model


def version_of(record: Model) -> str:
    """A digest of the record's stored values (changes whenever any of them does)."""
    values = "\x1f".join(
        f"{field.attname}={field.value_to_string(record)}" for field in record._meta.concrete_fields
    )
    return hashlib.sha256(values.encode()).hexdigest()[:32]


def is_current(record: Model, version: str | None) -> bool:
    """Whether the record is still the version the form showed. No version (None or empty)
    is no check: the command line, imports and scripts, which read the record as it is; the
    edit forms always send one."""
    return not version or version == version_of(record)
