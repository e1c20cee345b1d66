"""Staff roles: each is a Django group with a clear name and a fixed set of permissions.

The permissions here say which kinds of page a role may use; which cases a user may see
within them is decided by each app's selectors (for example, a service manager sees only
their own service areas' cases).
"""

from enum import StrEnum

from django.contrib.auth.models import AnonymousUser, User


class Role(StrEnum):
    COMPLAINTS_MANAGER = "Complaints manager"
    COMPLAINTS_OFFICER = "Complaints officer"
    SERVICE_MANAGER = "Service manager"
    INVESTIGATOR = "Investigator"
    REPORT_VIEWER = "Report viewer"


# Permission codenames ("app_label.codename") granted to each role.
ROLE_PERMISSIONS: dict[Role, frozenset[str]] = {
    Role.COMPLAINTS_MANAGER: frozenset(
        {
            "organisation.view_servicearea",
            "organisation.add_servicearea",
            "organisation.change_servicearea",
            "organisation.view_team",
            "organisation.add_team",
            "organisation.change_team",
            "auditlog.view_logentry",
            "auth.add_user",
            "auth.change_user",
            "interchange.import_case_file",
            "casework.view_cases",
            "casework.view_all_cases",
            "casework.manage_cases",
            "casework.respond_stage_one",
            "casework.view_audit",
            "casework.add_category",
            "casework.change_category",
            "casework.add_equalityoption",
            "casework.change_equalityoption",
            "casework.add_practitioner",
            "casework.change_practitioner",
            "casework.view_compliment",
            "reports.view_report",
            "reports.change_contextfigure",
            "letters.change_lettertemplate",
            "dataprotection.manage_retention",
        }
    ),
    Role.COMPLAINTS_OFFICER: frozenset(
        {
            "organisation.view_servicearea",
            "organisation.view_team",
            "casework.view_cases",
            "casework.view_all_cases",
            "casework.manage_cases",
            "casework.respond_stage_one",
            "casework.add_practitioner",
            "casework.change_practitioner",
            "casework.view_compliment",
            "reports.view_report",
        }
    ),
    Role.SERVICE_MANAGER: frozenset(
        {
            "organisation.view_servicearea",
            "organisation.view_team",
            "casework.view_cases",
            "casework.respond_stage_one",
            "casework.view_compliment",
        }
    ),
    Role.INVESTIGATOR: frozenset({"casework.view_cases"}),
    Role.REPORT_VIEWER: frozenset(
        {"organisation.view_servicearea", "organisation.view_team", "reports.view_report"}
    ),
}


def roles_of(user: User | AnonymousUser) -> list[Role]:
    """The roles a user holds, in the order of the Role enum."""
    if not user.is_authenticated:
        return []
    names = set(user.groups.values_list("name", flat=True))
    return [role for role in Role if role.value in names]


# The page each role starts on after signing in, most senior role first.
_LANDING_PAGES: dict[Role, str] = {
    Role.COMPLAINTS_MANAGER: "staff-home",
    Role.COMPLAINTS_OFFICER: "staff-home",
    Role.SERVICE_MANAGER: "staff-home",
    Role.INVESTIGATOR: "staff-home",
    Role.REPORT_VIEWER: "reports:report",
}


def landing_url_name(user: User | AnonymousUser) -> str:
    for role in roles_of(user):
        return _LANDING_PAGES[role]
    return "staff-home"
