"""The state stored on each contact is the core's: what `derive_state` says of its facts."""

from collections import Counter
from datetime import date

import pytest
from django.contrib.auth.models import User

from fairhear.casework.facts import case_facts
from fairhear.casework.models import Contact
from fairhear.core.procedure import CaseState, derive_state
from fairhear.demo.council import build_organisation, fill_case_data

pytestmark = pytest.mark.django_db


def test_every_demo_case_stands_where_the_core_derives_it(manager: User) -> None:
    build_organisation(by=manager)
    fill_case_data(seed=3, scale=1, years=3, until=date(2024, 9, 30), by=manager)
    contacts = Contact.objects.prefetch_related(
        "stages__panel_memberships__practitioner", "ombudsman_cases"
    )

    wrong = [
        (contact.reference, contact.state, derive_state(case_facts(contact)))
        for contact in contacts
        if contact.state != derive_state(case_facts(contact))
    ]

    assert wrong == []
    # The walk covers the procedure, not one corner of it.
    seen = Counter(contact.state for contact in contacts)
    assert {CaseState.RECEIVED, CaseState.STAGE_1, CaseState.CLOSED, CaseState.WITHDRAWN} <= set(
        seen
    )
    assert contacts.filter(stages__number=3).exists()
