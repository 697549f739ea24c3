"""`liaison generate-casework-scale` at a tiny size: marked synthetic rows, a busy partner,
and a refusal to write beside casework it did not generate."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from liaison.cases.models import Case, Exchange
from liaison.cases.services import case_create
from liaison.partners.models import Partner
from liaison.transfers.models import TransferAssessment

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def partners(db):
    for code in ("RS", "ME", "UA", "NO", "CH"):
        Partner.objects.create(code=code, kind="country", name=f"Country {code}")


def test_it_adds_the_asked_number_of_marked_rows(partners):
    out = StringIO()
    call_command("generate_casework_scale", "--cases", "30", "--exchanges", "200", stdout=out)
    assert Case.objects.count() == 30 and Exchange.objects.count() == 200
    assert not Case.objects.exclude(cms_reference__startswith="SCALE-").exists()
    assert not Case.objects.exclude(title__startswith="[SYNTHETIC]").exists()
    assert "30 synthetic cases and 200 exchanges" in out.getvalue()
    # Outgoing operational personal data only with an assessment, as the gate records it.
    assert not Exchange.objects.filter(
        direction="outgoing",
        data_category="operational_personal_data",
        transfer_assessment__isnull=True,
    ).exists()
    # Skewed: the busiest partner has more exchanges than an even share.
    busiest = out.getvalue().splitlines()[0].rsplit(" ", 1)[-1].strip(".\n")
    assert Exchange.objects.filter(partner__code=busiest).count() > 200 / 5


def test_it_adds_more_on_a_second_run_with_fresh_references(partners):
    call_command("generate_casework_scale", "--cases", "5", "--exchanges", "5", stdout=StringIO())
    call_command("generate_casework_scale", "--cases", "5", "--exchanges", "5", stdout=StringIO())
    assert Case.objects.count() == 10


def test_it_refuses_a_database_with_other_casework_unless_forced(partners):
    case_create(
        data={
            "cms_reference": "2024/0001",
            "title": "A real case",
            "crime_areas": ["fraud_and_swindling"],
            "member_states": ["FR"],
            "requesting_member_state": "FR",
            "opened_on": datetime.date(2024, 1, 1),
        }
    )
    with pytest.raises(CommandError, match="not generated"):
        call_command("generate_casework_scale", "--cases", "3", "--exchanges", "3")
    assert Case.objects.count() == 1
    call_command(
        "generate_casework_scale", "--cases", "3", "--exchanges", "3", "--force", stdout=StringIO()
    )
    assert Case.objects.count() == 4


def test_it_says_what_is_missing_without_partners(db):
    with pytest.raises(CommandError, match="load-reference"):
        call_command("generate_casework_scale", "--cases", "3", "--exchanges", "3")


def test_a_share_of_outgoing_exchanges_is_sent_with_a_synthetic_assessment(partners):
    out = StringIO()
    call_command(
        "generate_casework_scale",
        "--cases",
        "40",
        "--exchanges",
        "400",
        "--assessed-share",
        "0.1",
        stdout=out,
    )
    sent = Exchange.objects.filter(transfer_assessment__isnull=False)
    assert sent.count() == 40
    assert not sent.exclude(direction="outgoing").exists()
    assert not sent.exclude(data_category="operational_personal_data").exists()
    assessments = TransferAssessment.objects.all()
    assert not assessments.exclude(necessity__startswith="[SYNTHETIC]").exists()
    routes = set(sent.values_list("transfer_assessment__route", flat=True))
    assert routes <= {"derogation", "safeguards_self_assessment", "cooperation_agreement"}
    assert "derogation" in routes
    refused = assessments.filter(decision="refused")
    assert refused.exists() and not refused.filter(exchanges__isnull=False).exists()
    assert "40 exchanges made operational transfers" in out.getvalue()
    # On the synthetic casework already there, only the assessments are added.
    call_command(
        "generate_casework_scale", "--assess-only", "--assessed-share", "0.05", stdout=StringIO()
    )
    assert Exchange.objects.count() == 400 and sent.count() == 60
