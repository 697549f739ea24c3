"""The gate, in the service: operational personal data goes out only under an assessment
for that partner, made on or before the sending date, that allowed it."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from liaison.cases.models import Exchange
from liaison.cases.services import exchange_create, exchange_transfer_assess, exchange_update
from liaison.cases.tests.conftest import LAWFUL_REQUEST, make_case, partners
from liaison.transfers.testing import assessment_record

pytestmark = pytest.mark.django_db


def outgoing(partner_code: str, **fields):
    data = {
        "partner": partners(partner_code)[0],
        "kind": "arrest_warrant",
        "direction": "outgoing",
        "channel": "liaison_prosecutor",
        "data_category": "operational_personal_data",
        "sent_on": timezone.localdate(),
    }
    data.update(fields)
    return data


def test_it_refuses_personal_data_sent_without_an_assessment(reference_data, carol):
    case = make_case()
    with pytest.raises(ValidationError) as error:
        exchange_create(user=carol, case=case, data=outgoing("RS"))
    assert "May we send this?" in error.value.message_dict["transfer_assessment"][0]
    assert not Exchange.objects.exists()


def test_it_records_it_under_an_assessment_that_allowed_it(reference_data, carol):
    case = make_case()
    assessment = exchange_transfer_assess(
        user=carol, case=case, partner_code="RS", **LAWFUL_REQUEST
    )
    assert assessment.decision == "allowed"
    exchange = exchange_create(
        user=carol, case=case, data=outgoing("RS", transfer_assessment=assessment)
    )
    assessment.refresh_from_db()
    assert exchange.transfer_assessment == assessment
    assert assessment.case == case


def test_a_refusal_blocks_it_and_says_what_would_make_it_lawful(reference_data, carol):
    case = make_case()
    refused = exchange_transfer_assess(
        user=carol, case=case, partner_code="INTERPOL", **LAWFUL_REQUEST
    )
    assert refused.decision == "refused"
    with pytest.raises(ValidationError) as error:
        exchange_create(
            user=carol,
            case=case,
            data=outgoing(
                "INTERPOL", kind="interpol_notice", channel="interpol", transfer_assessment=refused
            ),
        )
    message = error.value.message_dict["transfer_assessment"][0]
    assert "refused" in message
    assert "Art. 218 TFEU" in message  # from the assessment's own record of what is missing
    assert not Exchange.objects.exists()
    # The refused assessment itself stays recorded, with the case.
    refused.refresh_from_db()
    assert refused.case == case


def test_it_refuses_an_assessment_for_another_partner(reference_data, carol):
    case = make_case()
    for_serbia = exchange_transfer_assess(
        user=carol, case=case, partner_code="RS", **LAWFUL_REQUEST
    )
    with pytest.raises(ValidationError) as error:
        exchange_create(user=carol, case=case, data=outgoing("ME", transfer_assessment=for_serbia))
    assert "not for ME" in error.value.message_dict["transfer_assessment"][0]


def test_it_refuses_an_assessment_made_after_the_sending_date(reference_data, carol):
    case = make_case()
    assessment = exchange_transfer_assess(
        user=carol, case=case, partner_code="RS", **LAWFUL_REQUEST
    )
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        exchange_create(
            user=carol,
            case=case,
            data=outgoing("RS", sent_on=yesterday, transfer_assessment=assessment),
        )
    assert "after the sending date" in error.value.message_dict["transfer_assessment"][0]


def test_it_refuses_an_assessment_of_a_lesser_data_category(reference_data, carol):
    case = make_case()
    assessment = exchange_transfer_assess(
        user=carol, case=case, partner_code="RS", data_category="non_personal"
    )
    with pytest.raises(ValidationError):
        exchange_create(user=carol, case=case, data=outgoing("RS", transfer_assessment=assessment))


def test_it_checks_again_when_an_unsent_exchange_is_marked_sent(reference_data, carol):
    case = make_case()
    draft = exchange_create(user=carol, case=case, data=outgoing("RS", sent_on=None))
    with pytest.raises(ValidationError):
        exchange_update(user=carol, exchange=draft, data={"sent_on": timezone.localdate()})
    draft.refresh_from_db()
    assert draft.sent_on is None


def test_incoming_and_non_personal_exchanges_need_no_assessment(reference_data, carol):
    case = make_case()
    exchange_create(user=carol, case=case, data=outgoing("INTERPOL", data_category="non_personal"))
    exchange_create(user=carol, case=case, data=outgoing("INTERPOL", direction="incoming"))
    assert Exchange.objects.count() == 2


def test_it_refuses_someone_elses_assessment_of_another_case(reference_data, carol, alice):
    case = make_case()
    theirs = assessment_record(user=alice, partner_code="RS", **LAWFUL_REQUEST)
    with pytest.raises(ValidationError) as error:
        exchange_create(user=carol, case=case, data=outgoing("RS", transfer_assessment=theirs))
    assert "transfer_assessment" in error.value.message_dict
