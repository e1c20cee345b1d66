"""The council's lists: complaint categories, the people it appoints (investigators,
independent people, panel members), and the answers its equality monitoring offers."""

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max

from fairhear.audit import acting_as
from fairhear.casework.models import (
    Category,
    EqualityOption,
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


def _equality_words(
    kind: str, group: str, label: str, *, other_than: EqualityOption | None = None
) -> tuple[str, str]:
    """The option's group and words, checked: an ethnic background needs its group, a gender
    has none, and no two options of a kind read the same."""
    label = require_text(label, "Enter the answer's words.")
    group = group.strip() if kind == EqualityOption.Kind.ETHNICITY else ""
    if kind == EqualityOption.Kind.ETHNICITY and not group:
        raise CaseworkError("Enter the ethnic group the background is asked under.")
    if len(label) > 100 or len(group) > 90:
        raise CaseworkError(
            "The answer's words must be 100 characters or fewer, its group 90 or fewer."
        )
    if ":" in group:
        raise CaseworkError("The group's name cannot contain a colon (“:”).")
    taken = EqualityOption.objects.filter(kind=kind, group__iexact=group, label__iexact=label)
    if other_than is not None:
        taken = taken.exclude(pk=other_than.pk)
    if taken.exists():
        raise CaseworkError(f"The list already offers {f'{group}: ' if group else ''}{label}.")
    return group, label


def add_equality_option(*, kind: str, label: str, by: User, group: str = "") -> EqualityOption:
    """A new answer offered for a gender, or an ethnic background (within `group`), last in
    its list."""
    if kind not in EqualityOption.Kind.values:
        raise CaseworkError("Choose gender or ethnic group.")
    with transaction.atomic(), acting_as(by):
        group, label = _equality_words(kind, group, label)
        last = EqualityOption.objects.filter(kind=kind).aggregate(last=Max("position"))["last"]
        return EqualityOption.objects.create(
            kind=kind, group=group, label=label, position=(last or 0) + 1
        )


def rename_equality_option(
    option: EqualityOption, *, label: str, by: User, group: str = "", version: str | None = None
) -> EqualityOption:
    """Correct an answer's words (and an ethnic background's group). Contacts keep the words
    they were recorded with, and are offered them still."""
    with transaction.atomic(), acting_as(by):
        option = EqualityOption.objects.select_for_update().get(pk=option.pk)
        check_current(option, version, "answer")
        option.group, option.label = _equality_words(option.kind, group, label, other_than=option)
        option.save()
    return option


def offer_equality_option(option: EqualityOption, *, offered: bool, by: User) -> EqualityOption:
    """Offer an answer on the forms again, or stop offering it; contacts with it keep it."""
    with transaction.atomic(), acting_as(by):
        option = EqualityOption.objects.select_for_update().get(pk=option.pk)
        option.in_use = offered
        option.save()
    return option
