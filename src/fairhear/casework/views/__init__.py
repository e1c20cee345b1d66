"""The casework pages, by family. Thin: read through the selectors, write through the
services.

A case outside the user's scope is 404 (selectors.get_case_for); a page their role may not
use is 403.
"""

from fairhear.casework.views.actions import (
    action_list,
    add_action,
    change_action,
    complete_action,
)
from fairhear.casework.views.compliments import (
    add_compliment,
    compliment_list,
    correct_compliment,
)
from fairhear.casework.views.contacts import (
    case_detail,
    case_history,
    case_list,
    case_step,
    download_attachment,
    view_log,
)
from fairhear.casework.views.costs import (
    add_cost,
    correct_cost,
    cost_list,
)
from fairhear.casework.views.dashboard import staff_home
from fairhear.casework.views.lists import (
    add_category,
    add_equality_option,
    add_practitioner,
    change_practitioner,
    council_lists,
    offer_category,
    offer_equality_option,
    rename_category,
    rename_equality_option,
)
from fairhear.casework.views.log_contact import (
    cancel_logging,
    check_log_answers,
    contact_logged,
    log_contact,
    log_contact_page,
)
from fairhear.casework.views.ombudsman import (
    add_ombudsman_case,
    ombudsman_case,
    ombudsman_history,
    ombudsman_list,
    ombudsman_step,
)

__all__ = [
    "action_list",
    "add_action",
    "add_category",
    "add_compliment",
    "add_cost",
    "add_equality_option",
    "add_ombudsman_case",
    "add_practitioner",
    "cancel_logging",
    "case_detail",
    "case_history",
    "case_list",
    "case_step",
    "change_action",
    "change_practitioner",
    "check_log_answers",
    "complete_action",
    "compliment_list",
    "contact_logged",
    "correct_compliment",
    "correct_cost",
    "cost_list",
    "council_lists",
    "download_attachment",
    "log_contact",
    "log_contact_page",
    "offer_category",
    "offer_equality_option",
    "ombudsman_case",
    "ombudsman_history",
    "ombudsman_list",
    "ombudsman_step",
    "rename_category",
    "rename_equality_option",
    "staff_home",
    "view_log",
]
