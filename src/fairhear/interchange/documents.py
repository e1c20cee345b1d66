"""The documents of a case file (v1.1): documents.csv indexes the files a folder or zip holds
under documents/, and each file must be what its row says and what an upload may be.

Checked before anything is written, with the case file's other errors: the file is there,
its size and SHA-256 are those of its row, and it passes the rule every upload passes
(`casework.documents.check_upload`: an accepted type, checked against its first bytes, and
not too big), giving the content type of its row.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from fairhear.casework.documents import check_upload
from fairhear.interchange.files import DOCUMENTS
from fairhear.interchange.format import Problem
from fairhear.interchange.records import CaseFile

FILE = "documents.csv"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_documents(case_file: CaseFile, documents: Mapping[str, bytes]) -> list[Problem]:
    problems: list[Problem] = []
    if case_file.documents and not documents:
        problems.append(
            Problem(
                FILE,
                0,
                "",
                f"the case file holds no {DOCUMENTS}/ folder with the files this index lists: "
                "import the .zip or folder the export wrote (a workbook cannot hold files)",
            )
        )
        return problems
    for record in case_file.documents:
        data = documents.get(record.file)
        if data is None:
            problems.append(
                Problem(FILE, record.row, "file", f"the case file holds no {record.file}")
            )
            continue
        if len(data) != record.size:
            problems.append(
                Problem(
                    FILE,
                    record.row,
                    "size",
                    f"the file is {len(data):,} bytes, not {record.size:,}",
                )
            )
        if sha256(data) != record.sha256.lower():
            problems.append(
                Problem(
                    FILE,
                    record.row,
                    "sha256",
                    "the file's SHA-256 is not this: the file is not the one indexed, or it "
                    "was damaged",
                )
            )
        try:
            content_type = check_upload(SimpleUploadedFile(record.original_name, data))
        except ValidationError as error:
            problems.append(Problem(FILE, record.row, "content_type", " ".join(error.messages)))
            continue
        if content_type != record.content_type:
            problems.append(
                Problem(
                    FILE,
                    record.row,
                    "content_type",
                    f"the file is {content_type}, as its name and first bytes say",
                )
            )
    return problems
