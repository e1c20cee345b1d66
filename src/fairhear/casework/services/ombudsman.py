"""The Ombudsman's enquiries and decisions: the council's reply, the decision and remedies,
compliance, and the link to the case."""

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction

from fairhear.audit import acting_as
from fairhear.casework.codes import (
    LgscoDecision,
    LgscoRemedy,
)
from fairhear.casework.facts import case_facts
from fairhear.casework.models import (
    Contact,
    OmbudsmanCase,
)
from fairhear.casework.services.base import (
    CaseworkError,
    changing,
    check_current,
    core_rules,
    record_event,
    require_text,
)
from fairhear.core import procedure
from fairhear.core.clocks import CHILDREN_STATUTORY
from fairhear.core.dates import long_date
from fairhear.organisation.models import ServiceArea, Team


def record_ombudsman_case(
    *,
    lgsco_reference: str,
    received: date,
    by: User,
    contact: Contact | None = None,
    version: int | None = None,
    enquiry_due: date | None = None,
    service_area: ServiceArea | None = None,
    team: Team | None = None,
    summary: str = "",
) -> OmbudsmanCase:
    """A new enquiry from the Ombudsman, about a case or not. The reply is due by the date the
    Ombudsman set, else 28 calendar days after the enquiry arrived."""
    lgsco_reference = require_text(lgsco_reference, "Enter the Ombudsman's reference.")
    if OmbudsmanCase.objects.filter(lgsco_reference__iexact=lgsco_reference).exists():
        raise CaseworkError(f"Ombudsman case {lgsco_reference} is already recorded.")
    due = enquiry_due or received + timedelta(days=CHILDREN_STATUTORY.lgsco_enquiry.days)
    if due < received:
        raise CaseworkError(
            f"The reply cannot be due on {long_date(due)}, before the enquiry arrived on "
            f"{long_date(received)}."
        )
    fields = {
        "lgsco_reference": lgsco_reference,
        "received": received,
        "enquiry_due": due,
        "summary": summary.strip(),
        "service_area": service_area or (team.service_area if team else None),
        "team": team,
    }
    if contact is None:
        with transaction.atomic(), acting_as(by):
            return OmbudsmanCase.objects.create(**fields)
    if version is None:
        raise CaseworkError("Give the version of the case that was seen.")
    with changing(contact, version=version, by=by) as locked:
        with core_rules():
            procedure.check_can_refer_to_lgsco(case_facts(locked), on=received)
        fields["service_area"] = fields["service_area"] or locked.service_area
        fields["team"] = fields["team"] or locked.team
        case = OmbudsmanCase.objects.create(contact=locked, **fields)
        record_event(
            locked,
            "fairhear.ombudsman.enquiry_received",
            f"The Ombudsman's enquiry {lgsco_reference} arrived on {long_date(received)}; the "
            f"reply is due by {long_date(due)}.",
            by,
        )
    return case


def _ombudsman_event(case: OmbudsmanCase, action: str, description: str, by: User) -> None:
    if case.contact is not None:
        record_event(case.contact, action, description, by)


def record_ombudsman_reply(
    case: OmbudsmanCase, *, on: date, by: User, version: str | None = None
) -> OmbudsmanCase:
    """The council answered the Ombudsman's enquiry."""
    with transaction.atomic(), acting_as(by):
        case = OmbudsmanCase.objects.select_for_update().get(pk=case.pk)
        check_current(case, version, "Ombudsman case")
        if case.council_replied is not None:
            raise CaseworkError(
                f"The reply to the Ombudsman was already sent on {long_date(case.council_replied)}."
            )
        if case.received is not None and on < case.received:
            raise CaseworkError(
                f"The reply cannot be dated {long_date(on)}, before the enquiry arrived on "
                f"{long_date(case.received)}."
            )
        case.council_replied = on
        case.save()
        _ombudsman_event(
            case,
            "fairhear.ombudsman.replied",
            f"Replied to the Ombudsman ({case.lgsco_reference}) on {long_date(on)}.",
            by,
        )
    return case


def record_ombudsman_decision(
    case: OmbudsmanCase,
    *,
    on: date,
    decision: LgscoDecision | str,
    by: User,
    remedies: Sequence[LgscoRemedy | str] = (),
    financial_remedy: Decimal | None = None,
    satisfactory_remedy_by_council: bool | None = None,
    version: str | None = None,
) -> OmbudsmanCase:
    """The Ombudsman's final decision, with any remedies it asks for."""
    if decision not in LgscoDecision.values:
        raise CaseworkError("Choose the Ombudsman's decision.")
    if any(r not in LgscoRemedy.values for r in remedies) or len(set(remedies)) != len(remedies):
        raise CaseworkError("Choose each remedy once, from the list.")
    if financial_remedy is not None and financial_remedy < 0:
        raise CaseworkError("A financial remedy cannot be negative.")
    with transaction.atomic(), acting_as(by):
        case = OmbudsmanCase.objects.select_for_update().get(pk=case.pk)
        check_current(case, version, "Ombudsman case")
        if case.decided is not None:
            raise CaseworkError(
                f"The Ombudsman's decision was already recorded on {long_date(case.decided)}."
            )
        if case.received is not None and on < case.received:
            raise CaseworkError(
                f"The decision cannot be dated {long_date(on)}, before the enquiry arrived on "
                f"{long_date(case.received)}."
            )
        if case.council_replied is not None and on < case.council_replied:
            raise CaseworkError(
                f"The decision cannot be dated {long_date(on)}, before the council replied to "
                f"the Ombudsman on {long_date(case.council_replied)}."
            )
        case.decided = on
        case.decision = decision
        case.remedies = [str(r) for r in remedies]
        case.financial_remedy = financial_remedy
        case.satisfactory_remedy_by_council = satisfactory_remedy_by_council
        case.save()
        _ombudsman_event(
            case,
            "fairhear.ombudsman.decided",
            f"The Ombudsman decided on {long_date(on)} ({case.lgsco_reference}): "
            f"{LgscoDecision(decision).label.lower()}.",
            by,
        )
    return case


def record_ombudsman_compliance(
    case: OmbudsmanCase, *, complied: bool, by: User, version: str | None = None
) -> OmbudsmanCase:
    """Whether the council carried out the Ombudsman's recommendations. It can be corrected
    later (a council may comply late), and the correction is audited like the first answer."""
    with transaction.atomic(), acting_as(by):
        case = OmbudsmanCase.objects.select_for_update().get(pk=case.pk)
        check_current(case, version, "Ombudsman case")
        if case.decided is None:
            raise CaseworkError("Record the Ombudsman's decision before the council's compliance.")
        words = "carried out" if complied else "did not carry out"
        if case.complied == complied:
            raise CaseworkError(
                f"It is already recorded that the council {words} the recommendations."
            )
        correcting = case.complied is not None
        case.complied = complied
        case.save()
        _ombudsman_event(
            case,
            "fairhear.ombudsman.compliance_recorded",
            f"{'Corrected: t' if correcting else 'T'}he council {words} the Ombudsman's "
            f"recommendations ({case.lgsco_reference}).",
            by,
        )
    return case


def link_ombudsman_case(
    case: OmbudsmanCase, *, contact: Contact, by: User, version: str | None = None
) -> OmbudsmanCase:
    """Link an Ombudsman case to the case it is about, or correct a link to the wrong case.

    The same rules apply as when the enquiry is recorded on the case. The Ombudsman case takes
    the case's service area and team when it has none of its own.
    """
    with transaction.atomic(), acting_as(by):
        case = OmbudsmanCase.objects.select_for_update().get(pk=case.pk)
        check_current(case, version, "Ombudsman case")
        locked = Contact.objects.select_for_update().get(pk=contact.pk)
        if case.contact_id == locked.pk:
            raise CaseworkError(
                f"Ombudsman case {case.lgsco_reference} is already linked to case "
                f"{locked.reference}."
            )
        with core_rules():
            # An enquiry whose arrival is not known (imported history) has no date to check.
            procedure.check_can_refer_to_lgsco(
                case_facts(locked), on=case.received or locked.received
            )
        previous = case.contact
        case.contact = locked
        if case.service_area is None:
            case.service_area = locked.service_area
        team = locked.team
        # The case's team only when it is in the Ombudsman case's service area.
        if case.team is None and team is not None and team.service_area_id == case.service_area_id:
            case.team = team
        case.save()
        moved = f" (it was linked to case {previous.reference})" if previous else ""
        record_event(
            locked,
            "fairhear.ombudsman.linked",
            f"Ombudsman case {case.lgsco_reference} linked to this case{moved}.",
            by,
        )
        if previous is not None:
            record_event(
                previous,
                "fairhear.ombudsman.unlinked",
                f"Ombudsman case {case.lgsco_reference} unlinked from this case: it is about "
                f"case {locked.reference}.",
                by,
            )
    return case
