"""Shared data of the lifecycle tests: an EU agreement that can carry personal data, at the
Council mandate, and the Council decision cited for its next steps."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from liaison.instruments.testing.factories import InstrumentFactory, SourceFactory, add_event, cite
from liaison.partners.models import Partner

MANDATE = datetime.date(2021, 3, 1)


@pytest.fixture
def bosnia_agreement() -> Any:
    partner = Partner.objects.create(
        code="BA", kind="country", name="Bosnia and Herzegovina", competent_in_criminal_matters=True
    )
    instrument = InstrumentFactory(
        partner=partner,
        type="international_agreement",
        title="EU agreement with Bosnia and Herzegovina on cooperation with Eurojust",
    )
    cite(instrument)
    add_event(instrument, "mandate", date=MANDATE)
    return instrument


@pytest.fixture
def council_decision() -> Any:
    return SourceFactory(key="council-decision-2024-2704", title="Council Decision (EU) 2024/2704")
