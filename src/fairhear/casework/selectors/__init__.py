"""Every read of case data, scoped to the user asking. Views never build case querysets, and
forms take what they offer from here (`choices`).

Who sees which cases is decided in `scope`; the other modules read through it.
"""

from fairhear.casework.selectors.actions import (
    ACTION_FILTERS,
    actions_shown,
    actions_visible_to,
    get_action_for,
)
from fairhear.casework.selectors.audit import case_audit_trail, ombudsman_audit_trail, view_log
from fairhear.casework.selectors.cases import (
    OPEN_STATES,
    SORTS,
    STAGE_STATES,
    case_list,
    council_counts,
    dashboard_counts,
    end_of_week,
    filter_cases,
    likely_duplicates,
    unacknowledged,
)
from fairhear.casework.selectors.choices import (
    appointed_people,
    categories_offered,
    categories_with_use,
    every_category,
    independent_people,
    investigators_to_assign,
    managers,
    practitioners,
    sign_ins_for,
    viewers,
)
from fairhear.casework.selectors.dashboard import TodaysWork, WorkList, my_cases, todays_work
from fairhear.casework.selectors.ombudsman import (
    get_ombudsman_case_for,
    ombudsman_cases_visible_to,
    ombudsman_replies_due,
)
from fairhear.casework.selectors.scope import (
    AnyUser,
    case_with_details,
    cases_visible_to,
    get_attachment_for,
    get_case_for,
    own_service_area_ids,
)
from fairhear.casework.selectors.yearly import (
    CostTotal,
    compliment_service_areas,
    compliment_years,
    compliments_received,
    compliments_visible_to,
    cost_totals,
    cost_years,
    costs_between,
    financial_years_of,
    get_compliment_for,
)

__all__ = [
    "ACTION_FILTERS",
    "OPEN_STATES",
    "SORTS",
    "STAGE_STATES",
    "AnyUser",
    "CostTotal",
    "TodaysWork",
    "WorkList",
    "actions_shown",
    "actions_visible_to",
    "appointed_people",
    "case_audit_trail",
    "case_list",
    "case_with_details",
    "cases_visible_to",
    "categories_offered",
    "categories_with_use",
    "compliment_service_areas",
    "compliment_years",
    "compliments_received",
    "compliments_visible_to",
    "cost_totals",
    "cost_years",
    "costs_between",
    "council_counts",
    "dashboard_counts",
    "end_of_week",
    "every_category",
    "filter_cases",
    "financial_years_of",
    "get_action_for",
    "get_attachment_for",
    "get_case_for",
    "get_compliment_for",
    "get_ombudsman_case_for",
    "independent_people",
    "investigators_to_assign",
    "likely_duplicates",
    "managers",
    "my_cases",
    "ombudsman_audit_trail",
    "ombudsman_cases_visible_to",
    "ombudsman_replies_due",
    "own_service_area_ids",
    "practitioners",
    "sign_ins_for",
    "todays_work",
    "unacknowledged",
    "view_log",
    "viewers",
]
