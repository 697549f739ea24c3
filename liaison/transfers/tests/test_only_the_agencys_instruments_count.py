"""Only the agency's own instruments and the Union's can be its legal basis."""

from __future__ import annotations

import datetime

import pytest

from liaison.instruments.testing.factories import InstrumentFactory, PartnerFactory, add_event
from liaison.transfers.testing import assessment_record

pytestmark = [pytest.mark.django_db]


def test_another_eu_bodys_agreement_is_not_a_basis_for_the_agency(carol):
    frontex = PartnerFactory(kind="eu_body", code="FRONTEX", name="Frontex")
    country = PartnerFactory(kind="country", code="MD", name="Moldova")
    agreement = InstrumentFactory(
        partner=country, eu_party=frontex, type="cooperation_agreement", title="Frontex agreement"
    )
    add_event(agreement, "in_force", date=datetime.date(2015, 1, 1))
    assessment = assessment_record(
        user=carol,
        partner_code="MD",
        data_category="operational_personal_data",
        necessity="Locate a witness",
        receiving_authority="the public prosecution service",
        receiving_authority_competent=True,
    )
    assert assessment.decision == "refused"
    assert assessment.instruments_relied_on == []
