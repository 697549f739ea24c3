"""The progress report: a page, a CSV, a PDF that renders and names each priority, and the
command that writes them; all say the same as the dashboard."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from liaison.core.testing.pdf import pdf_text
from liaison.instruments.testing.factories import InstrumentFactory, add_event
from liaison.strategy.report import report_pdf
from liaison.strategy.selectors import strategy_progress
from liaison.strategy.tests.conftest import key_action, partner, working_arrangements_target

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def register(strategy):
    chile = partner("CL")
    partner("AU")
    key_action(strategy, "wa", working_arrangements_target("CL", "AU"), priority=2)
    key_action(strategy, "story", {"kind": "narrative"}, priority=3)
    add_event(InstrumentFactory(partner=chile), "in_force", datetime.date(2024, 9, 1))
    return strategy


def test_the_pdf_renders_and_names_each_priority_and_its_progress(register):
    data = report_pdf(strategy_progress(strategy=register), compress=False)
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    text = " ".join(pdf_text(data).split())
    for number in range(1, 7):
        assert f"Priority {number}: Priority title {number}" in text
    assert "50 % (1 / 2)" in text
    assert "Done: Partner CL" in text


def test_the_pdf_download_is_a_pdf(bob_client, register):
    response = bob_client.get(reverse("strategy:report_pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


def test_the_csv_lists_every_key_action_with_its_partners(bob_client, register):
    response = bob_client.get(reverse("strategy:report_csv"))
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = body.strip().splitlines()
    assert lines[0].startswith('"priority","priority_title"')
    assert len(lines) == 3
    assert '"2.1"' in body and '"50"' in body and '"Partner CL"' in body and '"Partner AU"' in body


def test_the_report_page_says_what_the_dashboard_says(bob_client, register):
    page = bob_client.get(reverse("strategy:report")).content.decode()
    assert "50 % (1 / 2)" in page
    assert "Priority 6: Priority title 6" in page


def test_the_report_on_a_past_date_counts_what_was_in_force_then(bob_client, register):
    page = bob_client.get(reverse("strategy:report"), {"as_of": "2024-08-01"}).content.decode()
    assert "0 % (0 / 2)" in page


def test_without_a_strategy_the_report_is_not_found_with_a_message(bob_client, db):
    response = bob_client.get(reverse("strategy:report_pdf"))
    assert response.status_code == 404


def test_the_command_writes_pdf_and_csv(register, tmp_path):
    out = StringIO()
    call_command("strategy_report", str(tmp_path / "r.pdf"), stdout=out)
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF-")
    call_command("strategy_report", str(tmp_path / "r.csv"), "--as-of", "2025-01-01", stdout=out)
    assert "Partner CL" in (tmp_path / "r.csv").read_text(encoding="utf-8-sig")


def test_the_command_refuses_bad_input_with_a_message(register, tmp_path):
    with pytest.raises(CommandError, match=".pdf or .csv"):
        call_command("strategy_report", str(tmp_path / "r.txt"))
    with pytest.raises(CommandError, match="not a date"):
        call_command("strategy_report", str(tmp_path / "r.pdf"), "--as-of", "soon")


def test_the_pdf_wraps_long_texts_within_the_page_and_keeps_every_word(register):
    from fpdf import FPDF

    from liaison.strategy.report import _wrapped

    pdf = FPDF(format="A4")
    pdf.set_font("Helvetica", size=10)
    words = [f"word{n}" for n in range(300)] + ["x" * 400]
    text = " ".join(words[:150]) + "\n" + " ".join(words[150:])
    lines = list(_wrapped(text, pdf.epw, pdf.get_string_width))
    assert len(lines) > 10
    assert all(pdf.get_string_width(line) <= pdf.epw for line in lines)
    assert "".join(" ".join(lines).split()) == "".join(text.split())
    # The line break in the text starts a new line.
    assert any(line.startswith("word150") for line in lines)


def test_a_long_narrative_runs_onto_a_second_page(register):
    from liaison.strategy.models import KeyAction

    assert KeyAction.objects.filter(key="story").update(narrative="Progress reported. " * 600)
    data = report_pdf(strategy_progress(strategy=register), compress=False)
    assert data.count(b"/Type /Page") - data.count(b"/Type /Pages") >= 2
    assert "Progress reported." in pdf_text(data)


def test_the_pdf_is_written_in_the_readers_language_with_its_signs(register):
    from django.utils import translation

    register.title = "Stratégie de coopération – œuvre commune « 2025 »"
    register.save()
    with translation.override("fr"):
        data = report_pdf(strategy_progress(strategy=register), compress=False)
    assert "Stratégie de coopération – œuvre commune « 2025 »" in pdf_text(data)
