"""The codes of the interchange format (spec: interchange.md), as Django choices.

They are interfaces: other tools read and write them, so their values never change.
"""

from django.db import models


class Route(models.TextChoices):
    STATUTORY = "statutory", "Statutory complaint"
    CORPORATE = "corporate", "Corporate complaint"
    REPRESENTATION = "representation", "Representation or initial feedback"
    MEMBER_ENQUIRY = "member_enquiry", "Member enquiry"
    MP_ENQUIRY = "mp_enquiry", "MP enquiry"
    NOT_ACCEPTED = "not_accepted", "Not accepted"


class Channel(models.TextChoices):
    LETTER = "letter", "Letter"
    EMAIL = "email", "Email"
    TELEPHONE = "telephone", "Telephone"
    ONLINE_FORM = "online_form", "Online form"
    PAPER_FORM = "paper_form", "Paper feedback form"
    IN_PERSON = "in_person", "In person"
    TEXT = "text", "Text message"
    APP = "app", "Children's app"
    ADVOCATE = "advocate", "Through an advocate"
    OTHER = "other", "Other"


class LetterChannel(models.TextChoices):
    """How the complainant would like the council's letters."""

    EMAIL = "email", "Email"
    POST = "post", "Post"


class ComplainantRole(models.TextChoices):
    CHILD = "child", "Child or young person"
    PARENT = "parent", "Parent"
    RELATIVE_OR_CARER = "relative_or_carer", "Relative or carer"
    FOSTER_CARER = "foster_carer", "Foster carer"
    SPECIAL_GUARDIAN = "special_guardian", "Special guardian"
    ADVOCATE = "advocate", "Advocate"
    ORGANISATION = "organisation", "Organisation"
    PROFESSIONAL = "professional", "Professional"
    OTHER = "other", "Other"


class ChildStatus(models.TextChoices):
    CHILD_IN_NEED = "child_in_need", "Child in need"
    CHILD_PROTECTION = "child_protection", "Child protection plan"
    CHILD_IN_CARE = "child_in_care", "Child in care"
    CARE_LEAVER = "care_leaver", "Care leaver"
    DISABLED_CHILDREN = "disabled_children", "Disabled children's service"
    EARLY_HELP = "early_help", "Early help"
    ADOPTION = "adoption", "Adoption"
    FOSTERING = "fostering", "Fostering"
    NONE = "none", "None of these"


class AgeBand(models.TextChoices):
    UNDER_5 = "0-4", "0 to 4"
    AGE_5_TO_9 = "5-9", "5 to 9"
    AGE_10_TO_15 = "10-15", "10 to 15"
    AGE_16_TO_17 = "16-17", "16 to 17"
    AGE_18_TO_24 = "18-24", "18 to 24"
    AGE_25_PLUS = "25+", "25 or over"


class StageNumber(models.IntegerChoices):
    ONE = 1, "Stage 1"
    TWO = 2, "Stage 2"
    THREE = 3, "Stage 3"


class StageDecision(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class Outcome(models.TextChoices):
    UPHELD = "upheld", "Upheld"
    PARTLY_UPHELD = "partly_upheld", "Partly upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"
    NO_FINDING = "no_finding", "No finding"
    WITHDRAWN = "withdrawn", "Withdrawn"


DECIDED_OUTCOMES = (Outcome.UPHELD, Outcome.PARTLY_UPHELD, Outcome.NOT_UPHELD, Outcome.NO_FINDING)
UPHELD_OUTCOMES = (Outcome.UPHELD, Outcome.PARTLY_UPHELD)


class ActionKind(models.TextChoices):
    APOLOGY = "apology", "Apology"
    EXPLANATION = "explanation", "Explanation"
    INFORMATION = "information", "Information provided"
    ASSESSMENT_CHANGED = "assessment_changed", "Change to an assessment"
    PRACTICE_CHANGE = "practice_change", "Change to practice"
    TRAINING_OR_GUIDANCE = "training_or_guidance", "Staff training or guidance"
    POLICY_OR_PROCESS_CHANGE = "policy_or_process_change", "Policy or process change"
    FINANCIAL_REMEDY = "financial_remedy", "Financial remedy"
    SERVICE_PROVIDED = "service_provided", "Service provided"
    RECORD_AMENDED = "record_amended", "Record amended"
    OTHER = "other", "Other"


#: What a reply itself gives, done when it is sent; any other action is still to do, and is
#: recorded with its owner and due date.
GIVEN_WITH_A_REPLY = (ActionKind.APOLOGY, ActionKind.EXPLANATION, ActionKind.INFORMATION)


class CostKind(models.TextChoices):
    INVESTIGATING_OFFICER = "investigating_officer", "Investigating officer"
    INDEPENDENT_PERSON = "independent_person", "Independent person"
    PANEL = "panel", "Review panel"
    MEDIATION = "mediation", "Mediation"
    FINANCIAL_REDRESS = "financial_redress", "Financial redress"
    PUBLICITY = "publicity", "Publicity"
    OTHER = "other", "Other"


STAGE_TWO_COST_KINDS = (CostKind.INVESTIGATING_OFFICER, CostKind.INDEPENDENT_PERSON)


class LgscoDecision(models.TextChoices):
    UPHELD = "upheld", "Upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"
    CLOSED_AFTER_INITIAL_ENQUIRIES = (
        "closed_after_initial_enquiries",
        "Closed after initial enquiries",
    )
    UPHELD_MALADMINISTRATION_INJUSTICE = (
        "upheld_maladministration_injustice",
        "Upheld: maladministration and injustice",
    )
    UPHELD_MALADMINISTRATION_NO_INJUSTICE = (
        "upheld_maladministration_no_injustice",
        "Upheld: maladministration, no injustice",
    )
    OUTSIDE_JURISDICTION = "outside_jurisdiction", "Outside jurisdiction"
    PREMATURE = "premature", "Premature: referred back for local resolution"
    ADVICE_GIVEN = "advice_given", "Advice given"
    OMBUDSMAN_DISCRETION = "ombudsman_discretion", "Ombudsman's discretion"
    DISCONTINUED = "discontinued", "Investigation discontinued"
    LOCAL_SETTLEMENT = "local_settlement", "Local settlement"


class LgscoRemedy(models.TextChoices):
    APOLOGY = "apology", "Apology"
    FINANCIAL = "financial", "Financial"
    SERVICE_IMPROVEMENT = "service_improvement", "Service improvement"
    PROCEDURE_CHANGE = "procedure_change", "Procedure change"
    OTHER = "other", "Other"


class ComplimentSource(models.TextChoices):
    CHILD = "child", "Child or young person"
    PARENT_OR_CARER = "parent_or_carer", "Parent or carer"
    PROFESSIONAL = "professional", "Professional"
    JUDICIARY = "judiciary", "Judiciary"
    SCHOOL = "school", "School"
    COMMUNITY = "community", "Community"
    OTHER = "other", "Other"
