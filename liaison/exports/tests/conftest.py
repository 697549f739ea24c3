"""Data and personas of the export tests: a few assessments asked by alice, exported by
dave (the data protection officer)."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.test import Client

from conftest import make_persona
from liaison.instruments.testing.factories import PartnerFactory
from liaison.transfers.testing import assessment_record


@pytest.fixture
def dave(django_user_model: Any) -> Any:
    return make_persona(django_user_model, "dave")


@pytest.fixture
def erin(django_user_model: Any) -> Any:
    return make_persona(django_user_model, "erin")


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def dave_client(dave: Any) -> Client:
    return signed_in(dave)


@pytest.fixture
def assessments(db: Any, alice: Any) -> list[Any]:
    """Five assessments, one with a text that a spreadsheet would run as a formula."""
    PartnerFactory(code="NG", kind="country", name="Nigeria", competent_in_criminal_matters=True)
    made = [
        assessment_record(user=alice, partner_code="NG", data_category="non_personal")
        for _ in range(4)
    ]
    made.append(
        assessment_record(
            user=alice,
            partner_code="NG",
            data_category="operational_personal_data",
            necessity='=HYPERLINK("http://example.invalid")',
            receiving_authority="the public prosecution service",
            receiving_authority_competent=True,
        )
    )
    return made


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
