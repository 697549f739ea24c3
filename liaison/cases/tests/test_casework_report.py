"""The casework report for a year or a period: web, CSV and PDF, figures only."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from liaison.cases.selectors import casework_report
from liaison.cases.services import exchange_create, jit_create, operation_create
from liaison.cases.tests.conftest import make_case, partners

pytestmark = pytest.mark.django_db


def record_2023():
    case = make_case()
    for code, kind in (("RS", "arrest_warrant"), ("ME", "mutual_legal_assistance_request")):
        exchange_create(
            user=None,
            case=case,
            data={
                "partner": partners(code)[0],
                "kind": kind,
                "direction": "outgoing",
                "channel": "liaison_prosecutor",
                "data_category": "non_personal",
                "sent_on": datetime.date(2023, 10, 2),
            },
        )
    operation_create(
        case=case,
        data={"key": "day", "title": "Action day", "date": datetime.date(2023, 10, 10)},
        partners=partners("RS", "ME", "INTERPOL"),
    )
    return case


def test_the_2023_report_lists_the_partners_with_their_figures(bob_client):
    record_2023()
    make_case(
        cms_reference="2022/0001",
        opened_on=datetime.date(2021, 1, 1),
        closed_on=datetime.date(2022, 6, 1),
        status="closed",
    )
    page = bob_client.get(reverse("cases:report"), {"year": "2023"}).content.decode()
    assert "cases involving non-EU partners: 1 (of 1 active)" in page
    assert 'data-partner="RS"' in page and 'data-partner="ME"' in page
    report = casework_report(start=datetime.date(2023, 1, 1), end=datetime.date(2023, 12, 31))
    serbia = next(row for row in report.partners if row.partner.code == "RS")
    assert (serbia.cases, serbia.exchanges, serbia.action_days) == (1, 1, 1)
    assert report.crime_areas == [("drug_trafficking", 1)]
    assert "2023/0412" not in page  # figures only, no case named


def test_demo_records_are_left_out_unless_asked_and_the_page_says_so(bob_client):
    record_2023()
    make_case(cms_reference="DEMO-1", demo=True, opened_on=datetime.date(2023, 3, 1))
    page = bob_client.get(reverse("cases:report"), {"year": "2023"}).content.decode()
    assert "(of 1 active)" in page
    assert "Demo records exist and are left out" in page
    asked = bob_client.get(reverse("cases:report"), {"year": "2023", "demo": "1"}).content.decode()
    assert "(of 2 active)" in asked


def test_it_exports_csv_and_pdf(bob_client):
    record_2023()
    csv = b"".join(bob_client.get(reverse("cases:report_csv"), {"year": "2023"}).streaming_content)
    assert '"partner","RS"' in csv.decode("utf-8-sig")
    pdf = bob_client.get(reverse("cases:report_pdf"), {"year": "2023"})
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_a_bad_period_is_said_on_the_page_and_refused_for_an_export(bob_client):
    page = bob_client.get(reverse("cases:report"), {"from": "last year"})
    assert page.status_code == 200
    assert "not written YYYY-MM-DD" in page.content.decode()
    assert bob_client.get(reverse("cases:report_csv"), {"year": "twenty"}).status_code == 400


def test_the_report_makes_the_same_queries_for_more_casework():
    record_2023()
    start, end = datetime.date(2023, 1, 1), datetime.date(2023, 12, 31)
    with CaptureQueriesContext(connection) as few:
        casework_report(start=start, end=end)
    for n in range(10):
        make_case(cms_reference=f"2023/{n:04d}", partner_codes=("RS", "UA"))
    jit_create(data={"key": "j", "name": "J", "signed_on": start}, partners=partners("UA"))
    with CaptureQueriesContext(connection) as many:
        casework_report(start=start, end=end)
    assert len(few) == len(many)
