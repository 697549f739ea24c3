"""A cooperation agreement is one the agency concluded before 12 December 2019 (Art. 80(5)):
no step of conclusion or entry into force on or after that day can be recorded on one, at
any door; and the shipped reference data holds none."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from liaison.instruments.models import Instrument, InstrumentEvent
from liaison.instruments.services import instrument_transition
from liaison.instruments.testing.factories import (
    InstrumentFactory,
    PartnerFactory,
    SourceFactory,
    add_event,
)
from liaison.reference.loader import ReferenceDataError, reference_load
from liaison.reference.tests.test_load_reference import dataset, edit  # noqa: F401

pytestmark = pytest.mark.django_db

CUTOFF = datetime.date(2019, 12, 12)


@pytest.fixture
def bolivia() -> Any:
    return PartnerFactory(code="BO", kind="country", name="Bolivia")


def payload(source: Any, *events: tuple[str, str], **changes: Any) -> dict[str, Any]:
    citation = {"source": source.key, "location": "Art. 1"}
    return {
        "key": "bo-cooperation-agreement",
        "partner": "BO",
        "type": "cooperation_agreement",
        "title": "Agreement on cooperation between the agency and Bolivia",
        "citations": [citation],
        "events": [{"kind": kind, "date": date, "citations": [citation]} for kind, date in events],
        **changes,
    }


def test_the_api_refuses_a_cooperation_agreement_signed_after_the_cut_off(api_alice, bolivia):
    source = SourceFactory(key="bo-text")
    response = api_alice.post(
        "/api/instruments/", payload(source, ("signed", "2020-02-01")), format="json"
    )
    assert response.status_code == 400
    assert "12" in str(response.json()) and "80(5)" in str(response.json())
    assert not Instrument.objects.exists()


def test_the_api_accepts_one_signed_the_day_before(api_alice, bolivia):
    source = SourceFactory(key="bo-text")
    response = api_alice.post(
        "/api/instruments/", payload(source, ("signed", "2019-12-11")), format="json"
    )
    assert response.status_code == 201, response.content


def test_the_lifecycle_refuses_an_entry_into_force_on_the_cut_off_day(alice, bolivia):
    agreement = InstrumentFactory(partner=bolivia, type="cooperation_agreement")
    add_event(agreement, "signed", date=datetime.date(2019, 6, 1))
    with pytest.raises(ValidationError, match="80\\(5\\)"):
        instrument_transition(
            instrument=agreement,
            event_kind="in_force",
            date=CUTOFF,
            source=SourceFactory(),
            user=alice,
        )


def test_an_instrument_with_a_late_signature_cannot_become_a_cooperation_agreement(bolivia):
    arrangement = InstrumentFactory(partner=bolivia, type="working_arrangement")
    add_event(arrangement, "signed", date=datetime.date(2022, 3, 1))
    arrangement.type = "cooperation_agreement"
    with pytest.raises(ValidationError) as refused:
        arrangement.full_clean()
    assert "type" in refused.value.message_dict


def test_the_loader_refuses_a_cooperation_agreement_concluded_after_the_cut_off(dataset):  # noqa: F811
    def late(records: list[dict[str, Any]]) -> None:
        serbia = next(r for r in records if r["key"] == "rs-cooperation-agreement")
        for event in serbia["events"]:
            event["date"] = datetime.date(2020, 1, 15)

    edit(dataset, "instruments", late)
    with pytest.raises(ReferenceDataError, match="80\\(5\\)"):
        reference_load(directory=Path(dataset))


@pytest.mark.usefixtures("reference_data")
def test_the_reference_data_holds_no_cooperation_agreement_concluded_after_the_cut_off():
    late = InstrumentEvent.objects.filter(
        instrument__type="cooperation_agreement",
        kind__in=["signed", "ratified", "concluded", "in_force"],
        date__gte=CUTOFF,
    )
    assert not late.exists()
    assert Instrument.objects.filter(type="cooperation_agreement").count() >= 12
