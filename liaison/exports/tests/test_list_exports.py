"""Every list as CSV or XLSX through the one exporter: the list's filters, translated
headers, formula-safe cells in both formats, personal data for those who may see it and
logged as exported, demo records only when asked, and the background path in XLSX."""

from __future__ import annotations

import csv
import datetime
import io
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from conftest import make_persona
from liaison.cases.tests.conftest import make_case
from liaison.contacts.services import contact_point_create
from liaison.core.models import AccessAction, AccessLogEntry
from liaison.engagements.services import engagement_create
from liaison.exports.models import Export, ExportStatus
from liaison.exports.services import export_write
from liaison.instruments.testing.factories import InstrumentFactory, PartnerFactory, add_event

pytestmark = [pytest.mark.django_db]


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def body(response: Any) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def sheet_rows(response: Any) -> list[list[Any]]:
    book = load_workbook(io.BytesIO(body(response)), read_only=True)
    return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]


def csv_rows(response: Any) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    return list(csv.reader(io.StringIO(text)))


@pytest.fixture
def partners() -> Any:
    serbia = PartnerFactory(code="RS", kind="country", name="Serbia", aliases=["=SUM(A1)"])
    PartnerFactory(code="INTERPOL", name="Interpol")
    add_event(InstrumentFactory(partner=serbia, title="Working arrangement with Serbia"))
    return serbia


def contact_point(partner: Any, name: str) -> Any:
    return contact_point_create(
        partner=partner,
        name=name,
        organisation="Ministry of Justice",
        appointing_body="Ministry of Justice",
        appointing_body_kind="competent_authority",
        appointed_on="2024-01-01",
    )


def test_the_partner_list_as_xlsx_keeps_its_filters_and_the_status_date(alice, partners):
    response = signed_in(alice).get(
        "/exports/lists/partners.xlsx", {"kind": "country", "as_of": "2021-06-01"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = sheet_rows(response)
    assert rows[0][:3] == ["Code", "Name", "Kind"]
    assert [row[0] for row in rows[1:]] == ["RS"]  # Interpol is not a country
    assert "Working arrangement with Serbia" in rows[1][5]
    assert "in force" in rows[1][5]


def test_a_cell_that_would_be_a_formula_is_text_in_xlsx_and_csv(alice, partners):
    rows = sheet_rows(signed_in(alice).get("/exports/lists/partners.xlsx", {"search": "Serbia"}))
    assert rows[1][3] == "'=SUM(A1)"
    book = load_workbook(io.BytesIO(body(signed_in(alice).get("/exports/lists/partners.xlsx"))))
    cells = [cell for row in book.worksheets[0].iter_rows() for cell in row]
    assert not [cell for cell in cells if cell.data_type == "f"]
    text_rows = csv_rows(signed_in(alice).get("/exports/lists/partners.csv", {"search": "Serbia"}))
    assert text_rows[1][3] == "'=SUM(A1)"


def test_every_list_page_links_to_its_export_with_its_filters(alice, partners):
    page = signed_in(alice).get("/partners/", {"kind": "country"}).content.decode()
    assert "/exports/lists/partners.csv?kind=country" in page
    assert "/exports/lists/partners.xlsx?kind=country" in page


def test_contact_points_are_refused_to_the_viewer_and_logged_as_exported(alice, bob, partners):
    for name in ("Ana", "Marko"):
        contact_point(partners, name)
    assert signed_in(bob).get("/exports/lists/contact-points.xlsx").status_code == 403
    rows = sheet_rows(signed_in(alice).get("/exports/lists/contact-points.xlsx"))
    assert sorted(row[2] for row in rows[1:]) == ["Ana", "Marko"]
    logged = AccessLogEntry.objects.filter(username="alice", action=AccessAction.EXPORT)
    assert sorted(logged.values_list("object_repr", flat=True)) == sorted(
        str(c) for c in partners.contact_points.all()
    )


def test_demo_cases_stay_out_of_the_export_unless_asked_for(django_user_model):
    make_case(cms_reference="REAL/1")
    make_case(cms_reference="DEMO/1", demo=True)
    carol = signed_in(make_persona(django_user_model, "carol"))
    rows = csv_rows(carol.get("/exports/lists/cases.csv"))
    assert [row[0] for row in rows[1:]] == ["REAL/1"]
    rows = csv_rows(carol.get("/exports/lists/cases.csv", {"demo": "true"}))
    assert sorted(row[0] for row in rows[1:]) == ["DEMO/1", "REAL/1"]


def test_a_filter_that_is_not_understood_exports_nothing(alice, partners):
    response = signed_in(alice).get("/exports/lists/partners.xlsx", {"region": "nowhere"})
    assert response.status_code == 400


def test_an_unknown_list_or_format_is_not_found(alice):
    assert signed_in(alice).get("/exports/lists/nothing.csv").status_code == 404
    assert signed_in(alice).get("/exports/lists/partners.pdf").status_code == 404


def test_a_large_xlsx_export_is_written_in_the_background(alice, partners, settings, tmp_path):
    settings.EXPORT_ROOT = tmp_path
    settings.EXPORT_MAX_ROWS_INLINE = 1
    client = signed_in(alice)
    offer = client.get("/exports/lists/partners.xlsx")
    assert b"export in the background" in offer.content
    asked = client.post("/exports/lists/partners.xlsx?kind=country")
    assert asked.status_code == 303
    export = Export.objects.get()
    assert (export.kind, export.file_format, export.query) == ("partners", "xlsx", "kind=country")
    assert export.language == "en"  # the headers are written in the asker's language
    export_write(str(export.pk))
    export.refresh_from_db()
    assert export.status == ExportStatus.READY
    download = client.get(f"/exports/{export.pk}/download/")
    assert download["Content-Disposition"].endswith('.xlsx"')
    rows = sheet_rows(download)
    assert [row[0] for row in rows[1:]] == ["RS"]


def test_the_change_log_export_logs_the_personal_data_records_it_names(alice, partners):
    contact_point(partners, "Ana")
    rows = sheet_rows(signed_in(alice).get("/exports/lists/change-log.xlsx"))
    assert rows[0][:3] == ["When", "Who", "Change"]
    assert any(row[3] == "contacts.contactpoint" for row in rows[1:])
    exported = AccessLogEntry.objects.filter(username="alice", action=AccessAction.EXPORT)
    assert exported.filter(content_type__model="contactpoint").count() == 1


def test_the_viewer_gets_no_change_log_export(bob):
    assert signed_in(bob).get("/exports/lists/change-log.csv").status_code == 403


@pytest.mark.parametrize("kind", ["partners", "instruments", "engagements", "contact-points"])
def test_an_export_makes_as_many_queries_for_many_rows_as_for_few(alice, kind):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = signed_in(alice)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            body(client.get(f"/exports/lists/{kind}.xlsx"))
        return len(captured)

    def add(count: int) -> None:
        for _ in range(count):
            instrument = InstrumentFactory()
            add_event(instrument)
            contact_point(instrument.partner, "Someone")
            engagement_create(
                data={
                    "kind": "technical_meeting",
                    "title": "Workshop",
                    "start_date": datetime.date(2024, 5, 2),
                    "partners": [instrument.partner],
                }
            )

    add(2)
    few = queries()
    add(8)
    assert queries() == few
