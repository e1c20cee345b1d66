"""A case's audit history in people's words: staff by full name, field labels and choice
labels, none of the machinery's own fields, and a sentence rather than an empty table."""

from collections.abc import Callable

from auditlog.context import disable_auditlog
from auditlog.models import LogEntry
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from fairhear.casework import services
from fairhear.casework.models import Contact, Practitioner
from fairhear.casework.templatetags.casework import Change, readable_changes, record_name


def _history(client: Client, contact: Contact) -> str:
    url = reverse("casework:history", args=[contact.reference])
    return " ".join(client.get(url).content.decode().split())


def test_history_names_staff_and_leaves_out_the_machinery(
    stage_three_accepted: Contact,
    practitioners: dict[str, Practitioner],
    officer: User,
    manager: User,
    client: Client,
) -> None:
    officer.last_name = "Shah"
    officer.save()
    panel = [practitioners[name] for name in ("pat", "paula", "piers")]
    contact = services.convene_panel(
        stage_three_accepted,
        version=stage_three_accepted.version,
        members=panel,
        chair=panel[0],
        by=officer,
    )
    services.convene_panel(
        contact, version=contact.version, members=panel, chair=panel[1], by=officer
    )
    client.force_login(manager)

    page = _history(client, contact)

    assert "priya Shah" in page
    assert ">priya<" not in page
    for internal in ("Version:", "Next step:", "ID:", "Id:", ".None", "stage_2", "(empty)"):
        assert internal not in page
    assert "Outcome: none → Not upheld" in page  # the Stage 1 reply, by its label


def test_a_created_record_lists_its_values_and_a_changed_one_before_and_after(
    stage_one: Contact, officer: User
) -> None:
    services.withdraw_contact(
        stage_one, version=stage_one.version, on=stage_one.received, reason="Resolved", by=officer
    )
    change = LogEntry.objects.get_for_object(stage_one).latest("pk")

    changes = readable_changes(change)

    assert Change("Withdrawn reason", "", "Resolved") in changes
    assert all(c.label not in ("Version", "State", "Next step", "Next due") for c in changes)
    assert record_name(change) == f"Contact: {stage_one.reference}"


def test_no_views_or_changes_show_a_sentence_not_an_empty_table(
    manager: User, client: Client, log: Callable[..., Contact]
) -> None:
    with disable_auditlog():  # a case from before the audit log was kept
        contact = log()
    client.force_login(manager)

    page = _history(client, contact)

    assert "No changes recorded yet." in page
    assert "No views recorded." in page
    assert "<table" not in page


def test_a_member_of_staff_named_in_a_change_is_shown_by_full_name(
    stage_one: Contact, officer: User, manager: User
) -> None:
    manager.last_name = "Okafor"
    manager.save()
    services.assign_responsible_manager(
        stage_one, version=stage_one.version, manager=manager, by=officer
    )
    entry = LogEntry.objects.filter(content_type__model="stage").latest("pk")

    assert Change("Responsible manager", "", "morgan Okafor") in readable_changes(entry)
