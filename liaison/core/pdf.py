"""One place that sets up Liaison's PDF reports (fpdf2): page, metadata and a Unicode font.

The font is DejaVu Sans, shipped in liaison/core/fonts with its licence: the built-in PDF
fonts know Latin-1 only, and reports in French, Portuguese and Spanish need œ, ’, « », €..."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from fpdf import FPDF

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_FAMILY = "LiaisonSans"
_FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}


def report_document(*, title: str, compress: bool = True) -> FPDF:
    """A new A4 document with its first page, titled `title`, writing in the Unicode font."""
    pdf = FPDF(format="A4")
    pdf.set_compression(compress)
    for style, filename in _FONT_FILES.items():
        pdf.add_font(FONT_FAMILY, style=style, fname=str(FONT_DIR / filename))
    pdf.set_title(str(title))
    pdf.set_creator("Liaison")
    pdf.set_lang(_pdf_language())
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font(FONT_FAMILY, size=10)
    return pdf


def _pdf_language() -> str:
    from django.utils import translation

    return translation.get_language() or "en"


def wrapped_lines(text: str, width: float, measure: Callable[[str], float]) -> Iterator[str]:
    """`text` in lines no wider than `width`, broken between words (a word wider than a
    line is broken between characters); each line of the text starts a new line."""
    space = measure(" ")
    for paragraph in text.split("\n"):
        line: list[str] = []
        used = 0.0
        for word in paragraph.split(" "):
            size = measure(word)
            while size > width:  # a word longer than a line: as much of it as fits
                if line:
                    yield " ".join(line)
                    line, used = [], 0.0
                cut = len(word)
                while cut > 1 and measure(word[:cut]) > width:
                    cut -= 1
                yield word[:cut]
                word = word[cut:]
                size = measure(word)
            wanted = size if not line else used + space + size
            if line and wanted > width:
                yield " ".join(line)
                line, used = [word], size
            else:
                line.append(word)
                used = wanted
        yield " ".join(line)


def report_writer(pdf: FPDF) -> Callable[..., None]:
    """A `write(text, size=10, style="", space=1)` that adds wrapped text to `pdf`.

    Lines are wrapped here, each word measured once: fpdf's own wrapping measures the line
    again at each character, which made a long report cost ten times a page."""
    width = pdf.epw
    # A word's width, measured once per font and size: measuring with an embedded font
    # shapes the text each time, and a report repeats its words a lot.
    widths: dict[tuple[str, int, str], float] = {}

    def write(text: Any, size: int = 10, style: str = "", space: float = 1) -> None:
        text = str(text)
        if not text:
            return
        pdf.set_font(FONT_FAMILY, style=style, size=size)

        def measure(word: str) -> float:
            key = (style, size, word)
            if key not in widths:
                widths[key] = pdf.get_string_width(word)
            return widths[key]

        for line in wrapped_lines(text, width, measure):
            pdf.cell(width, size * 0.5, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(space)

    return write
