"""`liaison import-cases`: checked whole first, every problem by row and column, all or nothing."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from liaison.cases.models import Case, Exchange
from liaison.cases.tests.conftest import make_case

pytestmark = pytest.mark.django_db

HEADER = (
    "record,cms_reference,title,crime_areas,member_states,requesting_member_state,partners,"
    "opened_on,partner,kind,direction,channel,data_category,sent_on,answered_on,outcome\n"
)
GOOD = (
    HEADER
    + "case,2024/0001,Cocaine route,drug_trafficking;money_laundering,SE;NL,SE,RS;ME,2024-01-10,"
    ",,,,,,,\n"
    + "exchange,2024/0001,,,,,,,ME,mutual_legal_assistance_request,outgoing,central_authority,"
    "non_personal,2024-02-01,2024-03-01,executed\n"
)


def run(path: Path, user: str = "carol") -> str:
    out = StringIO()
    call_command("import_cases", str(path), "--user", user, stdout=out)
    return out.getvalue()


@pytest.fixture
def partners_known():
    make_case(cms_reference="EXISTING")  # creates RS, ME and INTERPOL


def test_it_imports_cases_and_their_exchanges(tmp_path, carol, partners_known):
    path = tmp_path / "export.csv"
    path.write_text(GOOD, encoding="utf-8")
    assert "Imported 1 cases and 1 exchanges" in run(path)
    case = Case.objects.get(cms_reference="2024/0001")
    assert case.crime_areas == ["drug_trafficking", "money_laundering"]
    assert Exchange.objects.get(case=case).outcome == "executed"


def test_every_problem_is_named_by_row_and_column_and_nothing_is_kept(
    tmp_path, carol, partners_known
):
    bad = (
        GOOD
        + "case,2024/0002,Fraud,piracy,SE,SE,RS,2024-13-01,,,,,,,,\n"
        + "exchange,2024/0009,,,,,,,RS,arrest_warrant,outgoing,interpol,non_personal,,,\n"
        + "exchange,2024/0001,,,,,,,INTERPOL,interpol_notice,outgoing,interpol,"
        "operational_personal_data,2024-02-02,,pending\n" + "memo,,,,,,,,,,,,,,,\n"
    )
    path = tmp_path / "export.csv"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(CommandError) as error:
        run(path)
    message = str(error.value)
    assert "row 4, column opened_on: not a date written YYYY-MM-DD" in message
    assert "row 5, column cms_reference" in message
    assert "row 6, column partner" in message  # Interpol is not among the case's partners
    assert "row 7, column record" in message
    assert not Case.objects.filter(cms_reference="2024/0001").exists()
    assert not Exchange.objects.exists()


def test_the_gate_holds_for_imported_exchanges(tmp_path, carol, partners_known):
    rows = GOOD.replace(
        "non_personal,2024-02-01,2024-03-01,executed",
        "operational_personal_data,2024-02-01,,pending",
    )
    path = tmp_path / "export.csv"
    path.write_text(rows, encoding="utf-8")
    with pytest.raises(CommandError) as error:
        run(path)
    assert "row 3, column transfer_assessment" in str(error.value)
    assert not Case.objects.filter(cms_reference="2024/0001").exists()


def test_only_those_who_may_record_cases_import(tmp_path, alice, partners_known):
    path = tmp_path / "export.csv"
    path.write_text(GOOD, encoding="utf-8")
    with pytest.raises(CommandError, match="may not record cases"):
        run(path, user="alice")


def _xlsx(path: Path, rows: list[list[str]]) -> None:
    """A workbook as spreadsheet programs write one, empty cells left empty."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for values in rows:
        sheet.append([value or None for value in values])
    book.save(path)


def test_it_reads_an_xlsx_workbook(tmp_path, carol, partners_known):
    import csv

    rows = list(csv.reader(StringIO(GOOD)))
    path = tmp_path / "export.xlsx"
    _xlsx(path, rows)
    assert "Imported 1 cases and 1 exchanges" in run(path)


def test_a_file_that_is_not_a_workbook_is_refused(tmp_path, carol):
    path = tmp_path / "export.xlsx"
    path.write_text("not a zip", encoding="utf-8")
    with pytest.raises(CommandError, match="not a readable XLSX"):
        run(path)
