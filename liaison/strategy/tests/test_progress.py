"""Each target kind's progress, computed from crafted registers: 0%, partial, 100%, and a
partner whose instrument leaves force."""

from __future__ import annotations

import datetime

import pytest

from liaison.contacts.models import Meeting
from liaison.instruments.testing.factories import InstrumentFactory, add_event
from liaison.strategy.progress import RegisterFacts, TargetError, progress_of, target_check
from liaison.strategy.selectors import strategy_progress
from liaison.strategy.tests.conftest import (
    ON,
    contact_point,
    key_action,
    partner,
    working_arrangements_target,
)

pytestmark = [pytest.mark.django_db]


def progress_by_key(strategy, on=ON):
    return {e.key_action.key: e for e in strategy_progress(strategy=strategy, on=on).key_actions()}


def test_it_is_zero_when_no_partner_has_the_instrument(strategy):
    partner("AU"), partner("CL")
    key_action(strategy, "wa", working_arrangements_target("AU", "CL"))
    entry = progress_by_key(strategy)["wa"]
    assert entry.progress.percent == 0
    assert [p.code for p in entry.not_done] == ["AU", "CL"]


def test_it_counts_partners_whose_instrument_is_in_force(strategy):
    au, cl, _in = partner("AU"), partner("CL"), partner("IN")
    add_event(InstrumentFactory(partner=au), "signed", datetime.date(2024, 5, 1))
    add_event(InstrumentFactory(partner=cl), "in_force", datetime.date(2024, 7, 10))
    key_action(strategy, "wa", working_arrangements_target("AU", "CL", "IN"))
    entry = progress_by_key(strategy)["wa"]
    assert entry.progress.percent == 33
    assert [p.code for p in entry.done] == ["CL"]
    assert [p.code for p in entry.not_done] == ["AU", "IN"]
    assert entry.progress.figure == "1 / 3"


def test_it_is_complete_when_every_partner_is_in_force(strategy):
    for code in ("AU", "CL"):
        add_event(InstrumentFactory(partner=partner(code)), "in_force", datetime.date(2024, 7, 1))
    key_action(strategy, "wa", working_arrangements_target("AU", "CL"))
    assert progress_by_key(strategy)["wa"].progress.percent == 100


def test_a_partner_leaving_force_lowers_progress(strategy):
    instrument = InstrumentFactory(partner=partner("CL"))
    add_event(instrument, "in_force", datetime.date(2024, 7, 1))
    key_action(strategy, "wa", working_arrangements_target("CL"))
    assert progress_by_key(strategy)["wa"].progress.percent == 100
    add_event(instrument, "suspended", datetime.date(2025, 1, 1))
    assert progress_by_key(strategy)["wa"].progress.percent == 0
    # and on a date before it left, it was done
    assert progress_by_key(strategy, datetime.date(2024, 12, 1))["wa"].progress.percent == 100


def test_a_later_status_counts_as_reaching_an_earlier_one(strategy):
    icc = partner("ICC", "international_organisation")
    agreement = InstrumentFactory(partner=icc, type="international_agreement")
    add_event(agreement, "identified", datetime.date(2024, 3, 1))
    target = {
        "kind": "instrument_status",
        "instrument_type": "international_agreement",
        "status_at_least": "proposed",
        "partners": ["ICC"],
    }
    key_action(strategy, "mandates", target)
    assert progress_by_key(strategy)["mandates"].progress.percent == 0
    add_event(agreement, "mandate", datetime.date(2025, 2, 1))
    assert progress_by_key(strategy)["mandates"].progress.percent == 100


def test_an_instrument_of_another_type_does_not_count(strategy):
    add_event(
        InstrumentFactory(partner=partner("EG"), type="memorandum_of_understanding"),
        "in_force",
        datetime.date(2024, 7, 1),
    )
    key_action(strategy, "wa", working_arrangements_target("EG"))
    assert progress_by_key(strategy)["wa"].progress.percent == 0


def test_it_counts_countries_with_an_active_contact_point_against_the_baseline(strategy):
    key_action(strategy, "cps", {"kind": "active_contact_points", "baseline": 4})
    assert progress_by_key(strategy)["cps"].progress.percent == 0
    contact_point(partner("AA"))
    contact_point(partner("BB"))
    contact_point(partner("NET", "judicial_network"))  # not a country
    contact_point(
        partner("CC"), status="lapsed", ended_on=datetime.date(2025, 1, 1)
    )  # ended before ON
    entry = progress_by_key(strategy)["cps"]
    assert entry.progress.percent == 50
    assert entry.progress.figure == "2 / 4"
    for code in ("DD", "EE"):
        contact_point(partner(code))
    assert progress_by_key(strategy)["cps"].progress.percent == 100


def test_it_counts_networks_that_appointed_a_contact_point(strategy):
    networks = [partner(code, "judicial_network") for code in ("IBERRED", "WACAP")]
    key_action(
        strategy, "nets", {"kind": "network_contact_points", "partners": ["IBERRED", "WACAP"]}
    )
    assert progress_by_key(strategy)["nets"].progress.percent == 0
    contact_point(networks[0])
    entry = progress_by_key(strategy)["nets"]
    assert entry.progress.percent == 50
    assert [p.code for p in entry.not_done] == ["WACAP"]
    contact_point(networks[1])
    assert progress_by_key(strategy)["nets"].progress.percent == 100


def test_it_counts_years_with_a_contact_point_meeting(strategy):
    key_action(strategy, "meet", {"kind": "meetings_per_year"})
    assert progress_by_key(strategy)["meet"].progress.percent == 0
    Meeting.objects.create(title="Meeting", date=datetime.date(2024, 10, 1))
    entry = progress_by_key(strategy)["meet"]
    assert entry.progress.percent == 50  # 2024 done, 2025 not yet
    assert entry.done == ["2024"] and entry.not_done == ["2025"]
    Meeting.objects.create(title="Meeting", date=datetime.date(2025, 3, 1))
    assert progress_by_key(strategy)["meet"].progress.percent == 100


def test_a_narrative_key_action_has_no_percent(strategy):
    key_action(strategy, "story", {"kind": "narrative"})
    entry = progress_by_key(strategy)["story"]
    assert entry.progress.percent is None and not entry.progress.measurable


def test_a_priority_is_the_mean_of_its_measurable_key_actions(strategy):
    add_event(InstrumentFactory(partner=partner("CL")), "in_force", datetime.date(2024, 7, 1))
    partner("AU")
    key_action(strategy, "one", working_arrangements_target("CL"))
    key_action(strategy, "two", working_arrangements_target("AU"))
    key_action(strategy, "three", {"kind": "narrative"})
    first = strategy_progress(strategy=strategy, on=ON).priorities[0]
    assert first.percent == 50


@pytest.mark.parametrize(
    "target",
    [
        {"kind": "nonsense"},
        {"kind": "instrument_status", "partners": ["AU"], "instrument_type": "working_arrangement"},
        {"kind": "instrument_status", "partners": [], "status_at_least": "in_force"},
        {"kind": "active_contact_points"},
        "not a mapping",
    ],
)
def test_it_refuses_a_malformed_target_with_a_message(target):
    with pytest.raises(TargetError):
        target_check(target)


def test_the_pure_function_needs_no_database():
    day = datetime.date(2025, 1, 1)
    facts = RegisterFacts(
        on=day,
        period_start=day,
        period_end=day,
        instruments={"AU": [("working_arrangement", "in_force")]},
    )
    assert progress_of(working_arrangements_target("AU", "CL"), facts).percent == 50
