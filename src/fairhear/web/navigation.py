"""The staff service navigation: one entry per area the signed-in user may use."""

from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.urls import reverse


def staff_navigation(user: User | AnonymousUser, path: str) -> list[dict[str, Any]]:
    entries: list[tuple[str, str]] = [("Home", reverse("staff-home"))]
    if user.has_perm("casework.view_cases"):
        entries.append(("Cases", reverse("casework:list")))
        entries.append(("Actions", reverse("casework:actions")))
        entries.append(("Ombudsman", reverse("casework:ombudsman")))
    if user.has_perm("casework.view_compliment"):
        entries.append(("Compliments", reverse("casework:compliments")))
    if user.has_perm("casework.manage_cases"):
        entries.append(("Costs", reverse("casework:costs")))
    if user.has_perm("casework.change_category") or user.has_perm("casework.change_practitioner"):
        entries.append(("Categories and people", reverse("casework:lists")))
    if user.has_perm("letters.change_lettertemplate"):
        entries.append(("Letters", reverse("letters:templates")))
    if user.has_perm("organisation.view_servicearea"):
        entries.append(("Organisation", reverse("organisation:list")))
    if user.has_perm("reports.view_report"):
        entries.append(("Reports", reverse("reports:report")))
    if user.has_perm("interchange.import_case_file"):
        entries.append(("Case file", reverse("interchange:home")))
    if user.has_perm("auth.change_user"):
        entries.append(("Staff", reverse("accounts:staff")))
    if user.has_perm("dataprotection.manage_retention"):
        entries.append(("Retention", reverse("dataprotection:retention")))
    entries.append(("Sign out", reverse("accounts:sign-out-confirm")))

    home = reverse("staff-home")
    # The deepest entry the page sits under is active: the Actions list, not Cases around it.
    under = [
        href for _, href in entries if path == href or (href != home and path.startswith(href))
    ]
    active = max(under, key=len, default=None)
    return [
        {"text": text, "href": href, "active": href == active, "current": path == href}
        for text, href in entries
    ]
