"""Only the agency's own instruments and the Union's can be its legal basis."""

from __future__ import annotations

import datetime

import pytest

from liaison.instruments.testing.factories import InstrumentFactory, PartnerFactory, add_event
from liaison.partners.models import Partner
from liaison.partners.selectors import partner_detail
from liaison.transfers.selectors import partner_instruments
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


@pytest.mark.parametrize("read_by_the_page", [False, True])
def test_the_partner_page_and_the_register_rest_on_the_same_instruments(read_by_the_page):
    frontex = PartnerFactory(kind="eu_body", code="FRONTEX", name="Frontex")
    union = PartnerFactory(kind="eu_body", code="EU", name="European Union")
    country = PartnerFactory(kind="country", code="MD", name="Moldova")
    InstrumentFactory(partner=country, eu_party=frontex, title="Frontex's own", key="b-frontex")
    InstrumentFactory(partner=country, eu_party=union, title="The Union's", key="c-union")
    InstrumentFactory(partner=country, title="The agency's", key="a-agency")
    partners = partner_detail() if read_by_the_page else Partner.objects.all()

    found = partner_instruments(partner=partners.get(code="MD"))

    assert [instrument.title for instrument in found] == ["The agency's", "The Union's"]
