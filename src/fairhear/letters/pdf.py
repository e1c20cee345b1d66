"""A letter as a PDF for post, the same letter as the Word version (`letters.word`): the
council's letterhead, the address, the date, the reference, the subject and the text; large
print (16 point) when the complainant asked for it."""

from functools import cache
from pathlib import Path

import matplotlib
from django.conf import settings
from django.utils import timezone
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from fairhear.core.dates import long_date
from fairhear.letters.models import Letter
from fairhear.letters.word import LARGE_PRINT, ORDINARY

FONT = "DejaVuSans"


@cache
def _font_files() -> tuple[Path, Path]:
    # DejaVu Sans covers the names councils write (Łukasz, Zoë, Ní Bhriain) where PDF's own
    # fonts stop at Latin-1; matplotlib, already a dependency, ships it on every server.
    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    return folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"


class _LetterPage(FPDF):
    """A4 with the council's letterhead at the top right of every page."""

    def __init__(self, size: float) -> None:
        super().__init__(format="A4")
        self.points = size
        self.leading = size * 0.55  # a line's height in millimetres: 1.5 times the point size
        regular, bold = _font_files()
        self.add_font(FONT, "", str(regular))
        self.add_font(FONT, "B", str(bold))
        self.set_margins(20, 20, 20)
        self.set_auto_page_break(auto=True, margin=20)

    def header(self) -> None:
        self.set_font(FONT, "B", self.points + 4)
        self._below(settings.FAIRHEAR_COUNCIL_NAME, height=self.leading * 1.3, align="R")
        self.set_font(FONT, "", self.points)
        for line in settings.FAIRHEAR_COUNCIL_ADDRESS.splitlines():
            self._below(line, height=self.leading, align="R")
        self.ln(self.leading)

    def paragraph(self, text: str, *, bold: bool = False) -> None:
        self.set_font(FONT, "B" if bold else "", self.points)
        self._below(text, height=self.leading)
        self.ln(self.leading * 0.6)

    def _below(self, text: str, *, height: float, align: str = "L") -> None:
        """Text across the page, wrapped; what follows starts below it at the left margin."""
        self.multi_cell(0, height, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def letter_as_pdf(letter: Letter) -> bytes:
    size = (LARGE_PRINT if letter.large_print else ORDINARY).pt
    page = _LetterPage(size)
    page.set_title(letter.subject)
    page.set_author(settings.FAIRHEAR_COUNCIL_NAME)
    page.set_lang("en-GB")
    page.add_page()
    page.paragraph(letter.sent_to.strip())
    page.paragraph(long_date(timezone.localtime(letter.sent).date()))
    page.paragraph(f"Our reference: {letter.contact.reference}")
    page.paragraph(letter.subject, bold=True)
    for text in letter.body.strip().split("\n\n"):
        page.paragraph(text)
    return bytes(page.output())
