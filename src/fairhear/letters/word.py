"""A letter as a Word document for post: the council's letterhead, the date, the address, the
subject and the text; large print (16 point) when the complainant asked for it."""

import io

from django.conf import settings
from django.utils import timezone
from docx import Document
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from fairhear.core.dates import long_date
from fairhear.letters.models import Letter

#: RNIB's guidance: large print starts at 16 point; ordinary letters are 12.
LARGE_PRINT, ORDINARY = Pt(16), Pt(12)


def letter_as_word(letter: Letter) -> bytes:
    document = Document()
    size = LARGE_PRINT if letter.large_print else ORDINARY
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = size
    document.core_properties.title = letter.subject
    document.core_properties.author = settings.FAIRHEAR_COUNCIL_NAME

    head = document.sections[0].header.paragraphs[0]
    head.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    name = head.add_run(settings.FAIRHEAR_COUNCIL_NAME)
    name.bold = True
    name.font.size = Pt(size.pt + 4)
    for line in settings.FAIRHEAR_COUNCIL_ADDRESS.splitlines():
        head.add_run().add_break()
        head.add_run(line)

    _lines(document, letter.sent_to.splitlines())
    document.add_paragraph(long_date(timezone.localtime(letter.sent).date()))
    document.add_paragraph(f"Our reference: {letter.contact.reference}")
    subject = document.add_paragraph()
    subject.add_run(letter.subject).bold = True
    for paragraph in letter.body.strip().split("\n\n"):
        _lines(document, paragraph.splitlines())

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _lines(document: WordDocument, lines: list[str]) -> None:
    """One paragraph whose lines break where the text's do (an address, a sign-off)."""
    paragraph = document.add_paragraph()
    for number, line in enumerate(lines):
        if number:
            paragraph.add_run().add_break()
        paragraph.add_run(line)
