from __future__ import annotations

import datetime
from typing import Any

import pytest

from conftest import make_persona
from liaison.cases.models import Case
from liaison.cases.services import case_create
from liaison.partners.models import Partner
from liaison.transfers.models import TransferAssessment

# A request for operational personal data that the engine allows where a legal basis exists.
LAWFUL_REQUEST = {
    "data_category": "operational_personal_data",
    "necessity": "Needed to execute the arrest warrant.",
    "receiving_authority": "the public prosecution service",
    "receiving_authority_competent": True,
    "originating_member_state": "SE",
    "member_state_authorisation": "prior",
}


@pytest.fixture
def carol(django_user_model: Any) -> Any:
    return make_persona(django_user_model, "carol")


@pytest.fixture
def dave(django_user_model: Any) -> Any:
    return make_persona(django_user_model, "dave")


@pytest.fixture
def carol_client(client: Any, carol: Any) -> Any:
    client.force_login(carol)
    return client


def partners(*codes: str) -> list[Partner]:
    return [Partner.objects.get(code=code) for code in codes]


def make_case(officer: Any = None, **fields: Any) -> Case:
    """The seed-001 drug-trafficking case (SE asking, RS, ME and Interpol involved)."""
    data: dict[str, Any] = {
        "cms_reference": "2023/0412",
        "title": "Drug trafficking group steered from the Balkans",
        "crime_areas": ["drug_trafficking"],
        "member_states": ["SE"],
        "requesting_member_state": "SE",
        "opened_on": datetime.date(2023, 5, 2),
        "tools": ["coordinated_action_day"],
        "officer": officer,
    }
    data.update(fields)
    codes = data.pop("partner_codes", ("RS", "ME", "INTERPOL"))
    for code in codes:
        Partner.objects.get_or_create(
            code=code,
            defaults={
                "kind": "international_organisation" if len(code) > 2 else "country",
                "name": code,
            },
        )
    return case_create(data=data, partners=partners(*codes))


@pytest.fixture
def assessed_in_october_2023(monkeypatch: Any) -> None:
    """The assessments were asked for on the day the exchanges were sent, in 2023."""
    field = TransferAssessment._meta.get_field("assessed_at")
    moment = datetime.datetime(2023, 10, 2, 9, 0, tzinfo=datetime.UTC)
    monkeypatch.setattr(field, "default", lambda: moment)
    # Django caches how a field gets its default once a record was made: forget it.
    monkeypatch.delitem(field.__dict__, "_get_default", raising=False)
