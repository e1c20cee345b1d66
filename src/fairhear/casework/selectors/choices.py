"""What the casework forms offer to choose from, and the council's categories."""

from django.contrib.auth.models import User
from django.db.models import Count, Q, QuerySet

from fairhear.accounts.roles import Role
from fairhear.casework.models import CaseAssignment, Category, Contact, Practitioner


def categories_with_use() -> QuerySet[Category]:
    """Every category, offered ones first, with how many contacts are in each."""
    return Category.objects.annotate(uses=Count("contact_links")).order_by("-active", "name")


def managers(*, former_too: bool = False) -> QuerySet[User]:
    """Service managers and complaints managers, by first name: those who can sign in, or
    (`former_too`) everyone who has had the role, to find the cases of a manager who left."""
    chosen = User.objects.filter(groups__name__in=[Role.SERVICE_MANAGER, Role.COMPLAINTS_MANAGER])
    if not former_too:
        chosen = chosen.filter(is_active=True)
    return chosen.distinct().order_by("first_name", "username")


def investigators_to_assign(contact: Contact) -> QuerySet[User]:
    """Investigators who can sign in and are not assigned to the case now, by name."""
    investigators = User.objects.filter(groups__name=Role.INVESTIGATOR, is_active=True)
    assigned = CaseAssignment.objects.filter(contact=contact).exclude(
        user__ended_appointments__contact=contact
    )
    return investigators.exclude(pk__in=assigned.values("user")).order_by(
        "first_name", "last_name", "username"
    )


def appointed_people(contact: Contact) -> QuerySet[User]:
    """Whoever sees the case because they work on it (named in a stage, on its panel or
    assigned to it), whose appointment has not ended, by name."""
    stages = contact.stages.all()
    practitioners = (
        set(stages.values_list("investigating_officer", flat=True))
        | set(stages.values_list("independent_person", flat=True))
        | set(stages.values_list("panel_memberships__practitioner", flat=True))
    ) - {None}
    managers = set(stages.values_list("responsible_manager", flat=True)) - {None}
    return (
        User.objects.filter(
            Q(practitioner_records__in=practitioners)
            | Q(pk__in=managers)
            | Q(case_assignments__contact=contact)
        )
        .exclude(ended_appointments__contact=contact)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def sign_ins_for(practitioner: Practitioner | None) -> QuerySet[User]:
    """The sign-ins an appointable person's record can be linked to: staff with a role who
    can sign in, and the one the record has already, even if it can no longer sign in."""
    staff = User.objects.filter(groups__isnull=False, is_active=True)
    if practitioner is not None and practitioner.user_id is not None:
        staff = staff | User.objects.filter(pk=practitioner.user_id)
    return staff.distinct().order_by("first_name", "last_name", "username")


def viewers() -> QuerySet[User]:
    """Everyone who has ever signed in, by name, so a departed colleague's views of cases
    can still be found in the view log."""
    return User.objects.filter(last_login__isnull=False).order_by(
        "first_name", "last_name", "username"
    )


def practitioners() -> QuerySet[Practitioner]:
    """Every appointable person: investigating officers, panel members and chairs."""
    return Practitioner.objects.all()


def independent_people() -> QuerySet[Practitioner]:
    """The appointable people who can be a Stage 2 independent person: council staff and
    councillors cannot (the service refuses them too)."""
    return Practitioner.objects.filter(is_staff=False, is_councillor=False)


def categories_offered(contact: Contact | None = None) -> QuerySet[Category]:
    """The categories a contact can be put in, by name: those offered today, and those the
    contact is in already (perhaps no longer offered)."""
    offered = Q(active=True)
    if contact is not None:
        offered |= Q(contact_links__contact=contact)
    return Category.objects.filter(offered).distinct().order_by("name")


def every_category() -> QuerySet[Category]:
    """Every category, withdrawn ones included (the case list filters past cases too)."""
    return Category.objects.all()
