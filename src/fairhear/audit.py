"""Who did it: the actor recorded on django-auditlog's entries for changes made by services."""

from collections.abc import Iterator
from contextlib import contextmanager

from auditlog.context import auditlog_value, set_actor
from django.contrib.auth.models import AbstractBaseUser


@contextmanager
def acting_as(user: AbstractBaseUser) -> Iterator[None]:
    """Record `user` as the actor of every audit log entry made inside the block.

    Services run from a web request (where auditlog's middleware has set the actor and the
    remote address), from the command line or from tests alike. auditlog's set_actor does not
    restore an enclosing actor when it exits, so this puts the request's context back.
    """
    enclosing = auditlog_value.get(None)
    try:
        with set_actor(user):
            yield
    finally:
        if enclosing is not None:
            auditlog_value.set(enclosing)
