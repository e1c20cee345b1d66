"""The equality monitoring answers every council starts with: the Office for National
Statistics' 2021 census categories (casework/census.py). The council edits them afterwards on
the Categories and people page."""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from fairhear.casework.census import ETHNIC_GROUPS, GENDERS


def seed(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    option = apps.get_model("casework", "EqualityOption")
    rows = [
        option(kind="gender", label=label, position=position)
        for position, label in enumerate(GENDERS, start=1)
    ]
    backgrounds = [(group, label) for group, labels in ETHNIC_GROUPS for label in labels]
    rows += [
        option(kind="ethnicity", group=group, label=label, position=position)
        for position, (group, label) in enumerate(backgrounds, start=1)
    ]
    option.objects.bulk_create(rows)


def unseed(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    apps.get_model("casework", "EqualityOption").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("casework", "0007_equality_options")]

    operations = [migrations.RunPython(seed, unseed)]
