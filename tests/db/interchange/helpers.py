"""Small case files written as CSV text, and a fingerprint of everything an import writes."""

import io
import zipfile
from textwrap import dedent
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from fairhear.casework.models import (
    CaseEvent,
    Category,
    CategoryOutcome,
    Compliment,
    Contact,
    ContactCategory,
    Cost,
    LearningAction,
    OmbudsmanCase,
    Person,
    Stage,
)
from fairhear.interchange.files import read_csv
from fairhear.interchange.format import Table
from fairhear.letters.models import Letter
from fairhear.organisation.models import ServiceArea, Team
from fairhear.reports.models import Benchmark, ContextFigure

CONTACTS = """\
reference,received,route,channel,complainant,service_area,team,categories
C-2023-0001,2023-05-02,statutory,email,P1,Children in Care,Fostering Service,Communication;Delay
C-2023-0002,2023-06-01,member_enquiry,letter,P1,,,
"""
STAGES = """\
reference,stage,requested,responded,outcome,started,extended,extension_reason
C-2023-0001,1,,2023-05-12,partly_upheld,,no,
C-2023-0001,2,2023-05-22,2023-07-10,not_upheld,2023-05-30,yes,Records to read
"""


def tables(**files: str) -> dict[str, Table]:
    """Tables from CSV text given by file name (without .csv); contacts default to CONTACTS."""
    files.setdefault("contacts", CONTACTS)
    return {name: read_csv(dedent(text).encode(), f"{name}.csv") for name, text in files.items()}


MODELS: list[Any] = [
    ServiceArea,
    Team,
    Category,
    Person,
    Contact,
    ContactCategory,
    Stage,
    CategoryOutcome,
    OmbudsmanCase,
    Cost,
    LearningAction,
    Compliment,
    ContextFigure,
    Benchmark,
    CaseEvent,
    Letter,
]


def fingerprint() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table an import writes, to show a refused import wrote nothing."""
    return {
        model.__name__: sorted(
            tuple(str(value) for value in row)
            for row in model.objects.values_list(
                *[field.attname for field in model._meta.concrete_fields]
            )
        )
        for model in MODELS
    }


def case_file_zip(**files: str) -> SimpleUploadedFile:
    """An upload of the case file as a zip: each keyword is a table, its value the CSV text."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(f"case-file/{name}.csv", text)
    return SimpleUploadedFile("case-file.zip", buffer.getvalue(), "application/zip")
