"""The casework pages make a fixed number of queries, whatever the number of cases and
exchanges (issue 14, scale): pinned here so that a page that starts to query per row fails.
The overdue page lists each group's oldest exchanges and counts the rest."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from liaison.cases.models import Case, Exchange
from liaison.cases.selectors import OVERDUE_SHOWN
from liaison.cases.tests.conftest import make_case
from liaison.partners.models import Partner

pytestmark = [pytest.mark.django_db]


def grow(case: Case, exchanges: int, *, overdue: bool = True) -> None:
    """`exchanges` incoming exchanges from Serbia in `case`, sent in 2023, past their
    deadline without an answer when `overdue`."""
    serbia = Partner.objects.get(code="RS")
    Exchange.objects.bulk_create(
        Exchange(
            case=case,
            partner=serbia,
            kind="request_for_information",
            direction="incoming" if n % 2 else "outgoing",
            channel="liaison_prosecutor",
            data_category="non_personal",
            sent_on=datetime.date(2023, 3, 1) + datetime.timedelta(days=n % 200),
            deadline=datetime.date(2023, 6, 1) + datetime.timedelta(days=n % 200),
            acknowledged_on=None if overdue else datetime.date(2023, 10, 1),
            answered_on=None if overdue else datetime.date(2023, 10, 2),
            outcome="pending" if overdue else "executed",
        )
        for n in range(exchanges)
    )


def queries(client: Any, url: str) -> int:
    client.get(url)  # warm the caches (content types, permissions, the session)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def constant(client: Any, url: str, more: Any) -> int:
    small = queries(client, url)
    more()
    assert queries(client, url) == small
    return small


@pytest.fixture
def caseload(carol: Any) -> Case:
    case = make_case(officer=carol)
    grow(case, 3)
    grow(case, 2, overdue=False)
    return case


def test_the_case_page(carol_client, caseload):
    url = reverse("cases:case_detail", kwargs={"pk": caseload.pk})
    assert constant(carol_client, url, lambda: grow(caseload, 60)) == PINNED["case"]


def test_the_overdue_page(carol_client, caseload, carol):
    url = reverse("cases:exchange_overdue")

    def more() -> None:
        grow(caseload, 60)
        grow(make_case(officer=carol, cms_reference="2023/0999", partner_codes=["ME"]), 5)

    assert constant(carol_client, url, more) == PINNED["overdue"]


def test_the_casework_panel_of_a_partner_page(carol_client, caseload):
    url = reverse("partners:partner_casework", kwargs={"code": "RS"})
    assert (
        constant(carol_client, url, lambda: grow(caseload, 60, overdue=False))
        == (PINNED["partner"])
    )


def test_the_casework_report(carol_client, caseload):
    url = reverse("cases:report") + "?year=2023"

    def more() -> None:
        for n in range(10):
            grow(make_case(cms_reference=f"2023/1{n:03d}"), 5)

    assert constant(carol_client, url, more) == PINNED["report"]


def test_the_casework_figures_api(carol_client, caseload):
    assert constant(carol_client, "/api/casework/figures/?year=2023", lambda: grow(caseload, 30))


def test_the_overdue_page_counts_every_group_and_lists_the_oldest(carol_client, caseload):
    grow(caseload, OVERDUE_SHOWN + 10)
    page = carol_client.get(reverse("cases:exchange_overdue")).content.decode()
    overdue = 3 + OVERDUE_SHOWN + 10
    assert f"<td>RS (RS)</td><td>{overdue}</td>" in page  # per partner: the whole count
    assert f"<td>carol</td><td>{overdue}</td>" in page  # per case officer
    assert f"{overdue} overdue exchanges, the oldest first" in page
    assert page.count('<tr class="exchange">') == OVERDUE_SHOWN
    assert f"And {overdue - OVERDUE_SHOWN} more" in page
    assert "2023-06-01" in page  # the oldest deadline is listed


# The partner page: 35 since Serbia holds its liaison prosecutor's post from the reference data
# (one query more for that channel), whatever the number of cases.
# Each page also counts the reader's unread notifications once (the menu's badge).
PINNED = {"case": 20, "overdue": 15, "partner": 21, "report": 23}
