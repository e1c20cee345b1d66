from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("public", "0002_wishes_and_files_move_to_the_contact")]

    operations = [
        migrations.RemoveField("publicsubmission", "advocacy"),
        migrations.RemoveField("publicsubmission", "advocate_details"),
        migrations.RemoveField("publicsubmission", "call_back_requested"),
        migrations.RemoveField("publicsubmission", "child_name"),
        migrations.RemoveField("publicsubmission", "desired_outcome"),
        migrations.RemoveField("publicsubmission", "relationship_detail"),
        migrations.RemoveField("draftattachment", "submission"),
        migrations.AlterField(
            model_name="draftattachment",
            name="draft",
            field=models.ForeignKey(
                on_delete=models.deletion.CASCADE,
                related_name="attachments",
                to="public.draft",
            ),
        ),
    ]
