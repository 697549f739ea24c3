"""The exchange form: the gate through the web door, and the transfer question asked in
place with the conditions its answer imposed."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse
from django.utils import timezone

from liaison.cases.models import Exchange
from liaison.cases.services import exchange_transfer_assess
from liaison.cases.tests.conftest import LAWFUL_REQUEST, make_case
from liaison.transfers.models import TransferAssessment

pytestmark = pytest.mark.django_db


def exchange_post(partner: str, **fields):
    data = {
        "partner": partner,
        "kind": "arrest_warrant",
        "direction": "outgoing",
        "channel": "liaison_prosecutor",
        "data_category": "operational_personal_data",
        "sent_on": timezone.localdate().isoformat(),
        "outcome": "pending",
        "action": "save",
    }
    data.update(fields)
    return data


def test_it_refuses_personal_data_sent_without_an_assessment(reference_data, carol_client):
    case = make_case()
    url = reverse("cases:exchange_create", kwargs={"pk": case.pk})
    response = carol_client.post(url, exchange_post("RS"))
    assert response.status_code == 400
    assert "May we send this?" in html.unescape(response.content.decode())
    assert not Exchange.objects.exists()


def test_a_refused_assessment_blocks_it_with_what_would_make_it_lawful(
    reference_data, carol_client, carol
):
    case = make_case()
    refused = exchange_transfer_assess(
        user=carol, case=case, partner_code="INTERPOL", **LAWFUL_REQUEST
    )
    url = reverse("cases:exchange_create", kwargs={"pk": case.pk})
    response = carol_client.post(
        url,
        exchange_post(
            "INTERPOL",
            kind="interpol_notice",
            channel="interpol",
            transfer_assessment=str(refused.pk),
        ),
    )
    page = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert "cannot be recorded as sent" in page
    assert refused.missing[0] in page
    assert not Exchange.objects.exists()


def test_asking_in_place_records_an_assessment_with_the_case_and_shows_its_conditions(
    reference_data, carol_client
):
    case = make_case()
    url = reverse("cases:exchange_create", kwargs={"pk": case.pk})
    response = carol_client.post(
        url,
        exchange_post(
            "RS",
            action="assess",
            **{
                "assess-necessity": "To execute the arrest warrant.",
                "assess-receiving_authority": "the public prosecution service",
                "assess-receiving_authority_competent": "on",
                "assess-originating_member_state": "SE",
                "assess-member_state_authorisation": "none",
                "assess-urgent_threat": "on",
                "assess-authorisation_not_in_time": "on",
            },
        ),
    )
    assert response.status_code == 200
    assessment = TransferAssessment.objects.get()
    assert assessment.case == case
    assert assessment.partner_code == "RS"
    assert assessment.data_category == "operational_personal_data"
    page = html.unescape(response.content.decode())
    assert assessment.conditions, "an urgent transfer without authorisation has conditions"
    for condition in assessment.conditions:
        assert condition in page
    assert not Exchange.objects.exists()  # asking records the assessment, not the exchange
    # Then saving with that answer records the exchange, linked to it.
    saved = carol_client.post(url, exchange_post("RS", transfer_assessment=str(assessment.pk)))
    assert saved.status_code == 302
    assert Exchange.objects.get().transfer_assessment == assessment


def test_the_viewer_and_cooperation_officer_may_not_record_exchanges(
    reference_data, bob_client, alice_client
):
    case = make_case()
    url = reverse("cases:exchange_create", kwargs={"pk": case.pk})
    assert bob_client.get(url).status_code == 403
    assert alice_client.get(url).status_code == 403


def test_recording_the_answer_later(reference_data, carol_client, carol):
    from liaison.cases.services import exchange_create
    from liaison.partners.models import Partner

    case = make_case()
    exchange = exchange_create(
        user=carol,
        case=case,
        data={
            "partner": Partner.objects.get(code="ME"),
            "kind": "mutual_legal_assistance_request",
            "direction": "outgoing",
            "channel": "central_authority",
            "data_category": "non_personal",
            "sent_on": timezone.localdate(),
        },
    )
    url = reverse("cases:exchange_update", kwargs={"pk": exchange.pk})
    assert carol_client.get(url).status_code == 200
    response = carol_client.post(
        url,
        exchange_post(
            "ME",
            kind="mutual_legal_assistance_request",
            channel="central_authority",
            data_category="non_personal",
            answered_on=timezone.localdate().isoformat(),
            outcome="executed",
        ),
    )
    assert response.status_code == 302
    exchange.refresh_from_db()
    assert exchange.outcome == "executed"


def test_the_assessments_the_form_offers_are_in_the_access_log(reference_data, carol_client, carol):
    from django.contrib.contenttypes.models import ContentType

    from liaison.core.models import AccessLogEntry

    case = make_case()
    own = exchange_transfer_assess(user=carol, case=case, partner_code="RS", **LAWFUL_REQUEST)
    carol_client.get(reverse("cases:exchange_create", kwargs={"pk": case.pk}))
    assert AccessLogEntry.objects.filter(
        user=carol,
        content_type=ContentType.objects.get_for_model(TransferAssessment),
        object_id=str(own.pk),
    ).exists()
