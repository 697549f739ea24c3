"""The admin records exchanges through the same gate, and logs every case it shows."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from conftest import make_persona
from liaison.cases.models import Case, Exchange
from liaison.cases.services import exchange_transfer_assess
from liaison.cases.tests.conftest import LAWFUL_REQUEST, make_case
from liaison.core.models import AccessLogEntry
from liaison.partners.models import Partner

pytestmark = pytest.mark.django_db


@pytest.fixture
def erin_client(client, django_user_model):
    client.force_login(make_persona(django_user_model, "erin"))
    return client


def admin_exchange(case, partner_code, **fields):
    data = {
        "case": str(case.pk),
        "partner": str(Partner.objects.get(code=partner_code).pk),
        "kind": "interpol_notice",
        "direction": "outgoing",
        "channel": "interpol",
        "data_category": "operational_personal_data",
        "subject": "",
        "sent_on": timezone.localdate().isoformat(),
        "outcome": "pending",
        "transfer_assessment": "",
    }
    data.update(fields)
    return data


def test_the_admin_refuses_an_exchange_the_gate_refuses(
    reference_data, erin_client, django_user_model
):
    case = make_case()
    refused = exchange_transfer_assess(
        user=django_user_model.objects.get(username="erin"),
        case=case,
        partner_code="INTERPOL",
        **LAWFUL_REQUEST,
    )
    response = erin_client.post(
        "/admin/cases/exchange/add/",
        admin_exchange(case, "INTERPOL", transfer_assessment=str(refused.pk)),
    )
    assert response.status_code == 200  # the form again, with the refusal
    assert "cannot be recorded as sent" in response.content.decode()
    assert not Exchange.objects.exists()


def test_the_admin_records_an_exchange_the_gate_allows(
    reference_data, erin_client, django_user_model
):
    case = make_case()
    allowed = exchange_transfer_assess(
        user=django_user_model.objects.get(username="erin"),
        case=case,
        partner_code="RS",
        **LAWFUL_REQUEST,
    )
    response = erin_client.post(
        "/admin/cases/exchange/add/",
        admin_exchange(
            case,
            "RS",
            kind="arrest_warrant",
            channel="liaison_prosecutor",
            transfer_assessment=str(allowed.pk),
        ),
    )
    assert response.status_code == 302
    assert Exchange.objects.get().transfer_assessment == allowed


def test_the_admin_logs_the_cases_it_shows(erin_client):
    case = make_case()
    erin_client.get("/admin/cases/case/")
    erin_client.get(f"/admin/cases/case/{case.pk}/change/")
    entries = AccessLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Case), object_id=str(case.pk)
    )
    assert entries.count() == 2
