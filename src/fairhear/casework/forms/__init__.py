"""The casework forms, by family. Each step form knows which service it calls (`act`), so
views stay thin; every form that changes a contact carries the version the user saw, for
optimistic locking. What a form offers to choose from comes from the selectors.

- `base`: the step on one case (`CaseStepForm`) and the fields forms share;
- `contacts`: what a contact is about, triage, its details, advocacy, documents, withdrawal, the
  reply to a contact outside the procedure, and assigning an investigator;
- `log_contact`: logging a contact as question pages, then "Check your answers";
- `stages`: the steps of Stages 1, 2 and 3, from the responsible manager to the reply;
- `ombudsman`, `actions`, `costs`, `compliments`: those records, about a case or not;
- `lists`: the filters of the lists; `council`: the council's categories, appointable people
  and equality answers.
"""

from fairhear.casework.forms.actions import (
    ChangeActionForm,
    CompleteActionForm,
    GeneralActionForm,
    LearningActionFields,
    LearningActionForm,
)
from fairhear.casework.forms.base import CaseStepForm, DocumentUpload, StaffChoiceField
from fairhear.casework.forms.compliments import (
    ComplimentForm,
    ComplimentInsteadForm,
    CorrectComplimentForm,
)
from fairhear.casework.forms.contacts import (
    AdvocacyForm,
    AssignmentForm,
    AttachmentForm,
    ContactDetailsFields,
    ContactDetailsForm,
    EndAppointmentForm,
    ResponseForm,
    TriageForm,
    WithdrawForm,
)
from fairhear.casework.forms.costs import CorrectCostForm, CostFields, CostForm, GeneralCostForm
from fairhear.casework.forms.council import CategoryForm, EqualityOptionForm, PractitionerForm
from fairhear.casework.forms.lists import (
    CaseFilterForm,
    ComplimentFilterForm,
    FinancialYearForm,
    ViewLogFilterForm,
    list_at_year,
)
from fairhear.casework.forms.ombudsman import (
    OmbudsmanCaseForm,
    OmbudsmanComplianceForm,
    OmbudsmanDecisionForm,
    OmbudsmanEnquiryFields,
    OmbudsmanLinkForm,
    OmbudsmanReplyForm,
    OmbudsmanStepForm,
    UnlinkedOmbudsmanForm,
)
from fairhear.casework.forms.stages import (
    AdjudicationForm,
    AuthorityResponseForm,
    ChairReportForm,
    DatedStepForm,
    DecisionForm,
    ExtensionForm,
    InvestigationReportForm,
    InvestigatorsForm,
    ManagerForm,
    PanelForm,
    PanelHeldForm,
    ReplyForm,
    RequestForm,
    StageThreeDecisionForm,
    StageThreeManagerForm,
    StageThreeRequestForm,
    StageTwoExtensionForm,
    StageTwoManagerForm,
    StatementForm,
)

__all__ = [
    "AdjudicationForm",
    "AdvocacyForm",
    "AssignmentForm",
    "AttachmentForm",
    "AuthorityResponseForm",
    "CaseFilterForm",
    "CaseStepForm",
    "CategoryForm",
    "ChairReportForm",
    "ChangeActionForm",
    "CompleteActionForm",
    "ComplimentFilterForm",
    "ComplimentForm",
    "ComplimentInsteadForm",
    "ContactDetailsFields",
    "ContactDetailsForm",
    "CorrectComplimentForm",
    "CorrectCostForm",
    "CostFields",
    "CostForm",
    "DatedStepForm",
    "DecisionForm",
    "DocumentUpload",
    "EndAppointmentForm",
    "EqualityOptionForm",
    "ExtensionForm",
    "FinancialYearForm",
    "GeneralActionForm",
    "GeneralCostForm",
    "InvestigationReportForm",
    "InvestigatorsForm",
    "LearningActionFields",
    "LearningActionForm",
    "ManagerForm",
    "OmbudsmanCaseForm",
    "OmbudsmanComplianceForm",
    "OmbudsmanDecisionForm",
    "OmbudsmanEnquiryFields",
    "OmbudsmanLinkForm",
    "OmbudsmanReplyForm",
    "OmbudsmanStepForm",
    "PanelForm",
    "PanelHeldForm",
    "PractitionerForm",
    "ReplyForm",
    "RequestForm",
    "ResponseForm",
    "StaffChoiceField",
    "StageThreeDecisionForm",
    "StageThreeManagerForm",
    "StageThreeRequestForm",
    "StageTwoExtensionForm",
    "StageTwoManagerForm",
    "StatementForm",
    "TriageForm",
    "UnlinkedOmbudsmanForm",
    "ViewLogFilterForm",
    "WithdrawForm",
    "list_at_year",
]
