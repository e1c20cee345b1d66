"""The case data: every contact, the stages of statutory complaints, the Ombudsman's cases,
costs, learning actions and compliments, by family.

Every field of the interchange format (spec: interchange.md) has a home here, and every table
of the annual report (spec: report.md) can be computed from these tables with queries.
A nullable boolean or an empty code means "not known", as an empty cell does in the format.
"""

from fairhear.casework.models.actions import (
    LearningAction,
)
from fairhear.casework.models.compliments import (
    Compliment,
)
from fairhear.casework.models.contacts import (
    CASE_STATE_LABELS,
    Attachment,
    CaseAssignment,
    CaseEvent,
    Contact,
    ContactCategory,
    EndedAppointment,
    Person,
    ReferenceCounter,
    ReminderSent,
    _attachment_path,
    phone_digits,
)
from fairhear.casework.models.costs import (
    Cost,
)
from fairhear.casework.models.lists import (
    Category,
    EqualityOption,
    Practitioner,
)
from fairhear.casework.models.ombudsman import (
    OmbudsmanCase,
)
from fairhear.casework.models.stages import (
    CategoryOutcome,
    PanelMembership,
    Stage,
)

__all__ = [
    "CASE_STATE_LABELS",
    "Attachment",
    "CaseAssignment",
    "CaseEvent",
    "Category",
    "CategoryOutcome",
    "Compliment",
    "Contact",
    "ContactCategory",
    "Cost",
    "EndedAppointment",
    "EqualityOption",
    "LearningAction",
    "OmbudsmanCase",
    "PanelMembership",
    "Person",
    "Practitioner",
    "ReferenceCounter",
    "ReminderSent",
    "Stage",
    "_attachment_path",
    "phone_digits",
]
