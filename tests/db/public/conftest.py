"""Helpers that walk the public forms as a visitor would, page by page."""

from typing import Any

import pytest
from django.test import Client

from fairhear.organisation.models import ServiceArea, Team

COMPLAINT_ANSWERS: dict[str, dict[str, Any]] = {
    "name": {"name": "Sam Jones"},
    "contact-details": {"email": "sam@example.com", "phone": "07700 900 982", "address": ""},
    "preferred-contact": {"preferred_contact": "email"},
    "relationship": {"complainant_role": "parent", "relationship_detail": ""},
    "child": {"child_name": "Alex Jones", "child_status": "child_in_care"},
    "service": {"service_area": "not_sure"},
    "what-happened": {"what_happened": "Nobody came to the review meeting."},
    "what-you-want": {"desired_outcome": "A new meeting and an apology."},
    "advocate": {"advocacy": "requested", "advocate_details": ""},
    "documents": {"action": "continue"},
    "equality": {"age_band": "10-15", "gender": "Female", "ethnicity": "", "disability": "no"},
}

YOUNG_ANSWERS: dict[str, dict[str, Any]] = {
    "name": {"name": "Jo"},
    "contact": {"phone": "07700 900 123", "email": ""},
    "what-happened": {"what_happened": "My social worker keeps changing."},
    "better": {"desired_outcome": "One worker who stays."},
    "help": {"help_wanted": ["advocate", "call"]},
    "about-you": {"gender": "", "ethnicity": "White: Irish"},
}


@pytest.fixture
def service_area(db: None) -> ServiceArea:
    area = ServiceArea.objects.create(name="Children in Care")
    Team.objects.create(service_area=area, name="Leaving Care Team")
    return area


def walk(
    client: Client,
    journey: str,
    answers: dict[str, dict[str, Any]],
    *,
    until: str | None = None,
) -> None:
    """Answer every page in order (stopping before `until`), checking each one moves on."""
    for slug, data in answers.items():
        if slug == until:
            return
        response = client.post(f"/{journey}/{slug}/", data)
        assert response.status_code == 302, (slug, response.content.decode()[:3000])
