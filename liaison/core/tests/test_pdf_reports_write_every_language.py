"""The PDF reports write French, Portuguese and Spanish text as it is, signs outside
Latin-1 included (œ, ’, « », €), with the font Liaison ships (nothing fetched)."""

from __future__ import annotations

from liaison.core.pdf import FONT_DIR, report_document, report_writer
from liaison.core.testing.pdf import pdf_text

TEXTS = [
    "Cœur de l’accord : « décision d’adéquation » — 12 décembre 2019, 5 €",
    "Decisão de adequação: proteção, ações, «garantias adequadas»",
    "Decisión de adecuación: ¿Podemos enviar esto? Año, niño, España",
]


def test_the_report_builder_writes_every_sign_of_the_four_languages():
    pdf = report_document(title="Rapport « œ »")
    write = report_writer(pdf)
    for text in TEXTS:
        write(text)
    write("Titre gras : œuvre", size=14, style="B")
    text = pdf_text(bytes(pdf.output()))
    for expected in [*TEXTS, "Titre gras : œuvre"]:
        assert expected in text


def test_the_font_and_its_licence_are_shipped_with_liaison():
    assert (FONT_DIR / "DejaVuSans.ttf").stat().st_size > 100_000
    assert (FONT_DIR / "DejaVuSans-Bold.ttf").stat().st_size > 100_000
    assert "Bitstream Vera" in (FONT_DIR / "LICENSE-DejaVu.txt").read_text("utf-8")
