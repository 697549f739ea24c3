"""Whether an instrument binds the agency depends on its EU-side party's code (the Union's
"EU" and the Commission's "COM"). One person renaming partners must not make another EU
body's instrument count as the Union's, and so turn a refused transfer into an allowed one."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from liaison.instruments.testing.factories import InstrumentFactory, PartnerFactory, add_event
from liaison.instruments.tests.test_four_eyes_at_creation import decision

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def frontex_agreement_with_bolivia() -> Any:
    """An agreement of Frontex with Bolivia, in force (recorded earlier, by two people): it
    binds Frontex, not the agency."""
    bolivia = PartnerFactory(
        code="BO", kind="country", name="Bolivia", competent_in_criminal_matters=True
    )
    PartnerFactory(code="COM", kind="eu_body", name="European Commission")
    frontex = PartnerFactory(code="FRONTEX", kind="eu_body", name="Frontex")
    instrument = InstrumentFactory(partner=bolivia, type="cooperation_agreement", eu_party=frontex)
    add_event(instrument, "signed", datetime.date(2019, 1, 1))
    add_event(instrument, "in_force", datetime.date(2020, 1, 1))
    return instrument


def test_one_officer_cannot_make_another_bodys_agreement_the_unions(
    api_alice: Any, frontex_agreement_with_bolivia: Any
) -> None:
    assert decision(api_alice) == "refused"

    freed = api_alice.patch("/api/partners/COM/", {"code": "COM-OLD"}, format="json")
    taken = api_alice.patch("/api/partners/FRONTEX/", {"code": "COM"}, format="json")

    assert freed.status_code == 400 and "code" in freed.json()
    assert taken.status_code == 400 and "code" in taken.json()
    assert decision(api_alice) == "refused"


def test_another_partners_code_still_changes(api_alice: Any) -> None:
    PartnerFactory(code="INTERPOL-OLD", kind="international_organisation", name="Interpol")
    response = api_alice.patch("/api/partners/INTERPOL-OLD/", {"code": "INTERPOL"}, format="json")
    assert response.status_code == 200
