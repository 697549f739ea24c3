"""Measured responsiveness per partner and per channel, on partner pages and in the
"How to reach" panel."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from liaison.cases.selectors import months_before, partner_figures, responsiveness
from liaison.cases.services import exchange_create
from liaison.cases.tests.conftest import make_case, partners

pytestmark = pytest.mark.django_db

END = datetime.date(2024, 12, 31)


def sent(case, code, channel, sent_on, *, ack=None, answer=None, outcome="pending", **fields):
    data = {
        "partner": partners(code)[0],
        "kind": "mutual_legal_assistance_request",
        "direction": "outgoing",
        "channel": channel,
        "data_category": "non_personal",
        "sent_on": sent_on,
        "acknowledged_on": ack,
        "answered_on": answer,
        "outcome": outcome,
    }
    data.update(fields)
    return exchange_create(user=None, case=case, data=data)


def day(n: int) -> datetime.date:
    return datetime.date(2024, 1, 1) + datetime.timedelta(days=n)


def test_it_measures_medians_and_shares_per_partner_and_channel():
    case = make_case()
    sent(case, "RS", "liaison_prosecutor", day(0), ack=day(1), answer=day(4), outcome="executed")
    sent(case, "RS", "liaison_prosecutor", day(10), ack=day(13), answer=day(50), outcome="executed")
    sent(case, "RS", "central_authority", day(20), answer=day(140), outcome="refused")
    sent(case, "RS", "central_authority", day(30))  # not answered yet
    table = responsiveness(end=END)
    serbia = table.per_partner[partners("RS")[0].pk]
    assert serbia.exchanges == 4
    assert serbia.median_days_to_acknowledge == 2  # 1 and 3 days
    assert serbia.median_days_to_answer == 40  # 4, 40 and 120 days
    assert serbia.answered_within_30 == 0.25
    assert serbia.answered_within_90 == 0.5
    assert serbia.refused == 0.25
    prosecutor = table.per_channel[(partners("RS")[0].pk, "liaison_prosecutor")]
    assert prosecutor.exchanges == 2
    assert prosecutor.median_days_to_answer == 22  # 4 and 40 days


def test_it_counts_only_what_was_sent_in_the_window_and_outgoing():
    case = make_case()
    sent(case, "ME", "central_authority", datetime.date(2023, 6, 1))  # before the window
    sent(case, "ME", "central_authority", day(5), direction="incoming")
    sent(case, "ME", "central_authority", day(6))
    table = responsiveness(end=END)
    assert table.start == datetime.date(2023, 12, 31)
    assert table.per_partner[partners("ME")[0].pk].exchanges == 1
    wider = responsiveness(end=END, start=datetime.date(2023, 1, 1))
    assert wider.per_partner[partners("ME")[0].pk].exchanges == 2


def test_demo_exchanges_are_left_out_unless_asked():
    demo = make_case(cms_reference="DEMO-1", demo=True)
    sent(demo, "RS", "interpol", day(1))
    assert responsiveness(end=END).per_partner == {}
    assert responsiveness(end=END, include_demo=True).per_partner


def test_it_makes_one_query_whatever_the_number_of_partners_and_exchanges():
    case = make_case()
    sent(case, "RS", "interpol", day(1))
    with CaptureQueriesContext(connection) as few:
        responsiveness(end=END)
    for n in range(15):
        sent(
            case,
            ("RS", "ME", "INTERPOL")[n % 3],
            "diplomatic",
            day(n + 2),
            answer=day(n + 9),
            outcome="executed",
        )
    with CaptureQueriesContext(connection) as many:
        responsiveness(end=END)
    assert len(few) == len(many) == 1


def test_figures_per_year_count_cases_exchanges_jits_and_action_days():
    from liaison.cases.services import jit_create, operation_create

    case = make_case()
    sent(case, "RS", "liaison_prosecutor", datetime.date(2023, 10, 2))
    sent(case, "RS", "liaison_prosecutor", datetime.date(2024, 2, 1))
    operation_create(
        case=case,
        data={"key": "day", "title": "Action day", "date": datetime.date(2023, 10, 10)},
        partners=partners("RS", "ME"),
    )
    jit_create(
        data={
            "key": "jit",
            "name": "JIT",
            "member_states": ["SE"],
            "signed_on": datetime.date(2022, 3, 1),
        },
        partners=partners("RS"),
    )
    make_case(cms_reference="DEMO", demo=True)
    years = {y.year: y for y in partner_figures(partner=partners("RS")[0])}
    assert (years[2023].cases, years[2023].exchanges, years[2023].action_days) == (1, 1, 1)
    assert years[2023].crime_areas == {"drug_trafficking": 1}
    assert years[2024].exchanges == 1
    assert years[2022].jits == 1


def test_months_before_keeps_the_day_or_the_months_last():
    assert months_before(datetime.date(2024, 3, 31), 1) == datetime.date(2024, 2, 29)
    assert months_before(datetime.date(2024, 1, 15), 12) == datetime.date(2023, 1, 15)
