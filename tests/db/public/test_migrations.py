"""Moving what a complainant asked for, and the files they sent, from the online submission
to the contact keeps every value already stored."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from fairhear.casework.models import Attachment, Contact

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("public", "0001_initial"), ("casework", "0002_casework_screens")]


def _migrate(targets: list[tuple[str, str]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor


def test_answers_and_files_already_sent_move_to_the_contact() -> None:
    old = _migrate(BEFORE).loader.project_state(BEFORE).apps
    OldContact = old.get_model("casework", "Contact")
    Submission = old.get_model("public", "PublicSubmission")
    OldAttachment = old.get_model("public", "Attachment")
    asked = OldContact.objects.create(reference="C-2024-0001", received=date(2024, 5, 1))
    has_one = OldContact.objects.create(reference="C-2024-0002", received=date(2024, 5, 2))
    first = Submission.objects.create(
        contact=asked,
        journey="young_person",
        status_token_hash="a" * 64,
        desired_outcome="One worker who stays.",
        advocacy="requested",
        call_back_requested=True,
    )
    Submission.objects.create(
        contact=has_one,
        journey="complaint",
        status_token_hash="b" * 64,
        child_name="Alex Jones",
        relationship_detail="Foster carer",
        advocacy="has_one",
        advocate_details="Pat Smith, Coram Voice",
    )
    OldAttachment.objects.create(
        submission=first,
        folder="f" * 32,
        file="public/ffff/letter.pdf",
        original_name="letter.pdf",
        content_type="application/pdf",
        size=120,
    )

    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    asked_now = Contact.objects.get(reference="C-2024-0001")
    assert (asked_now.desired_outcome, asked_now.advocacy_requested) == (
        "One worker who stays.",
        True,
    )
    assert asked_now.call_back_requested is True
    has_one_now = Contact.objects.get(reference="C-2024-0002")
    assert (has_one_now.child_name, has_one_now.relationship, has_one_now.advocacy_provider) == (
        "Alex Jones",
        "Foster carer",
        "Pat Smith, Coram Voice",
    )
    moved = Attachment.objects.get()
    assert (moved.contact, moved.file.name, moved.size) == (
        asked_now,
        "public/ffff/letter.pdf",
        120,
    )
