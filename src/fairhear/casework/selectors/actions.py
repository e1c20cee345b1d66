"""Learning actions, about a case or not."""

from datetime import date

from django.db.models import F, Q, QuerySet
from django.http import Http404

from fairhear.casework.models import LearningAction
from fairhear.casework.selectors.scope import AnyUser, cases_visible_to, scope_of


def actions_visible_to(user: AnyUser) -> QuerySet[LearningAction]:
    """Learning actions of visible cases, and those owned by the user's own service areas."""
    if not user.is_authenticated or not user.has_perm("casework.view_cases"):
        return LearningAction.objects.none()
    if user.has_perm("casework.view_all_cases"):
        return LearningAction.objects.all()
    areas, _ = scope_of(user)
    return LearningAction.objects.filter(
        Q(contact__in=cases_visible_to(user).values("pk"))
        | Q(owner_service_area__in=areas)
        | Q(owner_team__service_area__in=areas)
    )


def get_action_for(user: AnyUser, pk: int) -> LearningAction:
    """A learning action the user may see, with its case; otherwise Http404."""
    action = actions_visible_to(user).select_related("contact").filter(pk=pk).first()
    if action is None:
        raise Http404("No such action")
    return action


#: What the actions list can show (`?show=`), with the words of its filter.
ACTION_FILTERS = {"": "Not done", "overdue": "Overdue", "done": "Done"}


def actions_shown(user: AnyUser, show: str, today: date) -> QuerySet[LearningAction]:
    """The rows of the actions list: not done (those without a due date first, as they need
    one, then soonest due), only the overdue, or done (most recently completed first)."""
    actions = actions_visible_to(user).select_related("contact", "owner_team", "owner_service_area")
    if show == "done":
        return actions.filter(completed__isnull=False).order_by("-completed", "-pk")
    actions = actions.filter(completed__isnull=True)
    if show == "overdue":
        actions = actions.filter(due__lt=today)
    return actions.order_by(F("due").asc(nulls_first=True), "pk")
