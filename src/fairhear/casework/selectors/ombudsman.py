"""Ombudsman cases, linked to a case or not."""

from django.db.models import QuerySet
from django.http import Http404

from fairhear.casework.models import OmbudsmanCase
from fairhear.casework.selectors.scope import AnyUser, cases_visible_to


def ombudsman_cases_visible_to(user: AnyUser) -> QuerySet[OmbudsmanCase]:
    """Ombudsman cases of visible contacts; unlinked ones only for the whole-council roles."""
    if not user.is_authenticated or not user.has_perm("casework.view_cases"):
        return OmbudsmanCase.objects.none()
    if user.has_perm("casework.view_all_cases"):
        return OmbudsmanCase.objects.all()
    return OmbudsmanCase.objects.filter(contact__in=cases_visible_to(user).values("pk"))


def get_ombudsman_case_for(user: AnyUser, lgsco_reference: str) -> OmbudsmanCase:
    """The Ombudsman case with this reference, if the user may see it; otherwise Http404."""
    try:
        return (
            ombudsman_cases_visible_to(user)
            .select_related("contact", "service_area", "team")
            .get(lgsco_reference=lgsco_reference)
        )
    except OmbudsmanCase.DoesNotExist:
        raise Http404("No such Ombudsman case") from None


def ombudsman_replies_due(user: AnyUser) -> QuerySet[OmbudsmanCase]:
    """Ombudsman enquiries the council has not answered yet, by due date."""
    return (
        ombudsman_cases_visible_to(user)
        .filter(council_replied__isnull=True, decided__isnull=True, received__isnull=False)
        .select_related("contact")
        .order_by("enquiry_due", "lgsco_reference")
    )
