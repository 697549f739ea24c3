"""Reading back the text of the PDF reports in tests (their font is embedded as a subset,
so the text operators hold glyph numbers, not letters: pypdf maps them back)."""

from __future__ import annotations

import io

import pypdf


def pdf_text(data: bytes) -> str:
    """Every page's text, pages joined by a line break."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)
