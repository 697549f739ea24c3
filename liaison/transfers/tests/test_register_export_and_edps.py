"""The data protection officer exports the register as CSV and lists the categories of
self-assessed transfers to notify to the EDPS."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.utils import timezone

from liaison.core.models import AccessLogEntry
from liaison.instruments.testing.factories import PartnerFactory
from liaison.transfers.models import TransferAssessment
from liaison.transfers.testing import assessment_record
from liaison.transfers.tests.conftest import NECESSITY

pytestmark = [pytest.mark.django_db]

SELF_ASSESSED = {
    "data_category": "operational_personal_data",
    "necessity": NECESSITY,
    "receiving_authority": "the public prosecution service",
    "receiving_authority_competent": True,
    "safeguards_self_assessment": True,
}


@pytest.fixture
def partners(db):
    return {
        "NG": PartnerFactory(
            code="NG", kind="country", name="Nigeria", competent_in_criminal_matters=True
        ),
        "ICC": PartnerFactory(
            code="ICC", name="International Criminal Court", competent_in_criminal_matters=True
        ),
    }


def exported(client, **filters):
    response = client.get("/transfer-assessments/export.csv", filters)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_the_export_is_the_filtered_register_safe_for_spreadsheets(
    partners, alice, carol, dave_client
):
    assessment_record(
        user=alice,
        partner_code="NG",
        **{
            **SELF_ASSESSED,
            "necessity": '=HYPERLINK("x")',
            "receiving_authority": "the public prosecution service",
            "receiving_authority_competent": True,
        },
    )
    assessment_record(user=carol, partner_code="ICC", data_category="non_personal")
    rows = exported(dave_client, decision="allowed_with_conditions")
    assert [(row["partner"], row["requested_by"], row["route"]) for row in rows] == [
        ("NG", "alice", "safeguards_self_assessment")
    ]
    assert rows[0]["necessity"].startswith("'=HYPERLINK")  # never a live formula
    assert "Art. 58(1)(b)" in rows[0]["legal_bases"]
    assert rows[0]["safeguards_self_assessment"] == "true"
    assert len(exported(dave_client)) == 2


def test_an_export_is_written_to_the_access_log(partners, alice, dave_client):
    assessment = assessment_record(user=alice, partner_code="NG", **SELF_ASSESSED)
    exported(dave_client)
    entry = AccessLogEntry.objects.get(username="dave")
    assert (entry.action, entry.object_id) == ("export", str(assessment.pk))


def test_it_lists_self_assessed_transfers_by_partner_and_category_with_dates(
    partners, alice, carol, dave_client
):
    for user in (alice, carol, alice):
        assessment_record(user=user, partner_code="NG", **SELF_ASSESSED)
    assessment_record(user=carol, partner_code="ICC", **SELF_ASSESSED)
    assessment_record(user=carol, partner_code="ICC", data_category="non_personal")
    assessment_record(
        user=carol,
        partner_code="ICC",
        **{
            **SELF_ASSESSED,
            "necessity": "",
            "receiving_authority": "the public prosecution service",
            "receiving_authority_competent": True,
        },
    )  # refused: nothing to notify
    page = dave_client.get("/transfer-assessments/self-assessed/")
    assert page.status_code == 200
    rows = [
        (row["partner__code"], row["data_category"], row["count"])
        for row in page.context["categories"]
    ]
    assert rows == [
        ("ICC", "operational_personal_data", 1),
        ("NG", "operational_personal_data", 3),
    ]
    nigeria = page.context["categories"][1]
    times = sorted(
        TransferAssessment.objects.filter(partner_code="NG").values_list("assessed_at", flat=True)
    )
    assert (nigeria["first"], nigeria["last"]) == (times[0], times[-1])
    assert timezone.localdate().isoformat() in page.content.decode()


def test_the_edps_list_takes_a_period(partners, alice, dave_client):
    assessment_record(user=alice, partner_code="NG", **SELF_ASSESSED)
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    page = dave_client.get("/transfer-assessments/self-assessed/", {"assessed_after": tomorrow})
    assert page.context["categories"] == []
    assert "No transfer has been allowed" in page.content.decode()
