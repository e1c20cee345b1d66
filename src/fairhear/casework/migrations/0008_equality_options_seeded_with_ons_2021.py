"""The equality monitoring answers every council starts with: the Office for National
Statistics' 2021 census ethnic groups (England and Wales) and a gender question. The council
edits them afterwards on the Categories and people page; the words are copied here, not
imported, so this migration keeps meaning what it meant when written."""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

GENDERS = ("Female", "Male", "Non-binary", "Another gender identity")

ETHNIC_GROUPS = (
    (
        "Asian or Asian British",
        ("Bangladeshi", "Chinese", "Indian", "Pakistani", "Other Asian background"),
    ),
    (
        "Black, Black British, Caribbean or African",
        ("African", "Caribbean", "Other Black, Black British or Caribbean background"),
    ),
    (
        "Mixed or Multiple ethnic groups",
        (
            "White and Asian",
            "White and Black African",
            "White and Black Caribbean",
            "Other Mixed or Multiple ethnic background",
        ),
    ),
    (
        "White",
        (
            "English, Welsh, Scottish, Northern Irish or British",
            "Irish",
            "Gypsy or Irish Traveller",
            "Roma",
            "Other White background",
        ),
    ),
    ("Other ethnic group", ("Arab", "Any other ethnic group")),
)


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
