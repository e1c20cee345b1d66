"""A password rule Django's own validators leave out."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError


class VarietyValidator:
    """Refuse a password of only a few different characters, such as "aaaaaaaaaaaa".

    Such a password meets the minimum length, is not in the list of common passwords, and
    is still among the first a guesser tries.
    """

    def __init__(self, min_different: int = 5) -> None:
        self.min_different = min_different

    def validate(self, password: str, user: AbstractBaseUser | None = None) -> None:
        if len(set(password)) < self.min_different:
            raise ValidationError(
                f"This password repeats too few characters: use at least "
                f"{self.min_different} different ones.",
                code="password_too_repetitive",
            )

    def get_help_text(self) -> str:
        return f"Your password must use at least {self.min_different} different characters."
