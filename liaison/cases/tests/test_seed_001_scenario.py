"""The issue's "Done when", through the web: a case officer records the seed-001 operation
(October 2023: Sweden asking, Serbia, Montenegro, Interpol) with its exchanges; the
personal-data exchange to Interpol is refused at the gate with the reason, the one to Serbia
passes with its assessment linked; the partner pages show the case, the exchange counts and
the measured response times; the viewer sees only the figures."""

from __future__ import annotations

import datetime
import html
from typing import Any

import pytest
from django.urls import reverse

from liaison.cases.models import Case, Exchange
from liaison.transfers.models import TransferAssessment

pytestmark = pytest.mark.django_db

SENT = datetime.date(2023, 10, 2)
CASE = {
    "cms_reference": "2023/0412",
    "title": "Drug trafficking group steered from the Balkans",
    "crime_areas": ["drug_trafficking"],
    "member_states": ["SE"],
    "requesting_member_state": "SE",
    "partners": ["RS", "ME", "INTERPOL"],
    "opened_on": "2023-05-02",
    "status": "open",
    "tools": ["coordinated_action_day"],
    "agency_role": "Organised a coordinated action day at the request of Sweden.",
    "arrests": "1",
    "searches": "2",
    "seizures": "1",
    "extraditions": "0",
    "surrenders": "0",
    "convictions": "0",
}
QUESTION = {
    "assess-as_of": SENT.isoformat(),
    "assess-necessity": "Needed to locate and arrest the suspect.",
    "assess-receiving_authority": "the public prosecution service",
    "assess-receiving_authority_competent": "on",
    "assess-originating_member_state": "SE",
    "assess-member_state_authorisation": "prior",
}


def exchange(partner: str, kind: str, channel: str, **fields: str) -> dict[str, str]:
    data = {
        "partner": partner,
        "kind": kind,
        "direction": "outgoing",
        "channel": channel,
        "data_category": "operational_personal_data",
        "sent_on": SENT.isoformat(),
        "outcome": "pending",
        "action": "save",
    }
    data.update(fields)
    return data


def ask_then_save(client: Any, url: str, data: dict[str, str]) -> tuple[Any, TransferAssessment]:
    asked = client.post(url, {**data, **QUESTION, "action": "assess"})
    assert asked.status_code == 200
    assessment = TransferAssessment.objects.latest("pk")
    saved = client.post(url, {**data, "transfer_assessment": str(assessment.pk)})
    return saved, assessment


def test_the_seed_001_operation_end_to_end(
    reference_data, assessed_in_october_2023, carol_client, bob
):
    from django.test import Client

    bob_client = Client()
    bob_client.force_login(bob)
    created = carol_client.post(reverse("cases:case_create"), CASE)
    assert created.status_code == 302
    case = Case.objects.get(cms_reference="2023/0412")
    url = reverse("cases:exchange_create", kwargs={"pk": case.pk})

    # An international arrest warrant to Serbia, through its liaison prosecutor: allowed.
    saved, serbia = ask_then_save(
        carol_client,
        url,
        exchange(
            "RS",
            "arrest_warrant",
            "liaison_prosecutor",
            acknowledged_on="2023-10-03",
            answered_on="2023-10-06",
            outcome="executed",
        ),
    )
    assert serbia.decision == "allowed"
    assert saved.status_code == 302
    warrant = Exchange.objects.get(partner__code="RS")
    assert warrant.transfer_assessment == serbia
    assert serbia.case == case

    # A request for mutual legal assistance to Montenegro: allowed too.
    saved, montenegro = ask_then_save(
        carol_client,
        url,
        exchange(
            "ME",
            "mutual_legal_assistance_request",
            "central_authority",
            answered_on="2023-10-20",
            outcome="executed",
        ),
    )
    assert saved.status_code == 302

    # A notice through Interpol with operational personal data: refused at the gate.
    refused_page, interpol = ask_then_save(
        carol_client, url, exchange("INTERPOL", "interpol_notice", "interpol")
    )
    assert interpol.decision == "refused"
    assert refused_page.status_code == 400
    page = html.unescape(refused_page.content.decode())
    assert "cannot be recorded as sent" in page
    assert interpol.missing[0] in page
    assert not Exchange.objects.filter(partner__code="INTERPOL").exists()
    assert interpol.case == case  # the refusal stays recorded, with the case

    # Serbia's page: the case, the exchange count and the measured response time.
    window = {"casework_from": "2023-01-01", "casework_to": "2023-12-31"}
    serbia_page = html.unescape(
        carol_client.get(
            reverse("partners:partner_casework", kwargs={"code": "RS"}), window
        ).content.decode()
    )
    assert "2023/0412" in serbia_page
    assert (
        'data-year="2023"><td>2023</td><td class="cases">1</td><td class="exchanges">1<'
        in serbia_page
    )
    assert '<td class="median-answer">4</td>' in serbia_page  # sent 2 October, answered 6
    montenegro_page = html.unescape(
        carol_client.get(
            reverse("partners:partner_casework", kwargs={"code": "ME"}), window
        ).content.decode()
    )
    assert "2023/0412" in montenegro_page
    assert '<td class="median-answer">18</td>' in montenegro_page

    # The viewer sees the figures, never the case.
    viewer_page = bob_client.get(
        reverse("partners:partner_casework", kwargs={"code": "RS"}), window
    ).content.decode()
    assert '<td class="median-answer">4</td>' in viewer_page
    assert "2023/0412" not in viewer_page
    assert bob_client.get(case.get_absolute_url()).status_code == 403
