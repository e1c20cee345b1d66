"""The council's lists: complaint categories, and the people it appoints (investigators,
independent people, panel members)."""

from django.contrib.auth.models import User
from django.db import transaction

from fairhear.audit import acting_as
from fairhear.casework.models import (
    Category,
    Practitioner,
)
from fairhear.casework.services.base import CaseworkError, check_current, require_text


def _category_name(name: str, *, other_than: Category | None = None) -> str:
    name = require_text(name, "Enter the category's name.")
    if len(name) > 200:
        raise CaseworkError("The category's name must be 200 characters or fewer.")
    taken = Category.objects.filter(name__iexact=name)
    if other_than is not None:
        taken = taken.exclude(pk=other_than.pk)
    if taken.exists():
        raise CaseworkError(f"There is already a category called {name}.")
    return name


def add_category(*, name: str, by: User) -> Category:
    """A new category the council's contacts can be put in."""
    with transaction.atomic(), acting_as(by):
        return Category.objects.create(name=_category_name(name))


def rename_category(
    category: Category, *, name: str, by: User, version: str | None = None
) -> Category:
    """Correct a category's name; contacts already in it show the new name."""
    with transaction.atomic(), acting_as(by):
        category = Category.objects.select_for_update().get(pk=category.pk)
        check_current(category, version, "category")
        category.name = _category_name(name, other_than=category)
        category.save()
    return category


def offer_category(category: Category, *, offered: bool, by: User) -> Category:
    """Offer a category for new contacts, or stop offering it. A category is never deleted:
    past contacts and reports keep it."""
    with transaction.atomic(), acting_as(by):
        category = Category.objects.select_for_update().get(pk=category.pk)
        category.active = offered
        category.save()
    return category


def record_practitioner(
    *,
    by: User,
    name: str,
    organisation: str = "",
    email: str = "",
    is_staff: bool = False,
    is_councillor: bool = False,
    user: User | None = None,
    practitioner: Practitioner | None = None,
    version: str | None = None,
) -> Practitioner:
    """Add someone who investigates, stands as independent person or sits on a panel, or
    correct their details (`practitioner` given). Appointments already made keep them.

    Their Fairhear sign-in (`user`), when given, lets them open the cases they are appointed
    to; one sign-in belongs to one person's record."""
    name = require_text(name, "Enter the person's name.")
    with transaction.atomic(), acting_as(by):
        if practitioner is None:
            practitioner = Practitioner()
        else:
            practitioner = Practitioner.objects.select_for_update().get(pk=practitioner.pk)
            check_current(practitioner, version, "person's record")
        if user is not None:
            other = Practitioner.objects.filter(user=user).exclude(pk=practitioner.pk).first()
            if other is not None:
                raise CaseworkError(
                    f"The sign-in {user.get_username()} is already {other.name}'s: "
                    "choose another, or remove it from their record first."
                )
        practitioner.user = user
        practitioner.name = name
        practitioner.organisation = organisation.strip()
        practitioner.email = email.strip()
        practitioner.is_staff = is_staff
        practitioner.is_councillor = is_councillor
        practitioner.save()
    return practitioner
