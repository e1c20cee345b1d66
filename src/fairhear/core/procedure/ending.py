"""Steps open at any time: the complainant withdraws, or goes to the Ombudsman."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from fairhear.core.dates import long_date
from fairhear.core.procedure.facts import CaseFacts
from fairhear.core.procedure.rules import not_before, require_state
from fairhear.core.procedure.states import CaseState, ProcedureError, Transition


def check_can_withdraw(facts: CaseFacts, *, on: date) -> None:
    """A complaint can be withdrawn from any open state."""
    if facts.state is CaseState.WITHDRAWN and facts.withdrawn is not None:
        raise ProcedureError(
            f"The complaint was already withdrawn on {long_date(facts.withdrawn)}."
        )
    require_state(facts, Transition.WITHDRAW)
    not_before(on, facts.received, "The withdrawal", "the complaint was received")


def withdraw(facts: CaseFacts, *, on: date) -> CaseFacts:
    """Record that the complainant withdrew the complaint."""
    check_can_withdraw(facts, on=on)
    return replace(facts, withdrawn=on)


def check_can_refer_to_lgsco(facts: CaseFacts, *, on: date) -> None:
    """A complainant may go to the Ombudsman at any time; the case stays where it is."""
    require_state(facts, Transition.REFER_TO_LGSCO)
    not_before(on, facts.received, "A referral to the Ombudsman", "the complaint was received")


def refer_to_lgsco(facts: CaseFacts, *, on: date) -> CaseFacts:
    """Record a referral to the Ombudsman (a flag and a date, never a change of state)."""
    check_can_refer_to_lgsco(facts, on=on)
    return replace(facts, lgsco_referrals=(*facts.lgsco_referrals, on))
