"""What a complainant asked for (an advocate, a call back, an outcome), their relationship
to the child, the child's name and the files they sent now live on the contact, so staff-logged contacts hold them too.

The values already stored move across before the old columns go; stored files stay where
they are and the contact's attachment rows point at them. The old columns go in the next
migration: PostgreSQL will not alter a table in the transaction that changed its rows.
"""

from typing import Any

from django.db import migrations


def move_to_the_contact(apps: Any, schema_editor: Any) -> None:
    PublicSubmission = apps.get_model("public", "PublicSubmission")
    DraftAttachment = apps.get_model("public", "DraftAttachment")
    CaseAttachment = apps.get_model("casework", "Attachment")
    Contact = apps.get_model("casework", "Contact")
    for submission in PublicSubmission.objects.all().iterator():
        changes: dict[str, Any] = {
            "desired_outcome": submission.desired_outcome,
            "child_name": submission.child_name,
            "call_back_requested": submission.call_back_requested,
            "relationship": submission.relationship_detail,
        }
        if submission.advocacy == "requested":
            changes["advocacy_requested"] = True
        elif submission.advocacy == "not_wanted":
            changes["advocacy_requested"] = False
        if submission.advocate_details:
            changes["advocacy_provider"] = submission.advocate_details[:200]
        Contact.objects.filter(pk=submission.contact_id).update(**changes)
    sent = DraftAttachment.objects.filter(submission__isnull=False).select_related("submission")
    CaseAttachment.objects.bulk_create(
        CaseAttachment(
            contact_id=upload.submission.contact_id,
            file=upload.file.name,
            original_name=upload.original_name,
            content_type=upload.content_type,
            size=upload.size,
        )
        for upload in sent.iterator()
    )
    sent.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0003_contact_wishes_and_attachments"),
        ("public", "0001_initial"),
    ]

    operations = [
        migrations.RenameModel("Attachment", "DraftAttachment"),
        migrations.RunPython(move_to_the_contact, migrations.RunPython.noop),
    ]
