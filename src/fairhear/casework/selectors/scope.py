"""Who sees which cases, and the case pages' reads of one case.

Who sees which cases is decided here and nowhere else:
- the complaints manager and officers (permission `casework.view_all_cases`) see every case;
- a service manager sees the cases of their own service areas (and of the areas whose work
  passed to theirs in a restructure), and the cases they are the responsible manager of;
- an investigator sees the cases they work on: as investigating officer, independent person
  or panel member (through their practitioner record), or assigned to them, until their
  appointment to the case is ended;
- anyone without `casework.view_cases` (report viewers) sees no case.
A case outside someone's scope is "not found" (404), so its existence is not leaked.
"""

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from fairhear.casework.models import (
    Attachment,
    CaseAssignment,
    CaseEvent,
    Contact,
    EndedAppointment,
    PanelMembership,
    Practitioner,
    Stage,
)
from fairhear.organisation.models import ServiceArea

AnyUser = User | AnonymousUser


def own_service_area_ids(user: AnyUser) -> set[int]:
    """The user's own service areas, with every area whose work has passed to one of them."""
    if not user.is_authenticated:
        return set()
    own = set(ServiceArea.objects.filter(staff__user=user).values_list("pk", flat=True))
    found, frontier = set(own), set(own)
    while frontier:
        earlier = set(
            ServiceArea.objects.filter(successor_id__in=frontier).values_list("pk", flat=True)
        )
        frontier = earlier - found
        found |= frontier
    return found


def cases_visible_to(user: AnyUser) -> QuerySet[Contact]:
    """Every contact the user may see (none for a role without case access)."""
    if not user.is_authenticated or not user.has_perm("casework.view_cases"):
        return Contact.objects.none()
    if user.has_perm("casework.view_all_cases"):
        return Contact.objects.all()
    areas, working_on = scope_of(user)
    # The few cases someone works on are read first, so the main query stays two index scans
    # (their service areas, and these) rather than an OR over subqueries.
    return Contact.objects.filter(Q(service_area__in=areas) | Q(pk__in=working_on))


def scope_of(user: User) -> tuple[list[int], list[int]]:
    """A user's own service areas and the cases they work on, read once per request (the
    request's user object keeps them)."""
    cached: tuple[list[int], list[int]] | None = getattr(user, "_casework_scope", None)
    if cached is not None:
        return cached
    practitioners = Practitioner.objects.filter(user=user).values("pk")
    working_on = (
        Stage.objects.filter(
            Q(investigating_officer__in=practitioners)
            | Q(independent_person__in=practitioners)
            | Q(responsible_manager=user)
        )
        .order_by()
        .values_list("contact_id", flat=True)
        .union(
            PanelMembership.objects.filter(practitioner__in=practitioners)
            .order_by()
            .values_list("stage__contact_id", flat=True),
            CaseAssignment.objects.filter(user=user).values_list("contact_id", flat=True),
        )
    )
    # An appointment that has ended gives no access, whichever way it was made.
    ended = EndedAppointment.objects.filter(user=user).values_list("contact_id", flat=True)
    scope = (sorted(own_service_area_ids(user)), sorted(set(working_on) - set(ended)))
    user._casework_scope = scope  # type: ignore[attr-defined]
    return scope


def get_case_for(user: AnyUser, reference: str) -> Contact:
    """The contact with this reference, if the user may see it; otherwise Http404."""
    try:
        return (
            cases_visible_to(user)
            .select_related("complainant", "service_area", "team")
            .get(reference=reference)
        )
    except Contact.DoesNotExist:
        raise Http404("No such case") from None


def case_with_details(user: AnyUser, reference: str) -> Contact:
    """A case with everything its page shows, read in a fixed number of queries."""
    contact = get_case_for(user, reference)
    stages = Stage.objects.select_related(
        "responsible_manager", "investigating_officer", "independent_person"
    ).prefetch_related(
        Prefetch(
            "panel_memberships",
            queryset=PanelMembership.objects.select_related("practitioner").order_by(
                "-is_chair", "practitioner__name"
            ),
        ),
        "category_outcomes__category",
    )
    return (
        Contact.objects.filter(pk=contact.pk)
        .select_related("complainant", "service_area", "team")
        .prefetch_related(
            Prefetch("stages", queryset=stages),
            "category_links__category",
            "ombudsman_cases",
            Prefetch(
                "assignments",
                queryset=CaseAssignment.objects.select_related("user").order_by("assigned", "pk"),
            ),
            "costs",
            "actions",
            Prefetch("attachments", queryset=Attachment.objects.select_related("uploaded_by")),
            Prefetch("events", queryset=CaseEvent.objects.select_related("by")),
        )
        .get()
    )


def get_attachment_for(user: AnyUser, reference: str, pk: int) -> Attachment:
    """A document of a case the user may see; otherwise Http404, as for the case itself."""
    contact = get_case_for(user, reference)
    try:
        return contact.attachments.get(pk=pk)
    except Attachment.DoesNotExist:
        raise Http404("No such document") from None
