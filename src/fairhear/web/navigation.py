"""The staff service navigation: one entry per area the signed-in user may use, on one row.

The council's setup (its lists, organisation, case files and staff) shares one entry,
"Settings", whose page links to each of them; signing out is in the header, not the menu.
"""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.urls import reverse

AnyUser = User | AnonymousUser


@dataclass(frozen=True)
class SettingsPage:
    text: str
    href: str
    about: str


def settings_pages(user: AnyUser) -> list[SettingsPage]:
    """The parts of the council's setup the user may use, for the Settings page."""
    pages: list[SettingsPage] = []
    if user.has_perm("casework.change_category") or user.has_perm("casework.change_practitioner"):
        pages.append(
            SettingsPage(
                "Categories and people",
                reverse("casework:lists"),
                "The categories contacts are put in, and the investigators, independent "
                "people and panel members the council appoints.",
            )
        )
    if user.has_perm("letters.change_lettertemplate"):
        pages.append(
            SettingsPage(
                "Letters",
                reverse("letters:templates"),
                "The wording of the letters sent to complainants at each step, in standard "
                "and young people's versions, and the notices when a case moves on.",
            )
        )
    if user.has_perm("organisation.view_servicearea"):
        pages.append(
            SettingsPage(
                "Service areas and teams",
                reverse("organisation:list"),
                "How the council's services are arranged, and how they changed.",
            )
        )
    if user.has_perm("interchange.import_case_file"):
        pages.append(
            SettingsPage(
                "Case file",
                reverse("interchange:home"),
                "Import case records from another system, or export them all.",
            )
        )
    if user.has_perm("auth.change_user"):
        pages.append(
            SettingsPage(
                "Staff",
                reverse("accounts:staff"),
                "Staff accounts, their roles and the service areas they look after.",
            )
        )
    if user.has_perm("dataprotection.manage_retention"):
        pages.append(
            SettingsPage(
                "Retention and subject access",
                reverse("dataprotection:retention"),
                "How long complaint records are kept, legal holds, anonymising what the "
                "schedule makes due, and people's requests for their data.",
            )
        )
    return pages


def staff_navigation(user: AnyUser, path: str) -> list[dict[str, Any]]:
    # Each entry: its text, its address, and the addresses of the pages it stands for.
    entries: list[tuple[str, str, list[str]]] = [("Home", reverse("staff-home"), [])]
    if user.has_perm("casework.view_cases"):
        entries.append(("Cases", reverse("casework:list"), []))
        entries.append(("Actions", reverse("casework:actions"), []))
        entries.append(("Ombudsman", reverse("casework:ombudsman"), []))
    if user.has_perm("casework.view_compliment"):
        entries.append(("Compliments", reverse("casework:compliments"), []))
    if user.has_perm("casework.manage_cases"):
        entries.append(("Costs", reverse("casework:costs"), []))
    if user.has_perm("reports.view_report"):
        entries.append(("Reports", reverse("reports:report"), []))
    setup = settings_pages(user)
    if setup:
        entries.append(("Settings", reverse("staff-settings"), [page.href for page in setup]))

    home = reverse("staff-home")

    def under(href: str) -> bool:
        return path == href or (href != home and path.startswith(href))

    # The deepest entry the page sits under is active: the Actions list, not Cases around it.
    depth = {
        href: max((len(h) for h in [href, *grouped] if under(h)), default=0)
        for _, href, grouped in entries
    }
    active = max(depth, key=lambda href: depth[href]) if any(depth.values()) else None
    return [
        {"text": text, "href": href, "active": href == active, "current": path == href}
        for text, href, _ in entries
    ]
