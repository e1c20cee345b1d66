"""The `--user` option of the case file commands: who is recorded as having done it."""

from django.contrib.auth.models import User
from django.core.management.base import CommandError


def user_named(username: str | None) -> User | None:
    """The user called `username`, None when no name is given; an unknown name stops the
    command with one line."""
    if not username:
        return None
    try:
        return User.objects.get(username=username)
    except User.DoesNotExist:
        raise CommandError(f"There is no user called {username!r}.") from None
