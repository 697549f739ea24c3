"""`liaison assess-transfer`: the same question from the command line, recorded the same way."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from conftest import make_persona
from liaison.transfers.models import TransferAssessment
from liaison.transfers.tests.conftest import NECESSITY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data_module")]


def assess(*arguments: str) -> str:
    out = io.StringIO()
    call_command("assess_transfer", *arguments, stdout=out)
    return out.getvalue()


AUTHORITY = ("--receiving-authority", "Economic and Financial Crimes Commission")
AUTHORITY += ("--authority-competent",)


def test_it_prints_a_readable_refusal_and_records_it(carol):
    text = assess(
        "--partner", "NG", "--data", "operational_personal_data", "--as-of", "2025-06-01",
        "--necessity", NECESSITY, "--user", "carol", *AUTHORITY,
    )  # fmt: skip
    assert text.startswith("REFUSED: operational personal data")
    assert "not a legal basis for personal data (Art. 47(3)" in text
    assert "What would make it lawful:" in text
    assessment = TransferAssessment.objects.get()
    assert (assessment.requested_by, assessment.decision) == (carol, "refused")
    assert f"Recorded as assessment {assessment.pk}" in text


def test_it_prints_the_answer_as_json(carol):
    text = assess(
        "--partner", "ICC", "--data", "operational_personal_data", "--necessity", NECESSITY,
        *AUTHORITY,
        "--self-assessment", "--core-crimes-evidence", "--provider-approval",
        "--user", "carol", "--json",
    )  # fmt: skip
    answer = json.loads(text)
    assert answer["decision"] == "allowed_with_conditions"
    assert answer["route"] == "safeguards_self_assessment"
    assert answer["id"] == TransferAssessment.objects.get().pk


def test_it_takes_every_request_field(carol):
    answer = json.loads(
        assess(
            "--partner",
            "NG",
            "--data",
            "operational_personal_data",
            "--necessity",
            NECESSITY,
            *AUTHORITY,
            "--originating-member-state",
            "FR",
            "--authorisation",
            "general",
            "--onward-transfer-to",
            "GH",
            "--onward-transfer-authorised",
            "--onward-origin-authorised",
            "--onward-weighing",
            "Serious fraud; same purpose; Ghana's prosecutors protect the data.",
            "--derogation",
            "individual_case_tasks",
            "--justification",
            "A claim.",
            "--rights-balancing",
            "Rights do not override.",
            "--user",
            "carol",
            "--json",
        )  # fmt: skip
    )
    assert answer["decision"] == "allowed_with_conditions"
    assert answer["route"] == "derogation"
    assert (answer["originating_member_state"], answer["onward_transfer_to"]) == ("FR", "GH")
    assert answer["onward_origin_authorised"] and answer["onward_weighing"]
    assert answer["receiving_authority"] == "Economic and Financial Crimes Commission"
    assert answer["receiving_authority_competent"]


@pytest.mark.parametrize(
    ("arguments", "says"),
    [
        (["--partner", "ZZ", "--data", "non_personal"], "ZZ"),
        (["--partner", "RS", "--data", "personal"], "invalid choice"),
        (["--partner", "RS", "--data", "non_personal", "--as-of", "1/6/2025"], "YYYY-MM-DD"),
        (
            ["--partner", "RS", "--data", "non_personal", "--originating-member-state", "XX"],
            "EU Member State",
        ),
    ],
    ids=["unknown-partner", "unknown-category", "bad-date", "not-a-member-state"],
)
def test_bad_input_is_a_clear_error_and_records_nothing(carol, arguments, says):
    with pytest.raises(CommandError, match=says):
        assess(*arguments, "--user", "carol")
    assert not TransferAssessment.objects.exists()


def test_it_needs_a_user_who_may_ask(django_user_model):
    make_persona(django_user_model, "bob")
    with pytest.raises(CommandError, match="may not request"):
        assess("--partner", "RS", "--data", "non_personal", "--user", "bob")
    with pytest.raises(CommandError, match="no active user"):
        assess("--partner", "RS", "--data", "non_personal", "--user", "ghost")
    with pytest.raises(CommandError, match="--user"):
        assess("--partner", "RS", "--data", "non_personal")
    assert not TransferAssessment.objects.exists()
