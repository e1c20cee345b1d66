"""The complaints manager's retention page and the `fairhear retention` command."""

from datetime import date
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from fairhear.casework import services as casework
from fairhear.casework.models import Contact
from fairhear.dataprotection.models import LegalHold, RetentionPolicy, RetentionRun
from tests.builders import log, triage_statutory

pytestmark = pytest.mark.django_db

SCHEDULE = {"child_until_age": "25", "request_years_after_answer": "2"}


def _closed_long_ago(officer: User) -> Contact:
    contact = triage_statutory(
        log(officer, received=date(2015, 5, 1), summary="About Alex", age_band="25+"),
        officer,
        on=date(2015, 5, 1),
    )
    return casework.reply_stage_one(
        contact, version=contact.version, on=date(2015, 6, 1), outcome="upheld", by=officer
    )


def test_the_page_previews_what_is_due_and_anonymises_on_confirmation(
    client: Client, manager: User, officer: User
) -> None:
    contact = _closed_long_ago(officer)
    client.force_login(manager)

    page = client.get(reverse("dataprotection:retention"))
    assert contact.reference in page.content.decode()
    assert "Anonymise 1 case and 0 compliments" in page.content.decode()

    done = client.post(
        reverse("dataprotection:anonymise"),
        {"references": contact.reference, "as_of": date.today().isoformat()},
        follow=True,
    )
    assert "Anonymised 1 case, 0 people and 0 compliments." in done.content.decode()
    assert Contact.objects.get(pk=contact.pk).summary == ""


def test_a_case_not_on_the_preview_is_not_anonymised(
    client: Client, manager: User, officer: User
) -> None:
    contact = _closed_long_ago(officer)
    client.force_login(manager)
    client.post(
        reverse("dataprotection:anonymise"),
        {"references": "C-1999-0001", "as_of": date.today().isoformat()},
    )
    assert Contact.objects.get(pk=contact.pk).summary == "About Alex"
    assert not RetentionRun.objects.exists()


def test_the_schedule_is_saved_and_a_stale_form_is_refused(client: Client, manager: User) -> None:
    client.force_login(manager)
    url = reverse("dataprotection:schedule")
    saved = client.post(url, {**SCHEDULE, "years_after_closure": "7", "version": "1"})
    assert saved.status_code == 302
    stale = client.post(url, {**SCHEDULE, "years_after_closure": "8", "version": "1"})
    assert "Someone else changed the retention schedule" in stale.content.decode()
    assert RetentionPolicy.objects.get().years_after_closure == 7


def test_a_hold_is_placed_by_reference_and_an_unknown_one_is_named(
    client: Client, manager: User, officer: User
) -> None:
    contact = _closed_long_ago(officer)
    client.force_login(manager)
    url = reverse("dataprotection:add-hold")
    missing = client.post(url, {"reference": "C-1999-0001", "reason": "Claim"})
    assert "There is no case C-1999-0001" in missing.content.decode()
    client.post(url, {"reference": contact.reference.lower(), "reason": "Claim"})
    assert LegalHold.objects.get().contact == contact


def test_the_command_lists_what_is_due(officer: User) -> None:
    contact = _closed_long_ago(officer)
    out = StringIO()
    call_command("retention", stdout=out)
    assert "1 cases, 0 compliments" in out.getvalue()
    assert contact.reference in out.getvalue()
    assert Contact.objects.get(pk=contact.pk).summary == "About Alex"


def test_the_command_anonymises_for_a_complaints_manager_only(manager: User, officer: User) -> None:
    contact = _closed_long_ago(officer)
    with pytest.raises(CommandError, match="only a complaints manager"):
        call_command("retention", "--anonymise", "--as", officer.username, "--yes")
    with pytest.raises(CommandError, match="--as USERNAME"):
        call_command("retention", "--anonymise", "--yes")
    out = StringIO()
    call_command("retention", "--anonymise", "--as", manager.username, "--yes", stdout=out)
    assert "Anonymised 1 case, 0 people" in out.getvalue()
    assert Contact.objects.get(pk=contact.pk).summary == ""
